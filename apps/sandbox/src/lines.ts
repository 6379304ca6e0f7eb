import { E164 } from './ids.js';
import type { LineConfig } from './types.js';

/** The line's key in URLs and records: the Twilio phone number or the Cloud API phone number id. */
export const lineKey = (line: LineConfig): string => (line.provider === 'whatsapp_cloud' ? line.phoneNumberId : line.phoneNumber);

/** Unique per line (an SMS and a WhatsApp line may share a number): keys windows, opt-outs and rate limits. */
export const lineId = (line: LineConfig): string => `${line.provider}|${lineKey(line)}`;

export class LineConfigError extends Error {}

/** Why a line configuration is unusable, or undefined when it is fine. */
export function validateLine(config: LineConfig): string | undefined {
  const fields = config as unknown as Record<string, unknown>;
  const missing = (names: string[]) => names.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
  if (config?.provider === 'twilio_sms' || config?.provider === 'twilio_whatsapp') {
    const absent = missing(['accountSid', 'authToken', 'phoneNumber', 'webhookUrl']);
    if (absent.length) return `missing ${absent.join(', ')}`;
    if (!E164.test(config.phoneNumber)) return 'phoneNumber must be E.164 (+ and digits)';
  } else if (config?.provider === 'whatsapp_cloud') {
    const absent = missing(['phoneNumberId', 'displayPhoneNumber', 'wabaId', 'accessToken', 'appSecret', 'webhookUrl']);
    if (absent.length) return `missing ${absent.join(', ')}`;
  } else {
    return "provider must be 'twilio_sms', 'twilio_whatsapp' or 'whatsapp_cloud'";
  }
  if (!/^https?:\/\//.test(config.webhookUrl)) return 'webhookUrl must be an http(s) URL';
  if (config.ratePerSecond !== undefined && !(Number.isFinite(config.ratePerSecond) && config.ratePerSecond > 0)) {
    return 'ratePerSecond must be a positive number';
  }
  return undefined;
}
