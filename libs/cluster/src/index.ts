export { ClusterModule } from './cluster.module.js';
export { InstanceId } from './instance-id.js';
export { RedisConnections } from './redis-connections.js';
export { RateLimits, type RateLimitOptions } from './rate-limits.js';
