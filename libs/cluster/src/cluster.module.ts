import { Global, Module } from '@nestjs/common';
import { InstanceId } from './instance-id.js';
import { RateLimits } from './rate-limits.js';
import { RedisConnections } from './redis-connections.js';

/** Process identity, Redis connections and shared rate limits for every module (REDIS_URL mode or not). */
@Global()
@Module({
  providers: [InstanceId, RedisConnections, RateLimits],
  exports: [InstanceId, RedisConnections, RateLimits],
})
export class ClusterModule {}
