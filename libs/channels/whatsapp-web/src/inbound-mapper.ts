import type { InboundItem, InboundMessageItem, InboundStatusItem } from '@concierge/channels-core';
import { toE164 } from '@concierge/common';
import type { MediaType, MessageContent } from '@concierge/contracts';
import type { WaContact, WaMessage, WhatsappClient } from './whatsapp-client.js';

/** E.164 from the digits of a `<digits>@c.us` id; WhatsApp ids carry no `+`. */
export function phoneFromDigits(digits: string): string | null {
  if (!/^\d{6,15}$/.test(digits)) return null;
  // libphonenumber's metadata can lag behind new ranges that WhatsApp already serves: keep the plain form then.
  return toE164(`+${digits}`) ?? `+${digits}`;
}

/** Digits for `<digits>@c.us` from an E.164 address. */
export function chatIdFor(address: string): string | null {
  const digits = address.replace(/[\s()+-]/g, '');
  return /^\d{6,15}$/.test(digits) ? `${digits}@c.us` : null;
}

/** One-to-one chats only: not groups (`@g.us`), statuses or broadcast lists (`@broadcast`), channels (`@newsletter`). */
export function isCustomerChatId(id: string): boolean {
  return id.endsWith('@c.us') || id.endsWith('@lid');
}

export function isCustomerMessage(msg: WaMessage): boolean {
  return !msg.fromMe && !msg.isStatus && isCustomerChatId(msg.from);
}

const MEDIA_TYPES: Record<string, MediaType> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'audio',
  document: 'document',
  sticker: 'sticker',
};

/** System and protocol messages that are not something the customer said. */
const IGNORED_TYPES = new Set([
  'revoked', 'e2e_notification', 'notification', 'notification_template', 'gp2', 'protocol', 'call_log',
  'ciphertext', 'debug', 'reaction', 'broadcast_notification', 'group_notification',
]);

interface Sender {
  phone: string | null;
  contact: WaContact | null;
}

/** `@lid` senders hide their number: ask the contact model, then the LID↔phone map of the page. */
async function resolveSender(client: WhatsappClient, msg: WaMessage): Promise<Sender> {
  const [user, server] = msg.from.split('@');
  const contact = await msg.getContact().catch(() => null);
  if (server === 'c.us') return { phone: phoneFromDigits(user ?? ''), contact };
  // getContactModel swaps a LID contact's id for its phone number when WhatsApp has shared it.
  if (contact?.id?.server === 'c.us') return { phone: phoneFromDigits(contact.id.user), contact };
  const pairs = await client.getContactLidAndPhone([msg.from]).catch(() => []);
  const pn = pairs.find((p) => p.lid === msg.from)?.pn ?? pairs[0]?.pn;
  return { phone: pn?.endsWith('@c.us') ? phoneFromDigits(pn.split('@')[0] ?? '') : null, contact };
}

export interface InboundMapOptions {
  /** Larger media is announced without its bytes (the hub may fetch it later through `fetchMedia`). */
  maxMediaBytes: number;
}

async function mediaItem(msg: WaMessage, mediaType: MediaType, options: InboundMapOptions): Promise<Pick<InboundMessageItem, 'content' | 'media'>> {
  // Media that WhatsApp is still re-uploading or has expired downloads as undefined; the item still stands.
  const downloaded = await msg.downloadMedia().catch(() => undefined);
  const fits = downloaded && Math.floor((downloaded.data.length * 3) / 4) <= options.maxMediaBytes;
  const caption = msg.body || undefined;
  const mimeType = downloaded?.mimetype ?? undefined;
  const filename = downloaded?.filename ?? undefined;
  return {
    content: { type: 'media', mediaType, url: '', caption, mimeType, filename },
    media: { mediaType, ref: msg.id._serialized, mimeType, filename, caption, dataBase64: fits ? downloaded.data : undefined },
  };
}

function locationContent(msg: WaMessage): MessageContent | null {
  const latitude = Number(msg.location?.latitude);
  const longitude = Number(msg.location?.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  return { type: 'location', latitude, longitude, name: msg.location?.name || undefined, address: msg.location?.address || undefined };
}

/** A received message as hub items: none for what is not a customer's message, a quarantine item when it is not understood. */
export async function toInboundItems(client: WhatsappClient, msg: WaMessage, options: InboundMapOptions): Promise<InboundItem[]> {
  if (!isCustomerMessage(msg) || IGNORED_TYPES.has(msg.type)) return [];
  const sourceId = msg.id._serialized;
  const sender = await resolveSender(client, msg);
  if (!sender.phone) {
    return [{ kind: 'quarantine', reason: `No phone number known for WhatsApp sender ${msg.from}`, raw: { sourceId, from: msg.from, type: msg.type } }];
  }
  const notifyName = (msg.rawData as { notifyName?: unknown }).notifyName;
  const name = (typeof notifyName === 'string' && notifyName) || sender.contact?.pushname || undefined;
  const base = {
    kind: 'message' as const,
    sourceId,
    address: sender.phone,
    profile: { phone: sender.phone, ...(name && { name }) },
    occurredAt: msg.timestamp > 0 ? new Date(msg.timestamp * 1000) : undefined,
  };
  const mediaType = MEDIA_TYPES[msg.type];
  if (mediaType) return [{ ...base, ...(await mediaItem(msg, mediaType, options)) }];
  if (msg.type === 'location') {
    const content = locationContent(msg);
    if (content) return [{ ...base, content }];
  } else if (msg.body) {
    // `chat`, and kinds without a richer mapping (vcard, …) whose body is still readable text.
    return [{ ...base, content: { type: 'text', text: msg.body } }];
  }
  return [{ kind: 'quarantine', reason: `Unsupported WhatsApp message type ${msg.type}`, raw: { sourceId, from: msg.from, type: msg.type } }];
}

/** `message_ack` values (MessageAck: -1 error … 4 played) to our delivery statuses; acks only concern our own messages. */
export function toStatusItem(msg: WaMessage, ack: number): InboundStatusItem | null {
  if (!msg.fromMe || !isCustomerChatId(msg.id.remote)) return null;
  const status = ack === -1 ? 'failed' : ack === 0 ? 'queued' : ack === 1 ? 'sent' : ack === 2 ? 'delivered' : ack === 3 || ack === 4 ? 'read' : null;
  if (!status) return null;
  return {
    kind: 'status',
    sourceId: msg.id._serialized,
    status,
    ...(status === 'failed' && { error: { code: 'UNKNOWN' as const, message: 'WhatsApp reported the message as not sent (ack -1)', providerCode: '-1' } }),
  };
}
