import type { ConsentKeyword } from '@concierge/channels-core';
import { Clock, firstOfEach, newId } from '@concierge/common';
import { ContactsService, type ContactProfile } from '@concierge/contacts';
import type { MessageContent } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service.js';
import { ConversationEntity, MessageEntity } from '../entities/index.js';
import { DomainEvents } from '../domain-events.js';
import { InboxEvents } from '../inbox-events.js';
import { ChannelConsent } from '../ingest/channel-consent.js';
import { GroupCommit } from '../ingest/group-commit.js';
import { toBotConversation, type BotActivity } from '../outbound/bot-messages.js';
import { appendInboundMessages } from './message-writer.js';
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

/** A committed customer message and what listeners need to know about it. */
export interface StoredMessage {
  message: MessageEntity;
  conversation: ConversationEntity;
  conversationCreated: boolean;
  contactChannelId: string;
  contactId: string;
  channelType: string;
  /** The contact's preferred language, when the look-up read it. */
  contactLocale?: string | null;
  /** The conversation's recent traffic as of this message's commit. */
  recent: BotActivity;
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

  private readonly group = new GroupCommit<InboundMessage, IngestResult>({ many: (inputs) => this.ingestMany(inputs), one: (input) => this.ingestMany([input]).then(([r]) => r!) }, this.logger);

  /**
   * One customer message (web chat, a call's chat, a provider message with media). Messages arriving at
   * the same moment are committed together (group commit); the promise resolves once this one is.
   */
  async ingest(input: InboundMessage): Promise<IngestResult> {
    const [result] = await this.group.submit([input]);
    if (result instanceof Error) throw result;
    return result!;
  }

  private async ingestMany(inputs: InboundMessage[]): Promise<IngestResult[]> {
    const stored = await this.db.transaction((tx) => this.storeMany(tx, inputs));
    await this.announce(stored.filter((s) => s !== null));
    const results: IngestResult[] = [];
    for (const [i, s] of stored.entries()) {
      results.push(s ? { message: s.message, conversationId: s.message.conversationId, contactChannelId: s.contactChannelId, duplicate: false } : await this.repeated(inputs[i]!));
    }
    return results;
  }

  /**
   * After commit: each conversation's new state once, then every message in order, to agents and to the
   * in-process listeners (automation, metrics). Building the conversation views reads the database and
   * can fail if it drops right now; that must neither hide the messages from agents nor fail the caller
   * (a provider retry is a duplicate: never published).
   */
  async announce(stored: StoredMessage[]): Promise<void> {
    const byAccount = new Map<string, Map<string, { row: ConversationEntity; created: boolean }>>();
    for (const s of stored) {
      const conversations = byAccount.get(s.message.accountId) ?? new Map<string, { row: ConversationEntity; created: boolean }>();
      byAccount.set(s.message.accountId, conversations);
      const seen = conversations.get(s.conversation.id);
      conversations.set(s.conversation.id, { row: s.conversation, created: (seen?.created ?? false) || s.conversationCreated });
    }
    for (const [accountId, conversations] of byAccount) {
      await this.conversations.publishMany(accountId, [...conversations.values()]).catch((error: unknown) => {
        this.logger.warn({ err: error, conversationIds: [...conversations.keys()] }, 'Conversation updates not published after inbound messages');
      });
    }
    for (const s of stored) {
      const view = toMessageView(s.message);
      this.events.message(view);
      this.domain.emit('message.received', {
        message: view,
        channelType: s.channelType,
        contactId: s.contactId,
        contactChannelId: s.contactChannelId,
        conversationCreated: s.conversationCreated,
        conversation: { ...toBotConversation(s.conversation, s.channelType, s.contactId), ...(s.contactLocale !== undefined && { contactLocale: s.contactLocale }) },
        recent: s.recent,
      });
    }
  }

  /**
   * Contacts, conversations, messages, reply windows and consent for many customer messages inside the
   * caller's transaction, with a few statements per call rather than per message. Messages keep their
   * order. Answers the stored message per input, or null for a repeat of a stored one (idempotency is
   * left to the unique indexes: most messages are new, so nothing is looked up before the insert).
   */
  async storeMany(tx: EntityManager, inputs: InboundMessage[]): Promise<(StoredMessage | null)[]> {
    const channels = await this.contacts.resolveChannels(tx, inputs);
    const conversations = await this.openConversations(tx, inputs.map((input, i) => ({ input, contactChannelId: channels[i]!.contactChannelId })));
    for (const [i, input] of inputs.entries()) {
      const { contact, created, contactId } = channels[i]!;
      // A profile fills what the contact lacks (a new contact already has it all).
      if (!created && input.profile && (!contact || Object.keys(this.contacts.missingFields(contact, input.profile)).length > 0)) {
        await this.contacts.enrich(tx, input.accountId, contactId, input.profile);
      }
    }
    const messages = await appendInboundMessages(
      tx,
      this.clock,
      inputs.map((input, i) => ({
        conversation: conversations.get(channels[i]!.contactChannelId)!.row,
        senderId: channels[i]!.contactId,
        senderName: input.profile?.name ?? null,
        content: input.content,
        sourceId: input.sourceId,
        clientMessageId: input.clientMessageId ?? null,
        customerWindowHours: input.customerWindowHours ?? null,
      })),
    );
    const announcedCreation = new Set<string>();
    const stored: (StoredMessage | null)[] = [];
    for (const [i, input] of inputs.entries()) {
      const appended = messages[i];
      const channel = channels[i]!;
      const { row, created } = conversations.get(channel.contactChannelId)!;
      if (!appended) {
        stored.push(null);
        continue;
      }
      if (input.consent) await this.consent.record(tx, { accountId: input.accountId, inboxId: input.inboxId, contactChannelId: channel.contactChannelId, keyword: input.consent });
      // Only the first message of a new conversation opened it (one greeting, one SLA clock).
      const conversationCreated = created && !announcedCreation.has(row.id);
      if (conversationCreated) announcedCreation.add(row.id);
      stored.push({
        message: appended.message, conversation: row, conversationCreated, contactChannelId: channel.contactChannelId, contactId: channel.contactId,
        channelType: input.channelType, contactLocale: channel.contact ? channel.contact.locale : undefined,
        recent: { inboundInWindow: appended.inboundBurst, lastAgentReplyAt: row.lastAgentReplyAt, lastBotReplyAt: row.lastBotReplyAt },
      });
    }
    return stored;
  }

  /** The stored original of a repeat (same provider id, or the same client id in its conversation). */
  private async repeated(input: InboundMessage): Promise<IngestResult> {
    const repo = this.db.getRepository(MessageEntity);
    const existing =
      (await repo.findOneBy({ inboxId: input.inboxId, sourceId: input.sourceId })) ??
      (input.clientMessageId ? await this.byClientId(input) : null);
    if (!existing) throw new Error(`Inbound message ${input.sourceId} conflicted with a message that cannot be found`);
    const channel = await this.contacts.channelByAddress(input.inboxId, input.address);
    return { message: existing, conversationId: existing.conversationId, contactChannelId: channel?.id ?? '', duplicate: true };
  }

  private async byClientId(input: InboundMessage): Promise<MessageEntity | null> {
    return this.db
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .innerJoin(ConversationEntity, 'c', 'c.id = m.conversation_id')
      .innerJoin('contact_channel', 'ch', 'ch.id = c.contact_channel_id')
      .where('ch.inbox_id = :inboxId AND ch.address = :address', { inboxId: input.inboxId, address: input.address })
      .andWhere("m.direction = 'in' AND m.client_message_id = :clientMessageId", { clientMessageId: input.clientMessageId })
      .orderBy('m.seq', 'DESC')
      .getOne();
  }

  /**
   * Each channel's unresolved conversation, locked in id order (two batches never wait on each other in
   * a cycle), reopened if pending or snoozed; a new one where there is none.
   */
  private async openConversations(tx: EntityManager, wanted: { input: InboundMessage; contactChannelId: string }[]): Promise<Map<string, { row: ConversationEntity; created: boolean }>> {
    const repo = tx.getRepository(ConversationEntity);
    const lockOpen = async (channelIds: string[]) =>
      channelIds.length ? repo.find({ where: { contactChannelId: In(channelIds), status: Not('resolved') }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } }) : [];
    const result = new Map<string, { row: ConversationEntity; created: boolean }>();
    for (const row of await lockOpen([...new Set(wanted.map((w) => w.contactChannelId))])) result.set(row.contactChannelId, { row, created: false });
    const missing = firstOfEach(wanted.filter((w) => !result.has(w.contactChannelId)), (w) => w.contactChannelId);
    if (missing.length > 0) {
      const now = this.clock.now();
      const fresh = missing.map(({ input, contactChannelId }) =>
        repo.create({
          id: newId(), accountId: input.accountId, inboxId: input.inboxId, contactChannelId, status: 'open', assigneeId: null, teamId: null,
          snoozedUntil: null, lastActivityAt: now, lastMessagePreview: null, customerWindowExpiresAt: null, firstReplyAt: null,
          lastAgentReplyAt: null, lastBotReplyAt: null, inboundBurstStartedAt: null, inboundBurstCount: 0,
        }),
      );
      // A concurrent message of the same customer may open it first: theirs is used (after its commit).
      const inserted: { id: string; created_at: Date; updated_at: Date }[] = await tx.query(
        `INSERT INTO conversation (id, account_id, inbox_id, contact_channel_id, status, last_activity_at)
         SELECT id, account_id, inbox_id, contact_channel_id, 'open', $2 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, account_id uuid, inbox_id uuid, contact_channel_id uuid)
         ON CONFLICT DO NOTHING RETURNING id, created_at, updated_at`,
        [JSON.stringify(fresh.map((c) => ({ id: c.id, account_id: c.accountId, inbox_id: c.inboxId, contact_channel_id: c.contactChannelId }))), now],
      );
      const times = new Map(inserted.map((r) => [r.id, r]));
      for (const row of fresh) {
        const t = times.get(row.id);
        if (t) result.set(row.contactChannelId, { row: Object.assign(row, { createdAt: t.created_at, updatedAt: t.updated_at }), created: true });
      }
      for (const row of await lockOpen(fresh.filter((c) => !times.has(c.id)).map((c) => c.contactChannelId))) result.set(row.contactChannelId, { row, created: false });
    }
    const reopen = [...result.values()].filter(({ row }) => row.status !== 'open').map(({ row }) => row);
    if (reopen.length > 0) {
      await repo.update({ id: In(reopen.map((r) => r.id)) }, { status: 'open', snoozedUntil: null });
      for (const row of reopen) Object.assign(row, { status: 'open', snoozedUntil: null });
    }
    return result;
  }
}
