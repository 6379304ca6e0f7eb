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
  if (input.direction === 'out' && input.kind === 'normal' && input.sender.type === 'agent' && !conversation.firstReplyAt) patch.firstReplyAt = now;
  await tx.getRepository(ConversationEntity).update({ id: conversation.id }, patch);
  Object.assign(conversation, patch);
  // Every column is known here; re-reading the row would cost a round trip on the hot inbound path.
  return tx.getRepository(MessageEntity).create({
    id, seq: String(inserted[0]!.seq), accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id,
    direction: input.direction, kind: input.kind, senderType: input.sender.type, senderId: input.sender.id, senderName: input.sender.name,
    content: input.content, status: input.status, error: null, sourceId: input.sourceId ?? null, clientMessageId: input.clientMessageId ?? null, createdAt: now,
  });
}
