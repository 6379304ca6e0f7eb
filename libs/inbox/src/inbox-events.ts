import { RealtimePublisher, type ConversationView, type MessageView } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';

/** Publishes inbox changes to the agents who can see the inbox (members and admins). */
@Injectable()
export class InboxEvents {
  constructor(private readonly realtime: RealtimePublisher) {}

  conversation(view: ConversationView, created = false): void {
    this.realtime.toAgents({ accountId: view.accountId, inboxId: view.inboxId }, created ? 'conversation.created' : 'conversation.updated', view);
  }

  inboxStatus(accountId: string, inboxId: string, status: 'active' | 'paused', detail: string | null): void {
    this.realtime.toAgents({ accountId, inboxId }, 'inbox.status', { accountId, inboxId, status, detail });
  }

  message(view: MessageView, updated = false): void {
    this.realtime.toAgents({ accountId: view.accountId, inboxId: view.inboxId }, updated ? 'message.updated' : 'message.created', view);
  }
}
