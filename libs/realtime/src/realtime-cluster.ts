import { RedisConnections } from '@concierge/cluster';
import type { INestApplicationContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { LeanIoAdapter } from './lean-io-adapter.js';

/** How long a dropped agent may be away and still get the events it missed on reconnect (any instance). */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * socket.io across instances in REDIS_URL mode. The streams adapter (not the pub/sub one) because a Redis
 * stream survives a Redis blip: readers resume from their last entry, and events published while Redis was
 * away wait in ioredis's offline queue. Connection-state recovery replays missed events to an agent who
 * reconnects, also on another instance (sessions are kept in Redis).
 */
@Injectable()
export class RealtimeCluster {
  constructor(private readonly connections: RedisConnections) {}

  get enabled(): boolean {
    return this.connections.enabled;
  }

  adapter(): ReturnType<typeof createAdapter> {
    const name = this.connections.key('sio');
    return createAdapter(this.connections.commands(), {
      streamName: name,
      channelPrefix: name,
      sessionKeyPrefix: `${name}:session:`,
      // Shutdown waits for the blocking read in progress: keep it short.
      blockTimeInMs: 1_000,
    });
  }
}

/** The hub's socket.io server on the cluster adapter (see RealtimeCluster). */
export class ClusterIoAdapter extends LeanIoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly cluster: RealtimeCluster,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, {
      ...options,
      // Middlewares run again on recovery: a revoked or expired token does not get its session back.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    } as ServerOptions) as Server;
    server.adapter(this.cluster.adapter());
    return server;
  }
}
