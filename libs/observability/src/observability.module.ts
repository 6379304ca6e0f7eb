import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HealthChecks } from './health-checks.js';
import { HealthController } from './health.controller.js';
import { AppLogger, createPino } from './logging.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: { logLevel: string }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [HealthChecks, Metrics, { provide: AppLogger, useValue: new AppLogger(createPino(options.logLevel)) }],
      exports: [HealthChecks, Metrics, AppLogger],
    };
  }
}
