import type { DeliveryStatus, MediaType, MessageContent } from '@concierge/contracts';
import type { ChannelErrorCode } from './channel-error.js';

/** What a provider tells us about the customer; used to fill the contact on first sight. */
export interface InboundProfile {
  name?: string;
  /** E.164, when the address is a phone (WhatsApp wa_id, SMS number). */
  phone?: string;
}

/** Media the provider holds: a URL (Twilio `MediaUrl{N}`) or a provider media id (Cloud API), fetched by the hub. */
export interface MediaRef {
  mediaType: MediaType;
  ref: string;
  mimeType?: string;
  filename?: string;
  caption?: string;
  /** Bytes already in hand (a live session downloads them itself), base64 so the item stays JSON. */
  dataBase64?: string;
}

/** SMS keywords the hub must honour: STOP (opt out), START (opt back in), HELP. */
export type ConsentKeyword = 'opt_out' | 'opt_in' | 'help';

export interface InboundMessageItem {
  kind: 'message';
  /** Provider message id (`SM…`, `wamid.…`): a repeat is acknowledged and stored once. */
  sourceId: string;
  /** The customer's address on this inbox: E.164 for phone channels. */
  address: string;
  profile?: InboundProfile;
  /** For media messages: a `media` content whose `url` the hub fills after storing the bytes. */
  content: MessageContent;
  media?: MediaRef;
  consent?: ConsentKeyword;
  occurredAt?: Date;
}

export interface InboundStatusItem {
  kind: 'status';
  /** The provider id we stored when sending. */
  sourceId: string;
  status: Exclude<DeliveryStatus, 'received'>;
  error?: { code: ChannelErrorCode; message: string; providerCode?: string };
  occurredAt?: Date;
}

/** An item of a batch that could not be understood: kept for inspection, never fails the batch. */
export interface QuarantinedItem {
  kind: 'quarantine';
  reason: string;
  raw: unknown;
}

export type InboundItem = InboundMessageItem | InboundStatusItem | QuarantinedItem;
