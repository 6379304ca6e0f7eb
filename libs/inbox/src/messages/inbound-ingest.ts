import type { ConsentKeyword } from '@concierge/channels-core';
import { Clock, newId } from '@concierge/common';
import { ContactsService, type ContactProfile } from '@concierge/contacts';
import type { MessageContent } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
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
    const outcome = await this.db.transaction(async (tx) => {
      const channel = await this.contacts.resolveChannel(tx, input);
      const existing = await tx.getRepository(MessageEntity).findOneBy({ inboxId: input.inboxId, sourceId: input.sourceId });
      if (existing) return { message: existing, conversationCreated: false, duplicate: true, contactChannelId: channel.contactChannelId, contactId: channel.contactId };
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
      });
      if (input.customerWindowHours) {
        const customerWindowExpiresAt = new Date(this.clock.now().getTime() + input.customerWindowHours * 3_600_000);
        await tx.getRepository(ConversationEntity).update({ id: conversation.id }, { customerWindowExpiresAt });
      }
      if (input.consent) {
        await this.consent.record(tx, { accountId: input.accountId, inboxId: input.inboxId, contactChannelId: channel.contactChannelId, keyword: input.consent });
      }
      // The conversation lock serialises writers for this customer, so the insert cannot lose a race.
      return { message: message!, conversationCreated: created, duplicate: false, contactChannelId: channel.contactChannelId, contactId: channel.contactId };
    });
    if (!outcome.duplicate) {
      await this.conversations.publish(input.accountId, outcome.message.conversationId, outcome.conversationCreated);
      const view = toMessageView(outcome.message);
      this.events.message(view);
      this.domain.emit('message.received', {
        message: view,
        channelType: input.channelType,
        contactId: outcome.contactId,
        contactChannelId: outcome.contactChannelId,
        conversationCreated: outcome.conversationCreated,
      });
    }
    return { message: outcome.message, conversationId: outcome.message.conversationId, contactChannelId: outcome.contactChannelId, duplicate: outcome.duplicate };
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
    await repo.insert(conversation);
    return { conversation: await repo.findOneByOrFail({ id: conversation.id }), created: true };
  }
}
