export * from './whatsapp-web.adapter.js';
export * from './whatsapp-web-sessions.js';
export * from './whatsapp-web-setup.dto.js';
export * from './whatsapp-client.js';
export * from './default-client-factory.js';
export { toInboundItems, toStatusItem, phoneFromDigits, chatIdFor } from './inbound-mapper.js';
export { toChannelError } from './outbound.js';
export type { BackoffOptions } from './backoff.js';
export type { DeliveryQueueOptions } from './delivery-queue.js';
export type { ReconcileOptions } from './reconcile.js';
// Test doubles, for specs and e2e suites that boot the hub without a browser.
export * from './testing/fake-whatsapp-client.js';
export * as wwebjsRaw from './testing/raw-models.js';
export type { RawMessage, RawChat, RawContact } from './testing/raw-models.js';
export * from './testing/recording-sink.js';
