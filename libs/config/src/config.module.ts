import { Clock, SystemClock } from '@concierge/common';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.js';

/** Makes the validated AppConfig and the clock injectable everywhere (tests override Clock). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }, { provide: Clock, useClass: SystemClock }],
      exports: [AppConfig, Clock],
    };
  }
}
