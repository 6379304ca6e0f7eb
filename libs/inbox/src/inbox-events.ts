import { RealtimePublisher, type ConversationView, type MessageView, type NotificationView } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';

/** Publishes inbox changes to the agents who can see the inbox (members and admins). */
@Injectable()
export class InboxEvents {
  constructor(private readonly realtime: RealtimePublisher) {}

  conversation(view: ConversationView, created = false): void {
    // One payload for every agent of the inbox: a per-agent unread count would be someone else's.
    const shared = { ...view, unreadCount: null };
    this.realtime.toAgents({ accountId: view.accountId, inboxId: view.inboxId }, created ? 'conversation.created' : 'conversation.updated', shared);
  }

  /** Only to the agent concerned (all their sockets): mentions and assignments. */
  notification(view: NotificationView): void {
    this.realtime.toAgents({ accountId: view.accountId, agentId: view.agentId }, 'notification.created', view);
  }

  notificationsRead(accountId: string, agentId: string, notificationIds: string[] | null): void {
    this.realtime.toAgents({ accountId, agentId }, 'notifications.read', { accountId, notificationIds });
  }

  /** The agent's other tabs reset the conversation's unread badge. */
  conversationRead(accountId: string, agentId: string, conversationId: string, readAt: Date): void {
    this.realtime.toAgents({ accountId, agentId }, 'conversation.read', { accountId, conversationId, readAt: readAt.toISOString() });
  }

  inboxStatus(accountId: string, inboxId: string, status: 'active' | 'paused', detail: string | null): void {
    this.realtime.toAgents({ accountId, inboxId }, 'inbox.status', { accountId, inboxId, status, detail });
  }

  message(view: MessageView, updated = false): void {
    this.realtime.toAgents({ accountId: view.accountId, inboxId: view.inboxId }, updated ? 'message.updated' : 'message.created', view);
  }
}
