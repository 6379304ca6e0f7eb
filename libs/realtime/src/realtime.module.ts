import { RealtimePublisher } from '@concierge/contracts';
import { Global, Module } from '@nestjs/common';
import { Presence } from './presence.js';
import { PresenceMirror } from './presence-mirror.js';
import { RealtimeCluster } from './realtime-cluster.js';
import { RealtimeEmitter } from './realtime-emitter.js';
import { SocketPublisher } from './socket-publisher.js';

/** Provides the publishing port to every module; the gateways live in RealtimeGatewaysModule. */
@Global()
@Module({
  providers: [SocketPublisher, Presence, PresenceMirror, RealtimeCluster, { provide: RealtimePublisher, useExisting: SocketPublisher }],
  exports: [SocketPublisher, Presence, RealtimePublisher, RealtimeCluster],
})
export class RealtimeModule {}

/** Processes without gateways (the worker) publish through a detached server on the cluster adapter. */
@Module({ providers: [RealtimeEmitter] })
export class RealtimeEmitterModule {}
