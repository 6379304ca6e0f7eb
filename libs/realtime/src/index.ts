export { RealtimeModule, RealtimeEmitterModule } from './realtime.module.js';
export { RealtimeGatewaysModule } from './realtime-gateways.module.js';
export { Presence, type PresenceChange } from './presence.js';
export { ClusterIoAdapter, RealtimeCluster, RECOVERY_WINDOW_MS } from './realtime-cluster.js';
export { LeanIoAdapter } from './lean-io-adapter.js';
