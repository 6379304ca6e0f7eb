import type { InboundMessageItem, InboundStatusItem, MediaRef, QuarantinedItem } from '@concierge/channels-core';
import { toE164 } from '@concierge/common';
import type { CartContent, MediaType, MessageContent } from '@concierge/contracts';
import { webhookError } from './whatsapp-cloud.errors.js';
import type { GraphWebhookValue } from './whatsapp-cloud.types.js';

/**
 * One webhook `messages[]` / `statuses[]` entry → one normalised item. Anything malformed becomes a
 * quarantine item with the raw entry, so one bad entry never costs the rest of the batch.
 * Shapes: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 */
type Json = Record<string, unknown>;
type Mapped = { content: MessageContent; media?: MediaRef } | { error: string };

const MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'audio', 'document', 'sticker'];

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const quarantine = (reason: string, raw: unknown): QuarantinedItem => ({ kind: 'quarantine', reason, raw });
const text = (value: string): { content: MessageContent } => ({ content: { type: 'text', text: value } });

/** Webhook timestamps are Unix seconds, as strings. */
export function fromUnixSeconds(value: unknown): Date | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

export function parseInboundMessage(raw: unknown, contacts: GraphWebhookValue['contacts']): InboundMessageItem | QuarantinedItem {
  if (!isRecord(raw)) return quarantine('message is not an object', raw);
  const sourceId = str(raw.id);
  if (!sourceId) return quarantine('message without an id', raw);
  const from = str(raw.from);
  if (!from) {
    // Since the 2026 username rollout Meta may omit the phone number and send only a business-scoped
    // user id (from_user_id); this hub addresses WhatsApp customers by E.164 only.
    const reason = str(raw.from_user_id) ? 'message from a username-only user (BSUID without phone number)' : 'message without a sender (from)';
    return quarantine(reason, raw);
  }
  const address = /^\d{6,15}$/.test(from) ? toE164(`+${from}`) : null;
  if (!address) return quarantine(`sender ${from} is not a valid phone number`, raw);
  const type = str(raw.type);
  if (!type) return quarantine('message without a type', raw);
  // Group chats (Groups API) would otherwise be threaded, and answered, as a private chat with the sender.
  if (str(raw.group_id)) return quarantine('group message (groups are not supported)', raw);

  const mapped = mapContent(type, raw);
  if ('error' in mapped) return quarantine(mapped.error, raw);

  const name = (contacts ?? []).find((c) => isRecord(c) && c.wa_id === from)?.profile?.name;
  const occurredAt = fromUnixSeconds(raw.timestamp);
  return {
    kind: 'message',
    sourceId,
    address,
    profile: { phone: address, ...(typeof name === 'string' && name ? { name } : {}) },
    content: mapped.content,
    ...(mapped.media ? { media: mapped.media } : {}),
    ...(occurredAt ? { occurredAt } : {}),
  };
}

function mapContent(type: string, raw: Json): Mapped {
  const body = raw[type];
  if ((MEDIA_TYPES as readonly string[]).includes(type)) return mapMedia(type as MediaType, body);
  switch (type) {
    case 'text':
      return isRecord(body) && typeof body.body === 'string' ? text(body.body) : { error: 'text message without text.body' };
    case 'location': {
      const latitude = isRecord(body) ? Number(body.latitude) : NaN;
      const longitude = isRecord(body) ? Number(body.longitude) : NaN;
      if (!isRecord(body) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return { error: 'location without coordinates' };
      return { content: { type: 'location', latitude, longitude, ...optional({ name: str(body.name), address: str(body.address) }) } };
    }
    case 'interactive':
      return mapInteractive(body);
    case 'button': {
      // A template quick-reply button: `payload` is what the template defined, `text` the label shown.
      const payload = isRecord(body) ? (str(body.payload) ?? str(body.text)) : undefined;
      if (!isRecord(body) || !payload) return { error: 'button reply without payload or text' };
      return { content: { type: 'interactive_reply', id: payload, title: str(body.text) ?? payload } };
    }
    case 'order':
      return mapOrder(body);
    case 'reaction': {
      const emoji = isRecord(body) ? str(body.emoji) : undefined;
      return text(emoji ? `[reaction ${emoji}]` : '[reaction removed]');
    }
    case 'unsupported': {
      const kind = isRecord(body) ? str(body.type) : undefined;
      return text(kind ? `[unsupported message: ${kind}]` : '[unsupported message]');
    }
    case 'system':
      return text(isRecord(body) && str(body.body) ? `[system] ${body.body as string}` : '[system message]');
    case 'contacts':
      return text(`[contact card${contactNames(body)}]`);
    default:
      return text(`[${type} message]`);
  }
}

function mapMedia(mediaType: MediaType, body: unknown): Mapped {
  const id = isRecord(body) ? str(body.id) : undefined;
  if (!isRecord(body) || !id) return { error: `${mediaType} message without a media id` };
  const details = optional({ mimeType: str(body.mime_type), filename: str(body.filename), caption: str(body.caption) });
  return {
    // The hub stores the bytes (fetchMedia with `ref`) and fills `url` with its own signed URL.
    content: { type: 'media', mediaType, url: '', ...details },
    media: { mediaType, ref: id, ...details },
  };
}

function mapInteractive(body: unknown): Mapped {
  if (!isRecord(body)) return { error: 'interactive message without an interactive object' };
  const kind = str(body.type);
  if (kind === 'button_reply' || kind === 'list_reply') {
    const reply = body[kind];
    const id = isRecord(reply) ? str(reply.id) : undefined;
    if (!isRecord(reply) || !id) return { error: `${kind} without an id` };
    return { content: { type: 'interactive_reply', id, title: str(reply.title) ?? id, ...optional({ description: str(reply.description) }) } };
  }
  if (kind === 'nfm_reply' && isRecord(body.nfm_reply)) {
    // A WhatsApp Flow submission: keep the JSON the customer submitted.
    return text(`[form reply] ${str(body.nfm_reply.response_json) ?? str(body.nfm_reply.body) ?? ''}`.trim());
  }
  return text(`[interactive ${kind ?? 'reply'}]`);
}

function mapOrder(body: unknown): Mapped {
  if (!isRecord(body) || !Array.isArray(body.product_items)) return { error: 'order without product_items' };
  const items: CartContent['items'] = [];
  for (const item of body.product_items) {
    const retailerId = isRecord(item) ? str(item.product_retailer_id) : undefined;
    const quantity = isRecord(item) ? Number(item.quantity) : NaN;
    if (!isRecord(item) || !retailerId || !Number.isInteger(quantity) || quantity <= 0) return { error: 'order item without retailer id or quantity' };
    const price = typeof item.item_price === 'number' || typeof item.item_price === 'string' ? String(item.item_price) : undefined;
    const currency = str(item.currency);
    items.push({ retailerId, quantity, ...(price && currency ? { price: { amount: price, currency } } : {}) });
  }
  return { content: { type: 'cart', items, ...optional({ catalogId: str(body.catalog_id), text: str(body.text) }) } };
}

function contactNames(body: unknown): string {
  if (!Array.isArray(body)) return '';
  const names = body.map((c) => (isRecord(c) && isRecord(c.name) ? str(c.name.formatted_name) : undefined)).filter(Boolean);
  return names.length ? `: ${names.join(', ')}` : '';
}

function optional<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, string>>;
}

const STATUSES: Record<string, InboundStatusItem['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  // A voice message the user played has necessarily been read.
  played: 'read',
  failed: 'failed',
};

export function parseInboundStatus(raw: unknown): InboundStatusItem | QuarantinedItem {
  if (!isRecord(raw)) return quarantine('status is not an object', raw);
  const sourceId = str(raw.id);
  if (!sourceId) return quarantine('status without a message id', raw);
  const status = STATUSES[String(raw.status)];
  if (!status) return quarantine(`unknown status ${String(raw.status)}`, raw);
  const occurredAt = fromUnixSeconds(raw.timestamp);
  const item: InboundStatusItem = { kind: 'status', sourceId, status, ...(occurredAt ? { occurredAt } : {}) };
  if (status === 'failed') item.error = webhookError(raw.errors);
  return item;
}
