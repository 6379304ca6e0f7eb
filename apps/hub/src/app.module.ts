import { AutomationModule } from '@concierge/automation';
import { CommerceModule } from '@concierge/commerce';
import { commercePorts } from './commerce-ports.js';
import { AppConfig, ConfigModule } from '@concierge/config';
import { ContactsModule } from '@concierge/contacts';
import { DatabaseModule } from '@concierge/database';
import { InboxModule } from '@concierge/inbox';
import { ObservabilityModule } from '@concierge/observability';
import { RealtimeGatewaysModule, RealtimeModule } from '@concierge/realtime';
import { TenancyModule } from '@concierge/tenancy';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule, type ChannelOptions } from './channels.module.js';
import { DemoController } from './demo/demo.controller.js';
import { DemoSeeder } from './demo/demo-seeder.js';
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
        DatabaseModule.forRoot(databaseUrl),
        RealtimeModule,
        ChannelsModule.forRoot(channels),
        TenancyModule,
        ContactsModule,
        InboxModule,
        RealtimeGatewaysModule,
        CommerceModule,
        // Automation answers order and product questions through the commerce bridge (feature libs never import each other).
        AutomationModule.forRoot(commercePorts),
      ],
      controllers: [DemoController, WidgetController, VisitorAttachmentsController],
      providers: [DemoSeeder],
    };
  }
}
