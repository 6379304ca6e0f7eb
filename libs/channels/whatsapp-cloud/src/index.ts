export * from './whatsapp-cloud.adapter.js';
export * from './whatsapp-cloud.webhooks.js';
export * from './whatsapp-cloud-setup.dto.js';
export { WHATSAPP_CLOUD_CAPABILITIES } from './whatsapp-cloud.capabilities.js';
export { DEFAULT_API_BASE_URL, DEFAULT_API_VERSION } from './whatsapp-cloud.client.js';
export {
  classifyGraphError,
  graphError,
  graphErrorFromResponse,
  webhookError,
  DEFAULT_RATE_LIMIT_BACKOFF_MS,
  PAIR_RATE_LIMIT_BACKOFF_MS,
  type GraphErrorInput,
} from './whatsapp-cloud.errors.js';
export { MEDIA_RULES } from './whatsapp-cloud.media.js';
export { buildOutboundMessage } from './whatsapp-cloud.outbound-mapper.js';
export { parseInboundMessage, parseInboundStatus } from './whatsapp-cloud.inbound-mapper.js';
