/**
 * Twilio wire formats: REST error bodies, the Message resource, inbound and status-callback parameters,
 * and `X-Twilio-Signature` (computed by the `twilio` package itself).
 * Refs: twilio.com/docs/messaging/api/message-resource, /docs/messaging/guides/webhook-request,
 * /docs/usage/webhooks/webhooks-security.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import segments from 'sms-segments-calculator';
import twilio from 'twilio';
import { digits, rfc2822 } from './ids.js';
import type { OutboundRecord, TwilioLineConfig } from './types.js';

export const API_VERSION = '2010-04-01';

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export const twilioError = (code: number, message: string, status = 400): TwilioErrorBody => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export const signTwilio = (authToken: string, url: string, params: Record<string, string>): string =>
  twilio.getExpectedTwilioSignature(authToken, url, params);

/** Segments Twilio would bill for this body (GSM-7 160/153, UCS-2 70/67). */
export const numSegments = (body: string): number => (body ? new segments.SegmentedMessage(body).segmentsCount : 1);

export const lineAddress = (line: TwilioLineConfig): string =>
  line.provider === 'twilio_whatsapp' ? `whatsapp:${line.phoneNumber}` : line.phoneNumber;

export const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
export const START_WORDS = new Set(['START', 'YES', 'UNSTOP', 'OPTIN']);

const messageUri = (accountSid: string, sid: string) => `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}`;

/** The JSON Message resource Twilio answers `POST …/Messages.json` (and `GET …/Messages/{sid}.json`) with. */
export function messageResource(record: OutboundRecord, line: TwilioLineConfig, createdMs: number): Record<string, unknown> {
  const form = record.request as Record<string, string | string[] | undefined>;
  const media = ([] as string[]).concat(form.MediaUrl ?? []);
  const body = typeof form.Body === 'string' ? form.Body : '';
  const latest = record.statuses.at(-1);
  const status = latest?.status ?? (form.MessagingServiceSid && !form.From ? 'accepted' : 'queued');
  const date = rfc2822(createdMs);
  const uri = messageUri(line.accountSid, record.id);
  return {
    account_sid: line.accountSid,
    api_version: API_VERSION,
    body,
    date_created: date,
    date_sent: record.statuses.some((s) => s.status === 'sent') ? rfc2822(Date.parse(record.statuses.find((s) => s.status === 'sent')!.at)) : null,
    date_updated: latest ? rfc2822(Date.parse(latest.at)) : date,
    direction: 'outbound-api',
    error_code: record.failure?.code ?? null,
    error_message: record.failure?.message ?? null,
    from: record.from,
    messaging_service_sid: typeof form.MessagingServiceSid === 'string' ? form.MessagingServiceSid : null,
    num_media: String(media.length),
    num_segments: line.provider === 'twilio_sms' ? String(numSegments(body)) : '1',
    price: null,
    price_unit: 'USD',
    sid: record.id,
    status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: record.to,
    uri: `${uri}.json`,
  };
}

/** Form parameters of a status callback (twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks). */
export function statusCallbackParams(record: OutboundRecord, line: TwilioLineConfig, status: string, errorCode?: number): Record<string, string> {
  const params: Record<string, string> = {
    ApiVersion: API_VERSION,
    AccountSid: line.accountSid,
    From: record.from ?? lineAddress(line),
    MessageSid: record.id,
    MessageStatus: status,
    SmsSid: record.id,
    SmsStatus: status,
    To: record.to,
  };
  const service = (record.request as Record<string, unknown>).MessagingServiceSid;
  if (typeof service === 'string') params.MessagingServiceSid = service;
  if (line.provider === 'twilio_whatsapp') {
    params.ChannelPrefix = 'whatsapp';
    params.ChannelToAddress = `+${digits(record.to)}`;
  }
  if (errorCode !== undefined) params.ErrorCode = String(errorCode);
  return params;
}

export interface TwilioInbound {
  sid: string;
  from: string;
  profileName?: string;
  body: string;
  media: { url: string; mimeType: string }[];
  messageType: string;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  button?: { payload: string; text: string };
  listItem?: { id: string; title: string; description?: string };
  repliedTo?: string;
}

function geo(prefix: 'From' | 'To', phone: string): Record<string, string> {
  const country = parsePhoneNumberFromString(phone)?.country ?? '';
  return { [`${prefix}Country`]: country, [`${prefix}State`]: '', [`${prefix}City`]: '', [`${prefix}Zip`]: '' };
}

/** Parameters of the incoming-message webhook, SMS/MMS or WhatsApp flavour. */
export function inboundParams(line: TwilioLineConfig, message: TwilioInbound): Record<string, string> {
  const whatsapp = line.provider === 'twilio_whatsapp';
  const params: Record<string, string> = {
    SmsMessageSid: message.sid,
    NumMedia: String(message.media.length),
    SmsSid: message.sid,
    SmsStatus: 'received',
    Body: message.body,
    To: lineAddress(line),
    NumSegments: whatsapp ? '1' : String(numSegments(message.body)),
    MessageSid: message.sid,
    AccountSid: line.accountSid,
    From: whatsapp ? `whatsapp:${message.from}` : message.from,
    ApiVersion: API_VERSION,
  };
  if (line.messagingServiceSid) params.MessagingServiceSid = line.messagingServiceSid;
  message.media.forEach((media, i) => {
    params[`MediaContentType${i}`] = media.mimeType;
    params[`MediaUrl${i}`] = media.url;
  });
  if (!whatsapp) return { ...params, ...geo('From', message.from), ...geo('To', line.phoneNumber) };

  Object.assign(params, { ProfileName: message.profileName ?? '', WaId: digits(message.from), MessageType: message.messageType, ReferralNumMedia: '0' });
  if (message.location) {
    params.Latitude = String(message.location.latitude);
    params.Longitude = String(message.location.longitude);
    if (message.location.name) params.Label = message.location.name;
    if (message.location.address) params.Address = message.location.address;
  }
  if (message.button) Object.assign(params, { ButtonPayload: message.button.payload, ButtonText: message.button.text });
  // List-picker selections: Twilio names these ListId/ListTitle/ListDescription (unverified against a live account).
  if (message.listItem) {
    Object.assign(params, { ListId: message.listItem.id, ListTitle: message.listItem.title });
    if (message.listItem.description) params.ListDescription = message.listItem.description;
  }
  if (message.repliedTo) Object.assign(params, { OriginalRepliedMessageSid: message.repliedTo, OriginalRepliedMessageSender: lineAddress(line) });
  return params;
}

export const formBody = (params: Record<string, string>): string => new URLSearchParams(params).toString();
