import type { ConsentKeyword } from '@concierge/channels-core';
import { Clock, newId } from '@concierge/common';
import { ContactsService, type ContactProfile } from '@concierge/contacts';
import type { MessageContent } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service.js';
import { ConversationEntity, MessageEntity } from '../entities/index.js';
import { DomainEvents } from '../domain-events.js';
import { InboxEvents } from '../inbox-events.js';
import { ChannelConsent } from '../ingest/channel-consent.js';
import { appendMessage } from './message-writer.js';
import { toMessageView } from './message.views.js';

export interface InboundMessage {
  accountId: string;
  inboxId: string;
  /** The inbox's channel type (listeners decide what a reply may contain). */
  channelType: string;
  /** The customer's address on this inbox (E.164 phone, web visitor key). */
  address: string;
  /** Phone addresses join the same person across channels. */
  addressKind: 'phone' | 'visitor';
  profile?: ContactProfile;
  /** Provider id; a repeat is acknowledged and stored once. */
  sourceId: string;
  clientMessageId?: string | null;
  content: MessageContent;
  consent?: ConsentKeyword;
  /** The channel's free-form reply window, reopened by this message (WhatsApp: 24). */
  customerWindowHours?: number | null;
}

/** Thrown inside the ingest transaction to roll back a repeat of a stored message. */
class RepeatedMessage extends Error {
  constructor(readonly contactChannelId: string, readonly conversationId: string) {
    super('Repeated inbound message');
  }
}

interface Stored {
  message: MessageEntity;
  conversation: ConversationEntity;
  conversationCreated: boolean;
  contactChannelId: string;
  contactId: string;
}

export interface IngestResult {
  message: MessageEntity;
  conversationId: string;
  contactChannelId: string;
  duplicate: boolean;
}

/**
 * The single inbound use case every channel enters: contact, conversation, message, consent and reply
 * window in one transaction (idempotent on the provider id), then realtime fan-out after commit.
 */
@Injectable()
export class InboundIngest {
  private readonly logger = new Logger(InboundIngest.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly consent: ChannelConsent,
    private readonly events: InboxEvents,
    private readonly domain: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async ingest(input: InboundMessage): Promise<IngestResult> {
    let outcome: Stored;
    try {
      outcome = await this.db.transaction((tx) => this.store(tx, input));
    } catch (error) {
      if (error instanceof RepeatedMessage) return this.repeated(input, error);
      throw error;
    }
    // Committed. Building the conversation's view reads the database and can fail if it drops right now;
    // that must neither hide the message from agents nor fail the caller (a provider retry is a
    // duplicate: never published).
    await this.conversations.publish(input.accountId, outcome.message.conversationId, outcome.conversationCreated, outcome.conversation).catch((error: unknown) => {
      this.logger.warn({ err: error, conversationId: outcome.message.conversationId }, 'Conversation update not published after an inbound message');
    });
    const view = toMessageView(outcome.message);
    this.events.message(view);
    this.domain.emit('message.received', {
      message: view,
      channelType: input.channelType,
      contactId: outcome.contactId,
      contactChannelId: outcome.contactChannelId,
      conversationCreated: outcome.conversationCreated,
    });
    return { message: outcome.message, conversationId: outcome.message.conversationId, contactChannelId: outcome.contactChannelId, duplicate: false };
  }

  /** Contact, conversation, message, reply window and consent, inside the caller's transaction. */
  private async store(tx: EntityManager, input: InboundMessage): Promise<Stored> {
    const channel = await this.contacts.resolveChannel(tx, input);
    if (!channel.created && input.profile) await this.contacts.enrich(tx, input.accountId, channel.contactId, input.profile);
    const { conversation, created } = await this.openConversation(tx, input, channel.contactChannelId);
    const message = await appendMessage(tx, this.clock, conversation, {
      direction: 'in',
      kind: 'normal',
      sender: { type: 'contact', id: channel.contactId, name: input.profile?.name ?? null },
      content: input.content,
      status: 'received',
      sourceId: input.sourceId,
      clientMessageId: input.clientMessageId ?? null,
      // The reply window moves in the same UPDATE as the conversation's activity.
      ...(input.customerWindowHours && {
        conversationPatch: { customerWindowExpiresAt: new Date(this.clock.now().getTime() + input.customerWindowHours * 3_600_000) },
      }),
    });
    // A repeat of a stored message (same provider or client id): roll back everything this attempt did.
    if (!message) throw new RepeatedMessage(channel.contactChannelId, conversation.id);
    if (input.consent) {
      await this.consent.record(tx, { accountId: input.accountId, inboxId: input.inboxId, contactChannelId: channel.contactChannelId, keyword: input.consent });
    }
    return { message, conversation, conversationCreated: created, contactChannelId: channel.contactChannelId, contactId: channel.contactId };
  }

  /**
   * The stored original of a repeat. Most messages are new, so idempotency is left to the unique
   * indexes (no look-up before the insert); a repeat rolls its transaction back and lands here.
   */
  private async repeated(input: InboundMessage, seen: RepeatedMessage): Promise<IngestResult> {
    const repo = this.db.getRepository(MessageEntity);
    const existing =
      (await repo.findOneBy({ inboxId: input.inboxId, sourceId: input.sourceId })) ??
      (input.clientMessageId ? await repo.findOneBy({ conversationId: seen.conversationId, direction: 'in', clientMessageId: input.clientMessageId }) : null);
    if (!existing) throw new Error(`Inbound message ${input.sourceId} conflicted with a message that cannot be found`);
    return { message: existing, conversationId: existing.conversationId, contactChannelId: seen.contactChannelId, duplicate: true };
  }

  /** The customer's unresolved conversation (reopened if pending or snoozed), or a new one. */
  private async openConversation(tx: EntityManager, input: InboundMessage, contactChannelId: string): Promise<{ conversation: ConversationEntity; created: boolean }> {
    const repo = tx.getRepository(ConversationEntity);
    const current = await repo.findOne({ where: { contactChannelId, status: Not('resolved') }, lock: { mode: 'pessimistic_write' } });
    const now = this.clock.now();
    if (current) {
      if (current.status !== 'open') {
        await repo.update({ id: current.id }, { status: 'open', snoozedUntil: null });
        Object.assign(current, { status: 'open', snoozedUntil: null });
      }
      return { conversation: current, created: false };
    }
    const conversation = repo.create({
      id: newId(),
      accountId: input.accountId,
      inboxId: input.inboxId,
      contactChannelId,
      status: 'open',
      assigneeId: null,
      teamId: null,
      snoozedUntil: null,
      lastActivityAt: now,
      lastMessagePreview: null,
      customerWindowExpiresAt: null,
      firstReplyAt: null,
    });
    // insert() fills the database defaults (created_at, updated_at) in from RETURNING: no read-back needed.
    await repo.insert(conversation);
    return { conversation, created: true };
  }
}
