import { ChannelRegistry, type ChannelAdapter } from '@concierge/channels-core';
import { twilioAdapters } from '@concierge/channels-twilio';
import { WebchatAdapter } from '@concierge/channels-webchat';
import { WhatsappCloudAdapter } from '@concierge/channels-whatsapp-cloud';
import { WhatsappWebAdapter, type WhatsappClientFactory } from '@concierge/channels-whatsapp-web';
import { AppConfig } from '@concierge/config';
import { RealtimePublisher } from '@concierge/contracts';
import { Global, Module, type DynamicModule } from '@nestjs/common';

export interface ChannelOptions {
  /** How WhatsApp Web sessions get their browser client (default: whatsapp-web.js driving Chromium). */
  whatsappWebClients?: WhatsappClientFactory;
}

/** Every channel the hub offers. The composition root is the only place where provider adapters are named. */
export function hubChannels(realtime: RealtimePublisher, config: AppConfig, options: ChannelOptions = {}): ChannelAdapter[] {
  return [
    new WebchatAdapter(realtime),
    ...twilioAdapters(),
    new WhatsappCloudAdapter(),
    new WhatsappWebAdapter({
      dataDir: config.dataDir,
      chromiumPath: config.chromiumPath,
      maxMediaBytes: config.limits.maxMediaBytes,
      // The hub's own attachments (served at PUBLIC_URL) may be on a private address.
      trustedMediaHosts: [new URL(config.publicUrl).host],
      ...(options.whatsappWebClients && { clientFactory: options.whatsappWebClients }),
    }),
  ];
}

@Global()
@Module({})
export class ChannelsModule {
  static forRoot(options: ChannelOptions = {}): DynamicModule {
    return {
      module: ChannelsModule,
      providers: [
        {
          provide: ChannelRegistry,
          useFactory: (realtime: RealtimePublisher, config: AppConfig) => new ChannelRegistry(hubChannels(realtime, config, options)),
          inject: [RealtimePublisher, AppConfig],
        },
      ],
      exports: [ChannelRegistry],
    };
  }
}
