import { AutomationModule } from '@concierge/automation';
import { ClusterModule } from '@concierge/cluster';
import { CommerceModule } from '@concierge/commerce';
import { ContactsModule } from '@concierge/contacts';
import { InboxModule } from '@concierge/inbox';
import { RealtimeModule } from '@concierge/realtime';
import { TenancyModule } from '@concierge/tenancy';
import { VideoModule } from '@concierge/video';
import type { DynamicModule, Type } from '@nestjs/common';
import { callPageDir } from './call-page.js';
import { ChannelsModule, type ChannelOptions } from './channels.module.js';
import { commercePorts } from './commerce-ports.js';

/**
 * The libs every process of a deployment runs, hub and worker alike (apps/worker imports this list): a
 * feature module added here gets its processors, listeners and sweepers in the worker too. What only the
 * hub has (socket.io gateways, the demo and widget controllers) stays in AppModule.
 */
export function featureModules(channels: ChannelOptions = {}): (Type | DynamicModule)[] {
  return [
    ClusterModule,
    RealtimeModule,
    ChannelsModule.forRoot(channels),
    TenancyModule,
    ContactsModule,
    InboxModule,
    CommerceModule,
    // Automation answers order and product questions through the commerce bridge (feature libs never import each other).
    AutomationModule.forRoot(commercePorts),
    // Video calls: the call page is the Vite build of apps/call.
    VideoModule.forRoot({ callPageDir: callPageDir() }),
  ];
}
