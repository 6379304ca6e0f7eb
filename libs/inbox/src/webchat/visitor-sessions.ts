import { createHash } from 'node:crypto';
import { AppError, randomToken, toE164 } from '@concierge/common';
import { originAllowed, verifyIdentifier } from '@concierge/channels-webchat';
import { ContactsService } from '@concierge/contacts';
import type { VisitorMessageView } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationEntity, MessageEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundIngest } from '../messages/inbound-ingest.js';
import { toVisitorView } from '../messages/message.views.js';

export interface VisitorHandshake {
  websiteToken?: unknown;
  visitorToken?: unknown;
  identifier?: unknown;
  identifierHash?: unknown;
  origin?: string;
}

/** A connected web-chat visitor: which inbox, and the address that identifies them on it. */
export interface VisitorSession {
  accountId: string;
  inboxId: string;
  visitorToken: string;
  address: string;
  profile: { name?: string; email?: string };
  /**
   * An email or phone proven by the brand's HMAC (the verified identifier itself is one). Only proven
   * values may join the visitor to the brand's existing contact: unsigned profile fields never do.
   */
  verified: { email?: string; phone?: string } | null;
}

const VISITOR_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A brand that identifies shoppers by email or phone signs exactly that value. */
function provenIdentity(identifier: string): VisitorSession['verified'] {
  if (EMAIL.test(identifier)) return { email: identifier.toLowerCase() };
  const phone = toE164(identifier);
  return phone ? { phone } : null;
}

@Injectable()
export class VisitorSessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly contacts: ContactsService,
    private readonly ingest: InboundIngest,
  ) {}

  /**
   * Authenticates a visitor socket. An anonymous visitor is keyed by a random visitor token (a bearer
   * secret kept by the browser); a signed-in shopper by their identifier, proven with the brand's HMAC.
   */
  async open(handshake: VisitorHandshake): Promise<VisitorSession> {
    const inbox = typeof handshake.websiteToken === 'string' ? await this.inboxes.byWebsiteToken(handshake.websiteToken) : null;
    if (!inbox) throw new AppError('NOT_FOUND', 'Unknown website token');
    const settings = this.inboxes.webchatSettings(inbox);
    if (!originAllowed(handshake.origin, settings.allowedOrigins)) throw new AppError('ORIGIN_NOT_ALLOWED', 'This website may not use this chat');

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
    return { accountId: inbox.accountId, inboxId: inbox.id, visitorToken, address, profile: {}, verified };
  }

  async contactChannelId(session: VisitorSession): Promise<string | null> {
    return (await this.contacts.channelByAddress(session.inboxId, session.address))?.id ?? null;
  }

  async currentConversationId(contactChannelId: string | null): Promise<string | null> {
    if (!contactChannelId) return null;
    const latest = await this.db.getRepository(ConversationEntity).findOne({ where: { contactChannelId }, order: { lastActivityAt: 'DESC' } });
    return latest?.id ?? null;
  }

  /** The visitor's thread across their conversations on this inbox, without private notes. */
  async history(session: VisitorSession, afterId?: string): Promise<VisitorMessageView[]> {
    const contactChannelId = await this.contactChannelId(session);
    if (!contactChannelId) return [];
    const qb = this.db
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .innerJoin(ConversationEntity, 'c', 'c.id = m.conversation_id')
      .where('c.contact_channel_id = :contactChannelId', { contactChannelId })
      .andWhere("m.kind <> 'note'");
    if (afterId && /^[0-9a-f-]{36}$/i.test(afterId)) {
      qb.andWhere('m.seq > COALESCE((SELECT seq FROM message WHERE id = :afterId AND conversation_id IN (SELECT id FROM conversation WHERE contact_channel_id = :contactChannelId)), 0)', { afterId });
    }
    const rows = await qb.orderBy('m.seq', 'DESC').limit(200).getMany();
    return rows.reverse().map(toVisitorView);
  }

  async send(session: VisitorSession, clientMessageId: string, text: string): Promise<{ message: VisitorMessageView; contactChannelId: string; duplicate: boolean }> {
    const result = await this.ingest.ingest({
      accountId: session.accountId,
      inboxId: session.inboxId,
      address: session.address,
      addressKind: 'visitor',
      profile: session.profile,
      // Scoped to the visitor: another visitor re-using an id can neither collide with nor read this message.
      sourceId: `webchat:${session.address}:${clientMessageId}`,
      clientMessageId,
      content: { type: 'text', text },
    });
    // A signed-in shopper who is already a contact (same email or phone on WhatsApp/SMS) becomes one person.
    if (session.verified && !result.duplicate) {
      await this.contacts.linkVerifiedIdentity(null, { accountId: session.accountId, contactId: result.message.senderId!, ...session.verified });
    }
    return { message: toVisitorView(result.message), contactChannelId: result.contactChannelId, duplicate: result.duplicate };
  }
}
