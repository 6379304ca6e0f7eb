import { RealtimePublisher } from '@concierge/contracts';
import { Global, Module } from '@nestjs/common';
import { SocketPublisher } from './socket-publisher.js';
import { Presence } from './presence.js';

/** Provides the publishing port to every module; the gateways live in RealtimeGatewaysModule. */
@Global()
@Module({
  providers: [SocketPublisher, Presence, { provide: RealtimePublisher, useExisting: SocketPublisher }],
  exports: [SocketPublisher, Presence, RealtimePublisher],
})
export class RealtimeModule {}
