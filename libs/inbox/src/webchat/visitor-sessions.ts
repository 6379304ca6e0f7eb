import { createHash } from 'node:crypto';
import { AppError, isUuid, randomToken, storable, toE164 } from '@concierge/common';
import { originAllowed, parseOrigin, verifyIdentifier, widgetSettings } from '@concierge/channels-webchat';
import { AppConfig } from '@concierge/config';
import { ContactsService, type ContactProfile } from '@concierge/contacts';
import type { MessageContent, VisitorMessageView, WebchatCustomAttributes, WebchatSendContent, WebchatWidgetSettings } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttachmentsService, mediaTypeOf } from '../attachments/attachments.service.js';
import { ConversationEntity, MessageEntity, type InboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundIngest } from '../messages/inbound-ingest.js';
import { toVisitorView } from '../messages/message.views.js';

export interface VisitorHandshake {
  websiteToken?: unknown;
  visitorToken?: unknown;
  identifier?: unknown;
  identifierHash?: unknown;
  /** The embedding page's origin, reported by the widget iframe (see `effectiveOrigin`). */
  pageOrigin?: unknown;
  name?: unknown;
  email?: unknown;
  phone?: unknown;
  customAttributes?: unknown;
  /** The socket's Origin, Host and Sec-Fetch-Site headers (set by the gateway, not the client). */
  origin?: string;
  host?: string;
  fetchSite?: string;
}

/** A connected web-chat visitor: which inbox, and the address that identifies them on it. */
export interface VisitorSession {
  accountId: string;
  inboxId: string;
  visitorToken: string;
  address: string;
  profile: ContactProfile;
  /**
   * An email or phone proven by the brand's HMAC (the verified identifier itself is one). Only proven
   * values may join the visitor to the brand's existing contact: unsigned profile fields never do.
   */
  verified: { email?: string; phone?: string } | null;
  /** setCustomAttributes values not yet written to the contact (there is none before the first message). */
  attributes: WebchatCustomAttributes | null;
  widget: WebchatWidgetSettings;
}

export interface VisitorUpload {
  id: string;
  url: string;
  mediaType: string;
  mimeType: string;
  sizeBytes: number;
  filename: string | null;
}

const VISITOR_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ATTRIBUTE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_CAPTION = 1024;

/** A brand that identifies shoppers by email or phone signs exactly that value. */
function provenIdentity(identifier: string): VisitorSession['verified'] {
  if (EMAIL.test(identifier)) return { email: identifier.toLowerCase() };
  const phone = toE164(identifier);
  return phone ? { phone } : null;
}

/** Unsigned setUser fields: kept only when well-formed; they name the contact for agents, never join contacts. */
function unsignedProfile(h: VisitorHandshake): ContactProfile {
  const profile: ContactProfile = {};
  if (typeof h.name === 'string' && h.name.trim()) profile.name = h.name.trim().slice(0, 100);
  if (typeof h.email === 'string' && h.email.length <= 200 && EMAIL.test(h.email.trim())) profile.email = h.email.trim();
  if (typeof h.phone === 'string' && h.phone.trim() && toE164(h.phone.trim())) profile.phone = h.phone.trim();
  return profile;
}

/** Custom attributes from the brand's page: up to 50 flat key → string | number | boolean | null pairs. */
export function cleanAttributes(input: unknown): WebchatCustomAttributes | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > 50) return null;
  const out: WebchatCustomAttributes = {};
  for (const [key, value] of entries) {
    if (!ATTRIBUTE_KEY.test(key)) return null;
    if (typeof value === 'string') out[key] = value.slice(0, 500);
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'boolean' || value === null) out[key] = value;
    else return null;
  }
  return out;
}

@Injectable()
export class VisitorSessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly contacts: ContactsService,
    private readonly ingest: InboundIngest,
    private readonly attachments: AttachmentsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Authenticates a visitor socket. An anonymous visitor is keyed by a random visitor token (a bearer
   * secret kept by the browser); a signed-in shopper by their identifier, proven with the brand's HMAC.
   */
  async open(handshake: VisitorHandshake): Promise<VisitorSession> {
    const inbox = await this.inboxFor(handshake.websiteToken);
    if (!inbox) throw new AppError('NOT_FOUND', 'Unknown website token');
    const settings = this.inboxes.webchatSettings(inbox);
    if (!originAllowed(this.effectiveOrigin(handshake), settings.allowedOrigins)) throw new AppError('ORIGIN_NOT_ALLOWED', 'This website may not use this chat');

    const visitorToken = typeof handshake.visitorToken === 'string' && VISITOR_TOKEN.test(handshake.visitorToken) ? handshake.visitorToken : randomToken(32);
    let verified: VisitorSession['verified'] = null;
    let address = `visitor:${createHash('sha256').update(visitorToken).digest('hex')}`;
    if (handshake.identifier !== undefined && handshake.identifier !== null && handshake.identifier !== '') {
      const identifier = String(handshake.identifier).slice(0, 200);
      const secret = this.inboxes.credentials<{ identitySecret: string }>(inbox)?.identitySecret ?? '';
      const hash = typeof handshake.identifierHash === 'string' ? handshake.identifierHash : undefined;
      if (!verifyIdentifier(identifier, hash, secret)) {
        throw new AppError('IDENTITY_VERIFICATION_FAILED', 'The identifier hash does not match this identifier');
      }
      address = `user:${identifier}`;
      verified = provenIdentity(identifier);
    } else if (handshake.identifierHash !== undefined && settings.enforceIdentity) {
      throw new AppError('IDENTITY_VERIFICATION_FAILED', 'An identifier is required with identifierHash');
    }
    return {
      accountId: inbox.accountId,
      inboxId: inbox.id,
      visitorToken,
      address,
      profile: unsignedProfile(handshake),
      verified,
      attributes: cleanAttributes(handshake.customAttributes),
      widget: this.widgetOf(inbox),
    };
  }

  /**
   * The origin the allow-list is checked against. The widget's socket comes from its iframe, served by the
   * hub: its Origin header is the hub's own, and the iframe reports the embedding page's origin (taken from
   * the browser-set `MessageEvent.origin` of its parent). Browsers send no Origin on a same-origin GET (the
   * socket.io polling handshake), but they do send `Sec-Fetch-Site: same-origin`, which pages cannot forge.
   * Any other socket is judged by its Origin header. The widget page itself is only frameable by allowed
   * origins (CSP frame-ancestors), see the hub.
   */
  effectiveOrigin(handshake: Pick<VisitorHandshake, 'origin' | 'host' | 'pageOrigin' | 'fetchSite'>): string | undefined {
    const origin = parseOrigin(handshake.origin);
    const page = parseOrigin(handshake.pageOrigin);
    const fromHub = origin ? this.isHubOrigin(origin, handshake.host) : handshake.fetchSite === 'same-origin';
    return (fromHub && page) || origin || undefined;
  }

  /** The public widget settings and the origins allowed to embed it, for the widget page and `/widget/config`. */
  async widget(websiteToken: unknown): Promise<{ settings: WebchatWidgetSettings; allowedOrigins: string[] } | null> {
    const inbox = await this.inboxFor(websiteToken);
    if (!inbox) return null;
    return { settings: this.widgetOf(inbox), allowedOrigins: this.inboxes.webchatSettings(inbox).allowedOrigins };
  }

  /** A visitor's file, stored like an agent's upload (same types and size limit), then sent by attachment id. */
  async upload(input: { websiteToken: unknown; visitorToken: unknown; bytes: Buffer; mimeType: string; filename: string | null }): Promise<VisitorUpload> {
    const inbox = await this.inboxFor(input.websiteToken);
    if (!inbox) throw AppError.notFound('Website token');
    if (typeof input.visitorToken !== 'string' || !VISITOR_TOKEN.test(input.visitorToken)) throw AppError.unauthenticated('A visitor token is required (X-Visitor-Token)');
    const stored = await this.attachments.store({ accountId: inbox.accountId, inboxId: inbox.id, bytes: input.bytes, mimeType: input.mimeType, filename: input.filename });
    return { id: stored.id, url: this.attachments.url(stored.id), mediaType: mediaTypeOf(stored.mimeType), mimeType: stored.mimeType, sizeBytes: stored.sizeBytes, filename: stored.filename };
  }

  async contactChannelId(session: VisitorSession): Promise<string | null> {
    return (await this.contacts.channelByAddress(session.inboxId, session.address))?.id ?? null;
  }

  async currentConversationId(contactChannelId: string | null): Promise<string | null> {
    if (!contactChannelId) return null;
    const latest = await this.db.getRepository(ConversationEntity).findOne({ where: { contactChannelId }, order: { lastActivityAt: 'DESC' } });
    return latest?.id ?? null;
  }

  /**
   * The visitor's thread across their conversations on this inbox: customer and agent messages only —
   * no private notes, and no activity lines (assignments, labels, statuses are the team's business).
   */
  async history(session: VisitorSession, afterId?: string): Promise<VisitorMessageView[]> {
    const contactChannelId = await this.contactChannelId(session);
    if (!contactChannelId) return [];
    const qb = this.db
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .innerJoin(ConversationEntity, 'c', 'c.id = m.conversation_id')
      .where('c.contact_channel_id = :contactChannelId', { contactChannelId })
      .andWhere("m.kind = 'normal'");
    if (afterId && /^[0-9a-f-]{36}$/i.test(afterId)) {
      qb.andWhere('m.seq > COALESCE((SELECT seq FROM message WHERE id = :afterId AND conversation_id IN (SELECT id FROM conversation WHERE contact_channel_id = :contactChannelId)), 0)', { afterId });
    }
    const rows = await qb.orderBy('m.seq', 'DESC').limit(200).getMany();
    return rows.reverse().map(toVisitorView);
  }

  async send(session: VisitorSession, clientMessageId: string, input: WebchatSendContent): Promise<{ message: VisitorMessageView; contactChannelId: string; duplicate: boolean }> {
    // A NUL or a lone surrogate in a visitor's text cannot be stored: cleaned instead of failing the send.
    const content = storable(await this.resolveContent(session, input));
    const result = await this.ingest.ingest({
      accountId: session.accountId,
      inboxId: session.inboxId,
      address: session.address,
      addressKind: 'visitor',
      channelType: 'webchat',
      profile: storable(session.profile),
      // Scoped to the visitor: another visitor re-using an id can neither collide with nor read this message.
      sourceId: `webchat:${session.address}:${clientMessageId}`,
      clientMessageId,
      content,
    });
    // A signed-in shopper who is already a contact (same email or phone on WhatsApp/SMS) becomes one person.
    if (session.verified && !result.duplicate) {
      await this.contacts.linkVerifiedIdentity(null, { accountId: session.accountId, contactId: result.message.senderId!, ...session.verified });
    }
    if (session.attributes) await this.writeAttributes(session, result.contactChannelId, session.attributes);
    return { message: toVisitorView(result.message), contactChannelId: result.contactChannelId, duplicate: result.duplicate };
  }

  /** setCustomAttributes: merged into the contact now, or kept for the first message when there is no contact yet. */
  async setAttributes(session: VisitorSession, contactChannelId: string | null, input: unknown): Promise<void> {
    const attributes = cleanAttributes(input);
    if (!attributes) {
      throw AppError.validation('customAttributes must be up to 50 keys of letters, digits, _ . - with string, number, boolean or null values', [
        { field: 'customAttributes', messages: ['invalid customAttributes'] },
      ]);
    }
    session.attributes = { ...session.attributes, ...attributes };
    if (contactChannelId) await this.writeAttributes(session, contactChannelId, session.attributes);
  }

  private async writeAttributes(session: VisitorSession, contactChannelId: string, attributes: WebchatCustomAttributes): Promise<void> {
    const channel = await this.contacts.channel(session.accountId, contactChannelId);
    if (!channel) return;
    await this.contacts.update(session.accountId, channel.contactId, { attributes });
    session.attributes = null;
  }

  /** Text as is; a visitor's upload by id, only from this inbox, resolved to the hub's media URL. */
  private async resolveContent(session: VisitorSession, input: WebchatSendContent): Promise<MessageContent> {
    if (input.type === 'text') return { type: 'text', text: input.text };
    const attachment = isUuid(input.attachmentId) ? await this.attachments.find(session.accountId, input.attachmentId) : null;
    if (!attachment || attachment.inboxId !== session.inboxId) throw AppError.notFound('Attachment');
    const caption = typeof input.caption === 'string' && input.caption.trim() ? input.caption.trim().slice(0, MAX_CAPTION) : undefined;
    return this.attachments.content(attachment, caption);
  }

  private async inboxFor(websiteToken: unknown): Promise<InboxEntity | null> {
    const inbox = typeof websiteToken === 'string' ? await this.inboxes.byWebsiteToken(websiteToken) : null;
    return inbox && inbox.channelType === 'webchat' ? inbox : null;
  }

  private widgetOf(inbox: InboxEntity): WebchatWidgetSettings {
    return widgetSettings(inbox.channelConfig as Record<string, unknown>, inbox.name, this.config.limits.maxMediaBytes);
  }

  /** A page or socket of the hub itself (its PUBLIC_URL, or the host the request came to). */
  isHubOrigin(origin: string, host: string | undefined): boolean {
    if (origin === parseOrigin(this.config.publicUrl)) return true;
    try {
      return !!host && new URL(origin).host === host.toLowerCase();
    } catch {
      return false;
    }
  }
}
