import { AppConfig, ConfigModule } from '@concierge/config';
import { DatabaseModule } from '@concierge/database';
import { ObservabilityModule } from '@concierge/observability';
import { RealtimeGatewaysModule } from '@concierge/realtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ChannelOptions } from './channels.module.js';
import { DemoController } from './demo/demo.controller.js';
import { DemoSeeder } from './demo/demo-seeder.js';
import { featureModules } from './feature-modules.js';
import { VisitorAttachmentsController } from './widget/visitor-attachments.controller.js';
import { WidgetController } from './widget/widget.controller.js';

/** The all-in-one hub: picks the libs and wires them; no business logic lives here. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string, channels: ChannelOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ logLevel: config.logLevel }),
        DatabaseModule.forRoot(databaseUrl, config.database.poolSize),
        // Shared with the worker: a new feature module goes into feature-modules.ts, not here.
        ...featureModules(channels),
        RealtimeGatewaysModule,
      ],
      controllers: [DemoController, WidgetController, VisitorAttachmentsController],
      providers: [DemoSeeder],
    };
  }
}
