import { ChannelRegistry } from '@concierge/channels-core';
import { twilioAdapters } from '@concierge/channels-twilio';
import { WebchatAdapter } from '@concierge/channels-webchat';
import { WhatsappCloudAdapter } from '@concierge/channels-whatsapp-cloud';
import { RealtimePublisher } from '@concierge/contracts';
import { Global, Module } from '@nestjs/common';

/** The composition root's choice of channels: the only place where provider adapters are named. */
@Global()
@Module({
  providers: [
    {
      provide: ChannelRegistry,
      useFactory: (realtime: RealtimePublisher) => new ChannelRegistry([new WebchatAdapter(realtime), ...twilioAdapters(), new WhatsappCloudAdapter()]),
      inject: [RealtimePublisher],
    },
  ],
  exports: [ChannelRegistry],
})
export class ChannelsModule {}
