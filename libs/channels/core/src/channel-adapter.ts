import type { MessageContent, MessageContentType, VisitorMessageView } from '@concierge/contracts';
import type { ChannelContext } from './channel-context.js';
import type { MediaRef } from './inbound.js';
import type { LiveSessionManager } from './live-session.js';
import type { SafeFetch } from './safe-fetch.js';
import type { WebhookHandler } from './webhook.js';

export interface ChannelCapabilities {
  /** Content types the channel renders natively; everything else goes through `degrade()`. */
  contentTypes: readonly MessageContentType[];
  /** Longest text body the channel accepts. */
  maxTextLength: number;
  /** Hours after the customer's last message during which free-form messages are allowed (WhatsApp: 24). */
  customerWindowHours: number | null;
  /** Customers opt out by keyword (SMS STOP): sends are refused while they are opted out. */
  keywordOptOut: boolean;
  /** `phone` addresses are E.164 and join one person across channels; `visitor` addresses are per widget. */
  addressKind: 'phone' | 'visitor';
  /**
   * Cards (product, link button) go as text + link even though media can be sent: SMS, where an image
   * means MMS (US/Canada only, billed higher) and the text must fit a segment budget.
   */
  cardsAsText?: boolean;
}


export interface OutboundRequest extends ChannelContext {
  recipient: { contactChannelId: string; address: string };
  /** The message as the customer may see it; its content is already degraded for this channel. */
  message: VisitorMessageView;
  /** Where the provider should post delivery statuses (Twilio `StatusCallback`), when it asks per message. */
  statusCallbackUrl: string | null;
}

/** `recipient` and `message` name the customer and their last message read (web chat tells the visitor's socket). */
export interface MarkReadOptions {
  typing: boolean;
  recipient?: { contactChannelId: string; address: string };
  message?: { id: string; conversationId: string };
}

export interface OutboundResult {
  /** The provider's id for the message (for status callbacks), when it has one. */
  sourceId: string | null;
  status: 'queued' | 'sent' | 'delivered';
}

export interface FetchedMedia {
  bytes: Buffer;
  mimeType: string;
  filename?: string;
}

/** What the composer shows while typing (SMS segments). */
export interface TextMeasure {
  characters: number;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
}

/**
 * How an inbox of this type is created: `schema` is a class-validator class for the `channel` object of
 * `POST /inboxes` (with its `type`); `secretFields` are sealed as credentials and never returned.
 */
export interface ChannelSetup {
  schema: new () => object;
  secretFields: readonly string[];
  /** The config field holding the inbox's own address (its phone number), shown in lists. */
  addressField: string | null;
  /** Secrets the hub generates and shows once (web chat identity secret); a web-chat inbox also gets a website token. */
  generatedSecrets?: readonly string[];
  websiteToken?: boolean;
}

/** One per channel type; looked up by the registry. Throws ChannelError on failure. */
export abstract class ChannelAdapter {
  abstract readonly type: string;
  abstract readonly capabilities: ChannelCapabilities;
  abstract readonly setup: ChannelSetup;
  /** Provider webhooks, for channels that receive them. */
  readonly webhooks: WebhookHandler | null = null;
  /** Long-lived sessions, for channels that hold one (whatsapp-web.js). */
  readonly sessions: LiveSessionManager | null = null;

  abstract send(request: OutboundRequest): Promise<OutboundResult>;

  /** Fetches inbound media the provider holds; `fetch` refuses private addresses other than the provider's. */
  fetchMedia(_ctx: ChannelContext, _ref: MediaRef, _fetch: SafeFetch): Promise<FetchedMedia> {
    return Promise.reject(new Error(`${this.type} does not receive media by reference`));
  }

  /** Read receipt for a customer's message, with a typing indicator when asked (WhatsApp). No-op elsewhere. */
  markRead(_ctx: ChannelContext, _sourceId: string, _options: MarkReadOptions): Promise<void> {
    return Promise.resolve();
  }

  /** Segments and encoding for SMS; other channels count characters only. */
  measure(text: string): TextMeasure {
    return { characters: [...text].length, segments: 1, encoding: 'UCS-2' };
  }
}

export function supports(capabilities: ChannelCapabilities, content: MessageContent): boolean {
  return capabilities.contentTypes.includes(content.type);
}
