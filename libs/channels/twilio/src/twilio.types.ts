import { ChannelError, type ChannelContext } from '@concierge/channels-core';

export const TWILIO_CHANNEL_TYPES = ['twilio_sms', 'twilio_whatsapp'] as const;
export type TwilioChannelType = (typeof TWILIO_CHANNEL_TYPES)[number];

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Webhook and callback parameters after form decoding; a repeated name keeps every value (the signature covers them all). */
export type TwilioParams = Record<string, string | string[]>;

/** What an inbox of a Twilio type needs on every call (config + sealed credentials). */
export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  phoneNumber: string | null;
  messagingServiceSid: string | null;
  /** Origin (and optional path prefix) that stands in for https://api.twilio.com: the offline sandbox, tests. */
  apiBaseUrl: string;
  /** Secret of a Twilio webhook SharedKey, for webhooks announced by `X-Twilio-Webhooks-Signature-Settings`. */
  webhookSharedKeySecret: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Reads the inbox's settings; throws AUTH_FAILED when the SID or token is missing (a half-configured inbox). */
export function twilioSettings(ctx: ChannelContext): TwilioSettings {
  const accountSid = text(ctx.config.accountSid);
  const authToken = text(ctx.credentials?.authToken);
  if (!accountSid || !authToken) throw new ChannelError('AUTH_FAILED', 'The inbox has no Twilio Account SID or Auth Token');
  return {
    accountSid,
    authToken,
    phoneNumber: text(ctx.config.phoneNumber),
    messagingServiceSid: text(ctx.config.messagingServiceSid),
    apiBaseUrl: text(ctx.config.apiBaseUrl) ?? TWILIO_API_BASE_URL,
    webhookSharedKeySecret: text(ctx.credentials?.webhookSharedKeySecret),
  };
}

/** First value of a parameter (inbound and status parameters are never repeated in practice). */
export function param(params: TwilioParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}
