import { ChannelRegistry } from '@concierge/channels-core';
import { AppError, Clock } from '@concierge/common';
import { ContactsService } from '@concierge/contacts';
import type { ConversationStatus, MessageContent, MessageView, NotificationView, VisitorMessageView } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service.js';
import { ConversationEntity, InboxEntity, MessageEntity, OutboxEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { appendMessage, inboundBurst } from '../messages/message-writer.js';
import { toMessageView, toVisitorView } from '../messages/message.views.js';
import { OutboundQueue } from './outbound-queue.js';
import { SendPolicy, type SendRefusal } from './send-policy.js';

export type BotSendResult = { ok: true; message: MessageView; created: boolean } | { ok: false; refusal: SendRefusal };

/** What automation needs to know about a conversation (never the entity itself). */
export interface BotConversation {
  id: string;
  accountId: string;
  inboxId: string;
  channelType: string;
  contactChannelId: string;
  contactId: string | null;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  firstReplyAt: Date | null;
  createdAt: Date;
  /** The contact's preferred language when already known (undefined: not looked up). */
  contactLocale?: string | null;
}

/** What automation sees of a conversation row. */
export function toBotConversation(row: ConversationEntity, channelType: string, contactId: string | null): BotConversation {
  return {
    id: row.id, accountId: row.accountId, inboxId: row.inboxId, channelType, contactChannelId: row.contactChannelId,
    contactId, status: row.status, assigneeId: row.assigneeId, teamId: row.teamId, firstReplyAt: row.firstReplyAt, createdAt: row.createdAt,
  };
}

export interface BotActivity {
  /** Customer messages of the conversation's current burst (INBOUND_BURST_WINDOW_MS from its first). */
  inboundInWindow: number;
  lastAgentReplyAt: Date | null;
  lastBotReplyAt: Date | null;
}

const SYSTEM = { type: 'system' as const, id: null, name: null };

/**
 * The inbox side of automation (auto-replies, auto-assignment, SLA): bot messages go through the same
 * policy, outbox and queue as an assistant's, and conversation changes leave activity lines in the thread.
 * Automation libs call this instead of touching the inbox's tables.
 */
@Injectable()
export class BotMessages {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly registry: ChannelRegistry,
    private readonly policy: SendPolicy,
    private readonly queue: OutboundQueue,
    private readonly events: InboxEvents,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a bot reply (`sender.type: 'bot'`) with its outbox row in one transaction and queues it.
   * Idempotent on `dedupeKey` (stored as the message's clientMessageId, unique per conversation and
   * direction), so two automations or two hub instances never double a reply. A policy refusal
   * (window closed, opted out, paused) is returned, not thrown: the caller picks a template or stays silent.
   */
  async send(accountId: string, conversationId: string, content: MessageContent, options: { dedupeKey: string; senderName?: string | null }): Promise<BotSendResult> {
    let created = true;
    let refusal = null as SendRefusal | null;
    const stored = await this.db.transaction(async (tx) => {
      const conv = await tx.getRepository(ConversationEntity).findOne({ where: { id: conversationId, accountId }, lock: { mode: 'pessimistic_write' } });
      if (!conv) throw AppError.notFound('Conversation');
      const repeat = await tx.getRepository(MessageEntity).findOneBy({ conversationId, direction: 'out', clientMessageId: options.dedupeKey });
      if (repeat) {
        created = false;
        return repeat;
      }
      const inbox = await tx.getRepository(InboxEntity).findOneByOrFail({ id: conv.inboxId });
      refusal = await this.policy.check(inbox, this.registry.get(inbox.channelType), conv, content, tx);
      if (refusal) return null;
      // sender bot: appendMessage leaves firstReplyAt alone (only assistants count for first response).
      const message = await appendMessage(tx, this.clock, conv, {
        direction: 'out', kind: 'normal', sender: { type: 'bot', id: null, name: options.senderName ?? null }, content, status: 'queued', clientMessageId: options.dedupeKey,
      });
      if (!message) {
        created = false;
        return tx.getRepository(MessageEntity).findOneByOrFail({ conversationId, direction: 'out', clientMessageId: options.dedupeKey });
      }
      await tx.getRepository(OutboxEntity).insert({ messageId: message.id, accountId });
      return message;
    });
    if (!stored) return { ok: false, refusal: refusal! };
    const view = toMessageView(stored);
    if (!created) return { ok: true, message: view, created };
    this.events.message(view);
    await this.conversations.publish(accountId, conversationId);
    await this.queue.enqueue(stored.id);
    return { ok: true, message: view, created };
  }

  async conversation(accountId: string, conversationId: string): Promise<BotConversation | null> {
    const row = await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId, accountId });
    if (!row) return null;
    const inbox = await this.db.getRepository(InboxEntity).findOneByOrFail({ id: row.inboxId });
    const channel = await this.contacts.channel(accountId, row.contactChannelId);
    return toBotConversation(row, inbox.channelType, channel?.contactId ?? null);
  }

  /** Recent traffic of a conversation, for loop guards and "an assistant is on it" checks (kept on its row). */
  async activity(conversationId: string): Promise<BotActivity> {
    const row = await this.db.getRepository(ConversationEntity).findOne({
      select: { id: true, lastAgentReplyAt: true, lastBotReplyAt: true, inboundBurstStartedAt: true, inboundBurstCount: true },
      where: { id: conversationId },
    });
    if (!row) return { inboundInWindow: 0, lastAgentReplyAt: null, lastBotReplyAt: null };
    return { inboundInWindow: inboundBurst(row, this.clock.now()), lastAgentReplyAt: row.lastAgentReplyAt, lastBotReplyAt: row.lastBotReplyAt };
  }

  /** Which of these bot dedupe keys were already used in the conversation. */
  async sentKeys(conversationId: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { k: string }[] = await this.db.query(
      `SELECT client_message_id AS k FROM message WHERE conversation_id = $1 AND direction = 'out' AND client_message_id = ANY($2)`,
      [conversationId, keys],
    );
    return new Set(rows.map((r) => r.k));
  }

  /**
   * Compare-and-set of the assignee: changes only while the assignee is still `expected` and the
   * conversation is not resolved, so an assistant's own choice is never overwritten. Returns whether it changed.
   */
  async assign(accountId: string, conversationId: string, agentId: string | null, options: { expected: string | null; text: string }): Promise<boolean> {
    return this.change(accountId, conversationId, options.text, agentId ? 'assigned' : 'unassigned', (conv) => {
      if (conv.assigneeId !== options.expected || conv.status === 'resolved') return null;
      return { assigneeId: agentId };
    });
  }

  /** The customer asked for a person: the conversation is (re)opened for the queue, with an activity line. */
  async handOver(accountId: string, conversationId: string, text: string): Promise<boolean> {
    return this.change(accountId, conversationId, text, 'handed_over', (conv) => (conv.status === 'resolved' ? null : { status: 'open', snoozedUntil: null }));
  }

  /** Unresolved conversations per assistant (capacity-based assignment). */
  async openLoad(accountId: string, agentIds: string[]): Promise<Map<string, number>> {
    const load = new Map(agentIds.map((id) => [id, 0]));
    if (agentIds.length === 0) return load;
    const rows: { a: string; n: string }[] = await this.db.query(
      `SELECT assignee_id AS a, count(*) AS n FROM conversation WHERE account_id = $1 AND assignee_id = ANY($2) AND status <> 'resolved' GROUP BY assignee_id`,
      [accountId, agentIds],
    );
    for (const r of rows) load.set(r.a, Number(r.n));
    return load;
  }

  /** The assistant of the contact's latest other conversation on any channel (contacts span channels). */
  async previousAssignee(accountId: string, contactId: string, excludeConversationId: string): Promise<string | null> {
    const rows: { a: string }[] = await this.db.query(
      `SELECT c.assignee_id AS a FROM conversation c JOIN contact_channel cc ON cc.id = c.contact_channel_id
        WHERE c.account_id = $1 AND cc.contact_id = $2 AND c.id <> $3 AND c.assignee_id IS NOT NULL
        ORDER BY c.last_activity_at DESC LIMIT 1`,
      [accountId, contactId, excludeConversationId],
    );
    return rows[0]?.a ?? null;
  }

  /** Unresolved conversations assigned to an assistant (reassignment when they go offline). */
  async assignedTo(accountId: string, agentId: string): Promise<{ id: string; inboxId: string }[]> {
    return this.db.query(
      `SELECT id, inbox_id AS "inboxId" FROM conversation WHERE account_id = $1 AND assignee_id = $2 AND status IN ('open', 'pending') ORDER BY last_activity_at`,
      [accountId, agentId],
    );
  }

  /** A system line in the thread that changes nothing else (video-call lifecycle, a customer's call request). */
  async recordActivity(accountId: string, conversationId: string, event: string, text: string): Promise<MessageView | null> {
    const line = await this.db.transaction(async (tx) => {
      const conv = await tx.getRepository(ConversationEntity).findOneBy({ id: conversationId, accountId });
      return conv ? appendMessage(tx, this.clock, conv, { direction: 'out', kind: 'activity', sender: SYSTEM, content: { type: 'activity', event, text }, status: 'sent' }) : null;
    });
    if (!line) return null;
    const view = toMessageView(line);
    this.events.message(view);
    await this.conversations.publish(accountId, conversationId);
    return view;
  }

  /** The thread as the customer sees it (no notes, no activity lines, no agent ids): the latest `limit` messages, oldest first. */
  async customerThread(accountId: string, conversationId: string, limit = 100): Promise<VisitorMessageView[]> {
    const rows = await this.db.getRepository(MessageEntity).find({ where: { accountId, conversationId, kind: 'normal' }, order: { seq: 'DESC' }, take: limit });
    return rows.reverse().map(toVisitorView);
  }

  /** Open unassigned conversations of an inbox, oldest first: the human queue. */
  async waiting(accountId: string, inboxId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM conversation WHERE account_id = $1 AND inbox_id = $2 AND status = 'open' AND assignee_id IS NULL ORDER BY created_at, id LIMIT 500`,
      [accountId, inboxId],
    );
    return rows.map((r) => r.id);
  }

  async inboxMembers(inboxId: string): Promise<string[]> {
    const rows: { a: string }[] = await this.db.query(`SELECT agent_id AS a FROM inbox_member WHERE inbox_id = $1 ORDER BY agent_id`, [inboxId]);
    return rows.map((r) => r.a);
  }

  /** Status, first assistant reply and last resolution of conversations (SLA clocks). */
  async slaFacts(accountId: string, ids: string[]): Promise<Map<string, { status: ConversationStatus; firstReplyAt: Date | null; resolvedAt: Date | null }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; status: ConversationStatus; first: Date | null; resolved: Date | null }[] = await this.db.query(
      `SELECT c.id, c.status, c.first_reply_at AS first,
              (SELECT max(m.created_at) FROM message m WHERE m.conversation_id = c.id AND m.kind = 'activity'
                  AND m.content->>'event' = 'status_resolved') AS resolved
         FROM conversation c WHERE c.account_id = $1 AND c.id = ANY($2)`,
      [accountId, ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, firstReplyAt: r.first ? new Date(r.first) : null, resolvedAt: r.status === 'resolved' && r.resolved ? new Date(r.resolved) : null }]));
  }

  private async change(
    accountId: string,
    conversationId: string,
    text: string,
    event: string,
    decide: (conv: ConversationEntity) => Partial<Pick<ConversationEntity, 'assigneeId' | 'status' | 'snoozedUntil'>> | null,
  ): Promise<boolean> {
    let line: MessageEntity | null = null;
    let notices: NotificationView[] = [];
    const changed = await this.db.transaction(async (tx) => {
      const conv = await tx.getRepository(ConversationEntity).findOne({ where: { id: conversationId, accountId }, lock: { mode: 'pessimistic_write' } });
      const patch = conv ? decide(conv) : null;
      if (!conv || !patch) return false;
      await tx.getRepository(ConversationEntity).update({ id: conversationId }, patch);
      Object.assign(conv, patch);
      line = await appendMessage(tx, this.clock, conv, { direction: 'out', kind: 'activity', sender: SYSTEM, content: { type: 'activity', event, text }, status: 'sent' });
      if (patch.assigneeId) notices = await this.notifications.assignedByAutomation(tx, conv, patch.assigneeId);
      return true;
    });
    if (!changed) return false;
    await this.conversations.publish(accountId, conversationId);
    if (line) this.events.message(toMessageView(line));
    this.notifications.publish(notices);
    return true;
  }
}
