import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HealthChecks } from './health-checks.js';
import { HealthController } from './health.controller.js';
import { AppLogger, createPino } from './logging.js';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: { logLevel: string }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [HealthChecks, { provide: AppLogger, useValue: new AppLogger(createPino(options.logLevel)) }],
      exports: [HealthChecks, AppLogger],
    };
  }
}
