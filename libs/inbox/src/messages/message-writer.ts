import { newId, type Clock } from '@concierge/common';
import { contentPreview, type DeliveryStatus, type MessageContent, type MessageDirection, type MessageKind, type SenderType } from '@concierge/contracts';
import type { EntityManager } from 'typeorm';
import { ConversationEntity, MessageEntity } from '../entities/index.js';

export interface NewMessage {
  direction: MessageDirection;
  kind: MessageKind;
  sender: { type: SenderType; id: string | null; name: string | null };
  content: MessageContent;
  status: DeliveryStatus;
  sourceId?: string | null;
  clientMessageId?: string | null;
  /** More conversation columns to set in the same UPDATE as its activity (e.g. the reply window). */
  conversationPatch?: Partial<ConversationEntity>;
}

/**
 * The one way a message enters a conversation: insert it, record its first status event and move the
 * conversation's activity, all inside the caller's transaction. Returns null when the provider id or
 * client id was already stored (an idempotent repeat).
 */
export async function appendMessage(tx: EntityManager, clock: Clock, conversation: ConversationEntity, input: NewMessage): Promise<MessageEntity | null> {
  const now = clock.now();
  const id = newId();
  // The message and its first status event in one statement (one round trip on the hot paths); a
  // conflicting repeat inserts neither.
  const inserted: { seq: string }[] = await tx.query(
    `WITH m AS (
       INSERT INTO message (id, account_id, inbox_id, conversation_id, direction, kind, sender_type, sender_id, sender_name,
                            content, status, source_id, client_message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING RETURNING id, seq, account_id, status, created_at
     ), e AS (
       INSERT INTO message_status_event (account_id, message_id, status, error_code, error_message, occurred_at)
       SELECT account_id, id, status, NULL, NULL, created_at FROM m
     )
     SELECT seq FROM m`,
    [
      id, conversation.accountId, conversation.inboxId, conversation.id, input.direction, input.kind, input.sender.type,
      input.sender.id, input.sender.name, JSON.stringify(input.content), input.status, input.sourceId ?? null,
      input.clientMessageId ?? null, now,
    ],
  );
  if (inserted.length === 0) return null;
  const patch: Partial<ConversationEntity> = { ...input.conversationPatch, lastActivityAt: now };
  if (input.kind !== 'activity') patch.lastMessagePreview = contentPreview(input.content).slice(0, 200);
  if (input.direction === 'out' && input.kind === 'normal' && input.sender.type === 'agent') {
    patch.lastAgentReplyAt = now;
    if (!conversation.firstReplyAt) patch.firstReplyAt = now;
  }
  if (input.direction === 'out' && input.kind === 'normal' && input.sender.type === 'bot') patch.lastBotReplyAt = now;
  await tx.getRepository(ConversationEntity).update({ id: conversation.id }, patch);
  Object.assign(conversation, patch);
  // Every column is known here; re-reading the row would cost a round trip on the hot inbound path.
  return tx.getRepository(MessageEntity).create({
    id, seq: String(inserted[0]!.seq), accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id,
    direction: input.direction, kind: input.kind, senderType: input.sender.type, senderId: input.sender.id, senderName: input.sender.name,
    content: input.content, status: input.status, error: null, sourceId: input.sourceId ?? null, clientMessageId: input.clientMessageId ?? null, createdAt: now,
  });
}

/** One customer message of a batch, for a conversation already locked by the caller. */
export interface InboundRow {
  conversation: ConversationEntity;
  senderId: string;
  senderName: string | null;
  content: MessageContent;
  sourceId: string;
  clientMessageId: string | null;
  /** The channel's reply window, reopened by this message (hours), if it has one. */
  customerWindowHours: number | null;
}

/**
 * Customer messages within this long of the first of a burst count towards it (automation's loop guard
 * reads the count from the conversation instead of its messages).
 */
export const INBOUND_BURST_WINDOW_MS = 30_000;

/** Customer messages of a conversation's current burst at `now` (0 once its window has passed). */
export function inboundBurst(conversation: Pick<ConversationEntity, 'inboundBurstStartedAt' | 'inboundBurstCount'>, now: Date): number {
  const open = conversation.inboundBurstStartedAt !== null && now.getTime() - conversation.inboundBurstStartedAt.getTime() < INBOUND_BURST_WINDOW_MS;
  return open ? conversation.inboundBurstCount : 0;
}

/** A stored customer message, and how many messages of its conversation's burst it makes. */
export interface StoredInbound {
  message: MessageEntity;
  inboundBurst: number;
}

/**
 * `appendMessage` for many customer messages at once (the batched inbound path): one INSERT for the
 * messages and their first status events, one UPDATE for the conversations they moved (activity, reply
 * window, burst). Rows keep their order (their `seq` follows it). Returns the stored message per row,
 * null for a repeat.
 */
export async function appendInboundMessages(tx: EntityManager, clock: Clock, rows: InboundRow[]): Promise<(StoredInbound | null)[]> {
  if (rows.length === 0) return [];
  const now = clock.now();
  const ids = rows.map(() => newId());
  const records = rows.map((r, ord) => ({
    ord, id: ids[ord], account_id: r.conversation.accountId, inbox_id: r.conversation.inboxId, conversation_id: r.conversation.id,
    sender_id: r.senderId, sender_name: r.senderName, content: r.content, source_id: r.sourceId, client_message_id: r.clientMessageId,
  }));
  const inserted: { id: string; seq: string }[] = await tx.query(
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(ord int, id uuid, account_id uuid, inbox_id uuid, conversation_id uuid,
                                                      sender_id uuid, sender_name text, content jsonb, source_id text, client_message_id text)
     ), m AS (
       INSERT INTO message (id, account_id, inbox_id, conversation_id, direction, kind, sender_type, sender_id, sender_name,
                            content, status, source_id, client_message_id, created_at)
       SELECT id, account_id, inbox_id, conversation_id, 'in', 'normal', 'contact', sender_id, sender_name, content, 'received',
              source_id, client_message_id, $2 FROM v ORDER BY ord
       ON CONFLICT DO NOTHING RETURNING id, seq, account_id, status, created_at
     ), e AS (
       INSERT INTO message_status_event (account_id, message_id, status, error_code, error_message, occurred_at)
       SELECT account_id, id, status, NULL, NULL, created_at FROM m
     )
     SELECT id, seq FROM m`,
    [JSON.stringify(records), now],
  );
  const seqOf = new Map(inserted.map((r) => [r.id, String(r.seq)]));
  // The conversation's activity follows its last stored message of the batch.
  const moved = new Map<string, ConversationEntity>();
  const messages = rows.map((r, i): StoredInbound | null => {
    const seq = seqOf.get(ids[i]!);
    if (seq === undefined) return null;
    const conv = r.conversation;
    const window = r.customerWindowHours ? new Date(now.getTime() + r.customerWindowHours * 3_600_000) : null;
    const burst = inboundBurst(conv, now);
    Object.assign(conv, {
      lastActivityAt: now,
      lastMessagePreview: contentPreview(r.content).slice(0, 200),
      ...(window && { customerWindowExpiresAt: window }),
      inboundBurstStartedAt: burst > 0 ? conv.inboundBurstStartedAt : now,
      inboundBurstCount: burst + 1,
    });
    moved.set(conv.id, conv);
    const message = tx.getRepository(MessageEntity).create({
      id: ids[i]!, seq, accountId: r.conversation.accountId, inboxId: r.conversation.inboxId, conversationId: r.conversation.id,
      direction: 'in', kind: 'normal', senderType: 'contact', senderId: r.senderId, senderName: r.senderName,
      content: r.content, status: 'received', error: null, sourceId: r.sourceId, clientMessageId: r.clientMessageId, createdAt: now,
    });
    return { message, inboundBurst: conv.inboundBurstCount };
  });
  if (moved.size > 0) {
    const changes = [...moved.values()];
    // unnest of typed arrays: the planner expects a few rows and joins by the primary key.
    await tx.query(
      `UPDATE conversation c
          SET last_activity_at = $6, last_message_preview = v.preview, customer_window_expires_at = v.window_until,
              inbound_burst_started_at = v.burst_at, inbound_burst_count = v.burst, updated_at = CURRENT_TIMESTAMP
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS v(id, preview, window_until, burst_at, burst)
        WHERE c.id = v.id`,
      [
        changes.map((c) => c.id), changes.map((c) => c.lastMessagePreview), changes.map((c) => c.customerWindowExpiresAt),
        changes.map((c) => c.inboundBurstStartedAt), changes.map((c) => c.inboundBurstCount), now,
      ],
    );
  }
  return messages;
}
