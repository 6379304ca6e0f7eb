import { AppConfig } from '@concierge/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * The Redis connections of this process in REDIS_URL mode (none in single-node mode). Every key and
 * channel is namespaced by QUEUE_PREFIX so deployments (and test runs) can share one Redis.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly opened: Redis[] = [];
  private shared: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.redisUrl !== null;
  }

  /** Prefix for every key and channel this deployment owns. */
  key(...parts: string[]): string {
    return [this.config.outbound.queuePrefix, ...parts].join(':');
  }

  /**
   * The shared command connection. Commands issued while Redis is away wait in ioredis's offline queue
   * and run when it is back (`maxRetriesPerRequest: null`): a realtime event published during a Redis
   * restart arrives late instead of never.
   */
  commands(): Redis {
    this.shared ??= this.open('commands');
    return this.shared;
  }

  /**
   * A dedicated connection (subscribers and blocking reads need their own). `failFast` connections reject
   * at once while Redis is down instead of queueing: rate limits fall back to memory rather than hang a login.
   */
  open(name: string, options: { failFast?: boolean } = {}): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const extra: RedisOptions = options.failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { maxRetriesPerRequest: null };
    const client = new Redis(this.config.redisUrl, { connectionName: `concierge-${name}`, ...extra });
    // Without a listener every reconnect attempt during an outage would be an uncaught 'error' event.
    let warned = false;
    client.on('error', (error: Error) => {
      if (!warned) this.logger.warn({ err: error, connection: name }, 'Redis connection error (retrying)');
      warned = true;
    });
    client.on('ready', () => (warned = false));
    this.opened.push(client);
    return client;
  }

  onApplicationShutdown(): void {
    for (const client of this.opened) client.disconnect();
    this.opened.length = 0;
    this.shared = null;
  }
}
