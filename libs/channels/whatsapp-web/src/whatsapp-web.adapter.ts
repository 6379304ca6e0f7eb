import {
  ChannelAdapter,
  ChannelError,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelSetup,
  type FetchedMedia,
  type MediaRef,
  type OutboundRequest,
  type OutboundResult,
  type SafeFetch,
  safeFetch,
} from '@concierge/channels-core';
import { SystemClock, type Clock } from '@concierge/common';
import type { BackoffOptions } from './backoff.js';
import { WwebjsClientFactory } from './default-client-factory.js';
import type { DeliveryQueueOptions } from './delivery-queue.js';
import { chatIdFor } from './inbound-mapper.js';
import { toChannelError, toOutboundPayload } from './outbound.js';
import type { ReconcileOptions } from './reconcile.js';
import type { WhatsappClient, WhatsappClientFactory } from './whatsapp-client.js';
import { WhatsappWebSessions } from './whatsapp-web-sessions.js';
import { WhatsappWebSetupDto } from './whatsapp-web-setup.dto.js';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
/** WhatsApp's own limit for images, audio and video (documents may be larger; we keep one cap). */
const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

export interface WhatsappWebAdapterOptions {
  /** The hub's data directory (AppConfig.dataDir); sessions are kept under `<dataDir>/whatsapp-web`. */
  dataDir: string;
  /** The hub's Chromium (AppConfig.chromiumPath); an inbox may name another in its config. */
  chromiumPath?: string;
  clientFactory?: WhatsappClientFactory;
  clock?: Clock;
  /** Outbound media is downloaded through this SSRF-guarded fetch (core `safeFetch` by default). */
  mediaFetch?: SafeFetch;
  /** Hosts whose media may be fetched although private: the hub's own (`new URL(publicUrl).host`). */
  trustedMediaHosts?: readonly string[];
  maxMediaBytes?: number;
  relaunch?: Partial<BackoffOptions>;
  delivery?: Partial<DeliveryQueueOptions>;
  reconcile?: Partial<ReconcileOptions>;
  startTimeoutMs?: number;
  destroyTimeoutMs?: number;
}

/**
 * The unofficial WhatsApp channel: a linked-device session of WhatsApp Web driven by whatsapp-web.js.
 * Unlike other adapters it holds state (one browser per inbox, in `sessions`); sending needs a connected session.
 */
export class WhatsappWebAdapter extends ChannelAdapter {
  readonly type = 'whatsapp_web';
  readonly capabilities: ChannelCapabilities = {
    contentTypes: ['text', 'media', 'location'],
    maxTextLength: 4096,
    customerWindowHours: null,
    keywordOptOut: false,
    addressKind: 'phone',
  };
  readonly setup: ChannelSetup = { schema: WhatsappWebSetupDto, secretFields: [], addressField: null };
  override readonly sessions: WhatsappWebSessions;
  private readonly maxMediaBytes: number;
  private readonly mediaFetch: SafeFetch;
  private readonly trustedMediaHosts: readonly string[];

  constructor(options: WhatsappWebAdapterOptions) {
    super();
    const clock = options.clock ?? new SystemClock();
    this.maxMediaBytes = options.maxMediaBytes ?? MAX_MEDIA_BYTES;
    this.mediaFetch = options.mediaFetch ?? safeFetch;
    this.trustedMediaHosts = options.trustedMediaHosts ?? [];
    this.sessions = new WhatsappWebSessions({
      dataDir: options.dataDir,
      chromiumPath: options.chromiumPath ?? DEFAULT_CHROMIUM_PATH,
      clientFactory: options.clientFactory ?? new WwebjsClientFactory(),
      relaunch: { initialMs: 30_000, maxMs: 10 * 60_000, jitter: 0.1, ...options.relaunch },
      delivery: { maxItems: 1000, batchSize: 50, retry: { initialMs: 1000, maxMs: 60_000, jitter: 0.1 }, ...options.delivery },
      reconcile: { chats: 20, messagesPerChat: 20, maxAgeMs: 24 * 3600_000, ...options.reconcile },
      maxMediaBytes: this.maxMediaBytes,
      startTimeoutMs: options.startTimeoutMs ?? 5 * 60_000,
      destroyTimeoutMs: options.destroyTimeoutMs ?? 10_000,
      now: () => clock.now(),
    });
  }

  async send(request: OutboundRequest): Promise<OutboundResult> {
    const client = this.client(request.inboxId);
    const chatId = chatIdFor(request.recipient.address);
    if (!chatId) throw new ChannelError('INVALID_RECIPIENT', 'The recipient is not a phone number');
    const payload = await toOutboundPayload(request.message.content, {
      fetch: this.mediaFetch,
      maxBytes: this.maxMediaBytes,
      timeoutMs: 60_000,
      trustedHosts: this.trustedMediaHosts,
    });
    try {
      // WhatsApp's canonical id may differ from the dialled number (Brazil's ninth digit); null = not on WhatsApp.
      const wid = await client.getNumberId(chatId);
      if (!wid) throw new ChannelError('INVALID_RECIPIENT', `${request.recipient.address} is not on WhatsApp`);
      const sent = await client.sendMessage(wid._serialized, payload.content, payload.options);
      // null/undefined: the page found no chat or no message model; whether it went out is unknown, so no retry.
      if (!sent) throw new ChannelError('UNKNOWN', 'WhatsApp Web did not confirm the message');
      return { sourceId: sent.id._serialized, status: 'sent' };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  /** Best effort: a read receipt that fails is not worth an error. No typing indicator yet (it needs a chat lookup per call). */
  override async markRead(ctx: ChannelContext, sourceId: string, _options: { typing: boolean }): Promise<void> {
    const client = this.sessions.connectedClient(ctx.inboxId);
    // Serialized message ids are `<fromMe>_<chat id>_<message id>[_<participant>]`.
    const chatId = sourceId.split('_')[1];
    if (!client || !chatId) return;
    await client.sendSeen(chatId).catch(() => undefined);
  }

  /** Media the session could not download on arrival (still uploading, too large then): asked again through the page. */
  override async fetchMedia(ctx: ChannelContext, ref: MediaRef, _fetch: SafeFetch): Promise<FetchedMedia> {
    const client = this.client(ctx.inboxId);
    try {
      const media = await (await client.getMessageById(ref.ref))?.downloadMedia();
      if (!media) throw new ChannelError('UNKNOWN', 'WhatsApp no longer has this media');
      const bytes = Buffer.from(media.data, 'base64');
      if (bytes.length > this.maxMediaBytes) throw new ChannelError('UNSUPPORTED_CONTENT', 'The media is larger than this hub accepts');
      return { bytes, mimeType: media.mimetype, ...(media.filename && { filename: media.filename }) };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  private client(inboxId: string): WhatsappClient {
    const client = this.sessions.connectedClient(inboxId);
    if (client) return client;
    const { state, detail } = this.sessions.status(inboxId);
    // Retryable: the hub's outbound queue tries again once the session is back.
    throw new ChannelError('PROVIDER_UNAVAILABLE', `WhatsApp Web session is ${state}${detail ? `: ${detail}` : ''}`, { retryAfterMs: 60_000 });
  }
}
