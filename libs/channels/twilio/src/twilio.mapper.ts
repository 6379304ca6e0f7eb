import { ChannelError, type ConsentKeyword, type InboundItem, type InboundMessageItem, type InboundStatusItem, type OutboundRequest } from '@concierge/channels-core';
import { toE164 } from '@concierge/common';
import type { MediaType, MessageContent } from '@concierge/contracts';
import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message.js';
import { mapTwilioError } from './twilio-errors.js';
import { param, type TwilioChannelType, type TwilioParams, type TwilioSettings } from './twilio.types.js';

const WHATSAPP_PREFIX = 'whatsapp:';

// Twilio's default keyword handling acts only when the whole body is the keyword, in any case
// (https://help.twilio.com/articles/223134027-Twilio-support-for-opt-out-keywords-SMS-STOP-filtering-).
const KEYWORDS = new Map<string, ConsentKeyword>([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map((k) => [k, 'opt_out'] as const),
  ...['START', 'YES', 'UNSTOP'].map((k) => [k, 'opt_in'] as const),
  ...['HELP', 'INFO'].map((k) => [k, 'help'] as const),
]);
// Advanced Opt-Out (Messaging Services) names the keyword class itself, also for custom keywords.
const OPT_OUT_TYPES = new Map<string, ConsentKeyword>([['STOP', 'opt_out'], ['START', 'opt_in'], ['HELP', 'help']]);

/** Twilio tells WhatsApp from SMS by the address alone: `whatsapp:+E164` on both ends (https://www.twilio.com/docs/whatsapp/api). */
export function withChannelPrefix(type: TwilioChannelType, address: string): string {
  return type === 'twilio_whatsapp' && !address.startsWith(WHATSAPP_PREFIX) ? `${WHATSAPP_PREFIX}${address}` : address;
}

export function mediaTypeOf(mimeType: string | undefined): MediaType {
  const major = (mimeType ?? '').split('/')[0]?.toLowerCase();
  return major === 'image' || major === 'video' || major === 'audio' ? major : 'document';
}

function consentOf(type: TwilioChannelType, params: TwilioParams, body: string): ConsentKeyword | undefined {
  const declared = OPT_OUT_TYPES.get((param(params, 'OptOutType') ?? '').toUpperCase());
  if (declared) return declared;
  return type === 'twilio_sms' ? KEYWORDS.get(body.trim().toUpperCase()) : undefined;
}

function number(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function singleContent(params: TwilioParams, body: string): MessageContent | null {
  const latitude = number(param(params, 'Latitude'));
  const longitude = number(param(params, 'Longitude'));
  if (latitude !== undefined && longitude !== undefined) {
    const name = param(params, 'Label') || undefined;
    const address = param(params, 'Address') || undefined;
    return { type: 'location', latitude, longitude, ...(name && { name }), ...(address && { address }) };
  }
  // Quick-reply / template button taps; list-picker rows arrive as ListId/ListTitle (not yet seen on a live account).
  const id = param(params, 'ButtonPayload') || param(params, 'ListId');
  const title = param(params, 'ButtonText') || param(params, 'ListTitle');
  if (id || title) {
    const description = param(params, 'ListDescription') || undefined;
    return { type: 'interactive_reply', id: id || title!, title: title || id!, ...(description && { description }) };
  }
  return body ? { type: 'text', text: body } : null;
}

/** The incoming-message webhook (https://www.twilio.com/docs/messaging/guides/webhook-request) as items. */
export function inboundItems(type: TwilioChannelType, params: TwilioParams): InboundItem[] {
  const sid = param(params, 'MessageSid') || param(params, 'SmsMessageSid');
  const from = param(params, 'From');
  if (!sid || !from) return [{ kind: 'quarantine', reason: 'Twilio message without MessageSid or From', raw: params }];
  const address = toE164(from.replace(/^whatsapp:/i, ''));
  if (!address) return [{ kind: 'quarantine', reason: `Twilio message ${sid} from an address that is not a phone number`, raw: params }];

  const body = param(params, 'Body') ?? '';
  const name = param(params, 'ProfileName') || undefined;
  const base = { kind: 'message' as const, address, profile: { ...(name && { name }), phone: address } };
  const consent = consentOf(type, params, body);
  const numMedia = Math.max(0, Math.trunc(number(param(params, 'NumMedia')) ?? 0));

  if (numMedia === 0) {
    const content = singleContent(params, body);
    if (!content) return [{ kind: 'quarantine', reason: `Twilio message ${sid} has no content Concierge understands`, raw: params }];
    return [{ ...base, sourceId: sid, content, ...(consent && { consent }) }];
  }
  // One item per attachment, so each gets its own stored media; the first keeps the SID, the body and the keyword.
  return Array.from({ length: numMedia }, (_, i): InboundItem => {
    const url = param(params, `MediaUrl${i}`);
    if (!url) return { kind: 'quarantine', reason: `Twilio message ${sid} lacks MediaUrl${i}`, raw: params };
    const mimeType = param(params, `MediaContentType${i}`) || undefined;
    const mediaType = mediaTypeOf(mimeType);
    const caption = i === 0 && body ? body : undefined;
    const item: InboundMessageItem = {
      ...base,
      sourceId: i === 0 ? sid : `${sid}:${i}`,
      content: { type: 'media', mediaType, url: '', ...(mimeType && { mimeType }), ...(caption && { caption }) },
      media: { mediaType, ref: url, ...(mimeType && { mimeType }), ...(caption && { caption }) },
    };
    if (i === 0 && consent) item.consent = consent;
    return item;
  });
}

const STATUS = new Map<string, InboundStatusItem['status']>([
  ['accepted', 'queued'],
  ['queued', 'queued'],
  ['scheduled', 'queued'],
  ['sending', 'sent'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['read', 'read'],
  ['undelivered', 'failed'],
  ['failed', 'failed'],
  ['canceled', 'failed'],
]);

/** A status callback (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks). */
export function statusItem(params: TwilioParams): InboundItem {
  const sid = param(params, 'MessageSid') || param(params, 'SmsSid');
  const reported = (param(params, 'MessageStatus') || param(params, 'SmsStatus') || '').toLowerCase();
  const status = STATUS.get(reported);
  if (!sid || !status) return { kind: 'quarantine', reason: `Twilio status callback without MessageSid or with status '${reported}'`, raw: params };
  const item: InboundStatusItem = { kind: 'status', sourceId: sid, status };
  if (status === 'failed') {
    const errorCode = param(params, 'ErrorCode');
    const error = mapTwilioError({ code: errorCode, message: param(params, 'ErrorMessage') || `message ${reported}` });
    item.error = { code: error.code, message: error.message, ...(error.options.providerCode && { providerCode: error.options.providerCode }) };
  }
  return item;
}

const CONTENT_SID = /^HX[0-9a-f]{32}$/i;

/** `messages.create` parameters for an already degraded message. */
export function createOptions(type: TwilioChannelType, settings: TwilioSettings, request: OutboundRequest): MessageListInstanceCreateOptions {
  const options: MessageListInstanceCreateOptions = { to: withChannelPrefix(type, request.recipient.address) };
  if (settings.messagingServiceSid) options.messagingServiceSid = settings.messagingServiceSid;
  else if (settings.phoneNumber) options.from = withChannelPrefix(type, settings.phoneNumber);
  else throw new ChannelError('AUTH_FAILED', 'The inbox has neither a phone number nor a Messaging Service to send from');
  if (request.statusCallbackUrl) options.statusCallback = request.statusCallbackUrl;

  const content = request.message.content;
  switch (content.type) {
    case 'text':
      options.body = content.text;
      break;
    case 'media':
      options.mediaUrl = [content.url];
      if (content.caption) options.body = content.caption;
      break;
    case 'template': {
      const contentSid = content.providerTemplateId ?? (CONTENT_SID.test(content.name) ? content.name : undefined);
      if (!contentSid) throw new ChannelError('UNSUPPORTED_CONTENT', `Template ${content.name} has no Twilio Content SID (HX…)`);
      options.contentSid = contentSid;
      if (content.variables && Object.keys(content.variables).length > 0) options.contentVariables = JSON.stringify(content.variables);
      break;
    }
    default:
      throw new ChannelError('UNSUPPORTED_CONTENT', `${type} cannot send ${content.type} content`);
  }
  return options;
}
