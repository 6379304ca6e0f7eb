import { AppConfig, ConfigModule } from '@concierge/config';
import { DatabaseModule } from '@concierge/database';
import { ObservabilityModule } from '@concierge/observability';
import { RealtimeEmitterModule } from '@concierge/realtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ChannelOptions } from '../../hub/src/channels.module.js';
import { featureModules } from '../../hub/src/feature-modules.js';

/**
 * The processors without the HTTP side: outbound delivery, WhatsApp Web sessions (under a lease),
 * automation's periodic pass (SLA, reassignment), video-call reminders and the replies to what those
 * sessions receive. The hub's own feature list (one list for both), minus gateways and controllers; it
 * publishes to agents through the cluster adapter.
 */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, databaseUrl: string, channels: ChannelOptions = {}): DynamicModule {
    // The worker exists to run the processors, whatever RUN_PROCESSORS says (hubs share its environment).
    const workerConfig = new AppConfig({ ...config, outbound: { ...config.outbound, runProcessors: true } });
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(workerConfig),
        ObservabilityModule.forRoot({ logLevel: config.logLevel }),
        DatabaseModule.forRoot(databaseUrl, config.database.poolSize),
        RealtimeEmitterModule,
        ...featureModules(channels),
      ],
    };
  }
}
