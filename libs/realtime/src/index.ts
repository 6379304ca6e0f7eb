export { RealtimeModule } from './realtime.module.js';
export { RealtimeGatewaysModule } from './realtime-gateways.module.js';
export { Presence, type PresenceChange } from './presence.js';
