import type { MessageView, VisitorMessageView } from '@concierge/contracts';
import type { MessageEntity } from '../entities/index.js';

export function toMessageView(m: MessageEntity): MessageView {
  return {
    id: m.id,
    accountId: m.accountId,
    inboxId: m.inboxId,
    conversationId: m.conversationId,
    direction: m.direction,
    kind: m.kind,
    sender: { type: m.senderType, id: m.senderId, name: m.senderName },
    content: m.content,
    status: m.status,
    error: m.error,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Visitors never see notes (callers filter them) nor agents' internal ids. */
export function toVisitorView(m: MessageEntity): VisitorMessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    sender: { type: m.senderType, name: m.senderType === 'contact' ? null : m.senderName },
    content: m.content,
    status: m.status,
    clientMessageId: m.direction === 'in' ? m.clientMessageId : null,
    createdAt: m.createdAt.toISOString(),
  };
}
