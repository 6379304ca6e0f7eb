/**
 * WhatsApp Cloud API wire formats: Graph error bodies, `messages` webhooks (inbound messages and statuses)
 * and `X-Hub-Signature-256`. Refs: developers.facebook.com/documentation/business-messaging/whatsapp/
 * webhooks/reference/messages/{status,text,image,location,interactive}, …/support/error-codes,
 * developers.facebook.com/docs/graph-api/guides/error-handling.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { digits, fbtraceId, unixSeconds } from './ids.js';
import type { CloudLineConfig, OutboundRecord } from './types.js';

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

export const ERROR_TITLES: Record<number, string> = {
  100: 'Invalid parameter',
  131008: 'Required parameter is missing',
  131009: 'Parameter value is not valid',
  130429: 'Rate limit hit',
  131047: 'Re-engagement message',
};

/** `message` carries the title prefixed with `(#code)`; `details` explains which rule was broken. */
export function graphError(code: number, message: string, details?: string, subcode?: number): GraphErrorBody {
  const error: GraphErrorBody['error'] = { message: `(#${code}) ${message}`, type: 'OAuthException', code, fbtrace_id: fbtraceId() };
  if (details) error.error_data = { messaging_product: 'whatsapp', details };
  if (subcode !== undefined) error.error_subcode = subcode;
  return { error };
}

export const authError = (): GraphErrorBody => ({
  error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: fbtraceId() },
});

export const unknownObject = (id: string, method: 'get' | 'post'): GraphErrorBody =>
  graphError(
    100,
    `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    undefined,
    33,
  );

export const signMeta = (appSecret: string, body: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string =>
  `${algorithm}=${createHmac(algorithm, appSecret).update(body, 'utf8').digest('hex')}`;

export const metaHeaders = (line: CloudLineConfig, body: string): Record<string, string> => ({
  'User-Agent': 'facebookexternalua',
  'X-Hub-Signature': signMeta(line.appSecret, body, 'sha1'),
  'X-Hub-Signature-256': signMeta(line.appSecret, body),
});

const metadata = (line: CloudLineConfig) => ({ display_phone_number: digits(line.displayPhoneNumber), phone_number_id: line.phoneNumberId });

export function envelope(line: CloudLineConfig, value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: line.wabaId, changes: [{ value: { messaging_product: 'whatsapp', metadata: metadata(line), ...value }, field: 'messages' }] }],
  };
}

export interface StatusError {
  code: number;
  details: string;
}

export type ConversationMap = Map<string, { id: string; expires: number }>;

/** A `statuses[]` webhook. Graph v24+ drops `conversation` and reports per-message pricing (PMP). */
export function statusWebhook(
  line: CloudLineConfig,
  record: OutboundRecord,
  status: string,
  nowMs: number,
  conversations: ConversationMap,
  error?: StatusError,
): Record<string, unknown> {
  const item: Record<string, unknown> = { id: record.id, status, timestamp: unixSeconds(nowMs), recipient_id: digits(record.to) };
  const template = record.kind === 'template';
  const major = Number(/^v(\d+)/.exec(record.apiVersion ?? '')?.[1] ?? 0);
  if (error) {
    const title = ERROR_TITLES[error.code] ?? 'Error';
    item.errors = [
      { code: error.code, title, message: title, error_data: { details: error.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' },
    ];
  } else if (status === 'sent' || status === 'delivered') {
    const category = template ? 'utility' : 'service';
    if (major >= 24) {
      item.pricing = { billable: template, pricing_model: 'PMP', type: template ? 'regular' : 'free_customer_service', category };
    } else {
      const key = `${line.phoneNumberId}|${digits(record.to)}|${category}`;
      let conversation = conversations.get(key);
      if (!conversation || conversation.expires <= nowMs) {
        conversation = { id: randomBytes(16).toString('hex'), expires: nowMs + 24 * 3600 * 1000 };
        conversations.set(key, conversation);
      }
      item.conversation = { id: conversation.id, ...(status === 'sent' ? { expiration_timestamp: unixSeconds(conversation.expires) } : {}), origin: { type: category } };
      item.pricing = { billable: template, pricing_model: 'CBP', category };
    }
  }
  return envelope(line, { statuses: [item] });
}

export interface CloudInbound {
  id: string;
  from: string;
  profileName?: string;
  nowMs: number;
  content: Record<string, unknown>;
  contextId?: string;
}

/** A `messages[]` webhook for what the customer sent: `content` is `{ type, <type>: {…} }`. */
export function inboundWebhook(line: CloudLineConfig, message: CloudInbound): Record<string, unknown> {
  const waId = digits(message.from);
  const item: Record<string, unknown> = {};
  if (message.contextId) item.context = { from: digits(line.displayPhoneNumber), id: message.contextId };
  Object.assign(item, { from: waId, id: message.id, timestamp: unixSeconds(message.nowMs), ...message.content });
  return envelope(line, { contacts: [{ profile: { name: message.profileName ?? '' }, wa_id: waId }], messages: [item] });
}
