export * from './twilio.adapter.js';
export * from './twilio-client.js';
export * from './twilio-errors.js';
export * from './twilio-setup.dto.js';
export { TwilioWebhookHandler } from './twilio-webhooks.js';
export { TWILIO_API_BASE_URL, TWILIO_CHANNEL_TYPES, type TwilioChannelType, type TwilioSettings } from './twilio.types.js';
