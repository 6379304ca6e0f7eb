import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthChecks } from './health-checks.js';
import { HealthController } from './health.controller.js';
import { loggerParams } from './logging.js';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: { logLevel: string }): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerParams(options.logLevel))],
      controllers: [HealthController],
      providers: [HealthChecks],
      exports: [HealthChecks],
    };
  }
}
