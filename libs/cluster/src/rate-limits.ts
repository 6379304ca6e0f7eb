import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RedisConnections } from './redis-connections.js';

export interface RateLimitOptions {
  /** Names the limiter's keys; unique per limiter. */
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
  blockDuration?: number;
}

/**
 * The one place rate limiters are made. In REDIS_URL mode the counters live in Redis, so a limit holds
 * across every hub and worker (ten guesses a minute means ten in total, not ten per instance); in
 * single-node mode they live in memory. Should Redis be unreachable, a limiter falls back to an
 * in-memory one for the time being (an insurance limiter) rather than failing the request.
 */
@Injectable()
export class RateLimits {
  private redis: ReturnType<RedisConnections['open']> | null = null;

  constructor(private readonly connections: RedisConnections) {}

  get shared(): boolean {
    return this.connections.enabled;
  }

  create(options: RateLimitOptions): RateLimiterAbstract {
    const memory = new RateLimiterMemory(options);
    if (!this.connections.enabled) return memory;
    this.redis ??= this.connections.open('rate-limits', { failFast: true });
    return new RateLimiterRedis({
      ...options,
      keyPrefix: this.connections.key('rl', options.keyPrefix),
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  }
}
