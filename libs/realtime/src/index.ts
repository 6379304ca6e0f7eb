export { RealtimeModule } from './realtime.module.js';
export { RealtimeGatewaysModule } from './realtime-gateways.module.js';
export { Presence } from './presence.js';
