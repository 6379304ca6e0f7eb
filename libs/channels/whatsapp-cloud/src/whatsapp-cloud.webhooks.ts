import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  WebhookHandler,
  WebhookRejection,
  type ChannelContext,
  type InboundItem,
  type WebhookReply,
  type WebhookRequest,
  type WebhookRoute,
} from '@concierge/channels-core';
import { readWebhookSettings } from './whatsapp-cloud.client.js';
import { parseInboundMessage, parseInboundStatus } from './whatsapp-cloud.inbound-mapper.js';
import type { GraphWebhookValue } from './whatsapp-cloud.types.js';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Equal-time comparison of two secrets of any length (hashing first hides the length too). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

function header(request: WebhookRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : request.headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** `hub.mode` arrives as a flat key (simple query parser) or nested (`qs` with dots enabled). */
function hubParam(query: Record<string, unknown>, name: 'mode' | 'verify_token' | 'challenge'): string | undefined {
  const hub = query.hub;
  const value = query[`hub.${name}`] ?? (typeof hub === 'object' && hub !== null ? (hub as Record<string, unknown>)[name] : undefined);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Meta's webhook protocol (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview):
 * a GET verification handshake, then signed POSTs that batch messages and statuses of every number the
 * app is subscribed to. Meta retries non-200 answers for days, so only a body that is not a WhatsApp
 * webhook at all is refused; one bad entry is quarantined and the rest goes through.
 */
export class WhatsappCloudWebhooks extends WebhookHandler {
  readonly provider = 'whatsapp';
  readonly routes: readonly WebhookRoute[] = ['events'];

  override handshake(request: WebhookRequest, ctx: ChannelContext): WebhookReply | null {
    if (request.route !== 'events') return null;
    const { verifyToken } = readWebhookSettings(ctx);
    const token = hubParam(request.query, 'verify_token');
    const challenge = hubParam(request.query, 'challenge');
    const valid = hubParam(request.query, 'mode') === 'subscribe' && verifyToken !== null && token !== undefined && sameSecret(token, verifyToken);
    if (!valid || challenge === undefined) return { status: 403, contentType: 'text/plain', body: 'Forbidden' };
    return { status: 200, contentType: 'text/plain', body: challenge };
  }

  verify(request: WebhookRequest, ctx: ChannelContext): void {
    const { appSecret } = readWebhookSettings(ctx);
    const match = SIGNATURE.exec(header(request, 'x-hub-signature-256') ?? '');
    if (!match) throw new WebhookRejection(401, 'INVALID_SIGNATURE', 'Missing or malformed X-Hub-Signature-256');
    if (!appSecret) throw new WebhookRejection(401, 'INVALID_SIGNATURE', 'The inbox has no app secret to check the signature with');
    const expected = createHmac('sha256', appSecret).update(request.rawBody).digest();
    if (!timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))) {
      throw new WebhookRejection(401, 'INVALID_SIGNATURE', 'X-Hub-Signature-256 does not match the body');
    }
  }

  parse(request: WebhookRequest, ctx: ChannelContext): InboundItem[] {
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw new WebhookRejection(400, 'INVALID_PAYLOAD', 'The body is not JSON');
    }
    if (!isRecord(body) || body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) {
      throw new WebhookRejection(400, 'INVALID_PAYLOAD', 'Not a WhatsApp Business Account webhook');
    }
    const { phoneNumberId } = readWebhookSettings(ctx);
    const items: InboundItem[] = [];
    for (const entry of body.entry) {
      if (!isRecord(entry) || !Array.isArray(entry.changes)) {
        items.push({ kind: 'quarantine', reason: 'entry without a changes array', raw: entry });
        continue;
      }
      for (const change of entry.changes) items.push(...parseChange(change, phoneNumberId));
    }
    return items;
  }

  acknowledge(_route: WebhookRoute): WebhookReply {
    return { status: 200, contentType: 'text/plain', body: 'EVENT_RECEIVED' };
  }
}

/** A mapper bug on one odd entry quarantines that entry instead of failing the whole batch (Meta would retry it for days). */
function parseOne(parse: (raw: unknown) => InboundItem, raw: unknown): InboundItem {
  try {
    return parse(raw);
  } catch (error) {
    return { kind: 'quarantine', reason: `entry could not be parsed: ${error instanceof Error ? error.message : String(error)}`, raw };
  }
}

function parseChange(change: unknown, phoneNumberId: string): InboundItem[] {
  if (!isRecord(change)) return [{ kind: 'quarantine', reason: 'change is not an object', raw: change }];
  // Other fields (template status, account updates, …) are not conversation events.
  if (change.field !== 'messages') return [];
  const value = change.value;
  if (!isRecord(value)) return [{ kind: 'quarantine', reason: 'messages change without a value', raw: change }];
  const target = isRecord(value.metadata) ? value.metadata.phone_number_id : undefined;
  if (typeof target !== 'string' || target === '') return [{ kind: 'quarantine', reason: 'change without metadata.phone_number_id', raw: change }];
  // One app webhook serves every number it is subscribed to: events of other numbers are not ours.
  if (target !== phoneNumberId) return [];

  const items: InboundItem[] = [];
  const contacts = Array.isArray(value.contacts) ? (value.contacts as GraphWebhookValue['contacts']) : [];
  for (const [key, parse] of [
    ['messages', (raw: unknown) => parseInboundMessage(raw, contacts)],
    ['statuses', parseInboundStatus],
  ] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) items.push({ kind: 'quarantine', reason: `${key} is not an array`, raw: list });
    else for (const raw of list) items.push(parseOne(parse, raw));
  }
  // Errors not tied to a message (e.g. a webhook Meta could not build): kept for inspection.
  if (Array.isArray(value.errors) && value.errors.length > 0) {
    items.push({ kind: 'quarantine', reason: 'WhatsApp reported errors for this number', raw: value.errors });
  }
  return items;
}
