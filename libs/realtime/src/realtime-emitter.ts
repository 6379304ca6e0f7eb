import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Server } from 'socket.io';
import { RealtimeCluster } from './realtime-cluster.js';
import { SocketPublisher } from './socket-publisher.js';

/**
 * For processes without gateways (the worker): a socket.io server that never listens, bound to the
 * cluster adapter, so what the worker publishes (message sent, delivery failed, session QR…) reaches the
 * agents connected to any hub. The streams adapter has no standalone emitter; this is its equivalent.
 */
@Injectable()
export class RealtimeEmitter implements OnModuleInit, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly cluster: RealtimeCluster,
    private readonly publisher: SocketPublisher,
  ) {}

  onModuleInit(): void {
    // Single-node mode has no worker process; with nobody to reach, publishing stays a no-op.
    if (!this.cluster.enabled) return;
    this.server = new Server({ adapter: this.cluster.adapter(), serveClient: false });
    this.publisher.attach('agents', this.server.of('/inbox'));
    this.publisher.attach('visitors', this.server.of('/webchat'));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
