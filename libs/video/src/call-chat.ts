import { AppError } from '@concierge/common';
import { ContactsService } from '@concierge/contacts';
import type { VisitorMessageView } from '@concierge/contracts';
import { BotMessages, InboundIngest, MessagesService } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import type { Seat } from './call-roster.js';

/**
 * The conversation's chat beside the video. Customers read their own thread as they would in the
 * widget (no notes, no activity lines, no agent ids) and write into it as an inbound message; an
 * assistant's message goes through the ordinary send use case, so it also reaches the customer's channel.
 */
@Injectable()
export class CallChat {
  constructor(
    private readonly bot: BotMessages,
    private readonly ingest: InboundIngest,
    private readonly messages: MessagesService,
    private readonly contacts: ContactsService,
    private readonly agents: AgentDirectory,
  ) {}

  /** The thread shown beside the video: the seat's own conversation (a group's host has none). */
  conversationOf(seat: Seat): string | null {
    return seat.participant.conversationId;
  }

  async history(seat: Seat): Promise<VisitorMessageView[]> {
    const conversationId = this.required(seat);
    return this.bot.customerThread(seat.call.accountId, conversationId, 100);
  }

  async send(seat: Seat, clientMessageId: string, text: string): Promise<VisitorMessageView> {
    const conversationId = this.required(seat);
    const { accountId } = seat.call;
    if (seat.participant.role !== 'customer') {
      const member = await this.agents.member(accountId, seat.participant.agentId!);
      const ctx = { accountId, role: member.role, agent: { id: member.id, name: member.name, email: member.email } };
      const { message } = await this.messages.send(ctx, conversationId, { content: { type: 'text', text }, clientMessageId: `call-${clientMessageId}` });
      return { id: message.id, conversationId, direction: 'out', sender: { type: 'agent', name: message.sender.name }, content: message.content, status: message.status, clientMessageId: null, createdAt: message.createdAt };
    }
    const conv = await this.bot.conversation(accountId, conversationId);
    const channel = conv && (await this.contacts.channel(accountId, conv.contactChannelId));
    if (!conv || !channel) throw AppError.notFound('Conversation');
    // Written as the customer's message on their own channel address; no reply window is opened (it did not come from WhatsApp).
    const result = await this.ingest.ingest({
      accountId, inboxId: conv.inboxId, channelType: conv.channelType, address: channel.address, addressKind: channel.kind,
      sourceId: `call:${seat.participant.id}:${clientMessageId}`, clientMessageId, content: { type: 'text', text },
    });
    const m = result.message;
    return { id: m.id, conversationId: m.conversationId, direction: 'in', sender: { type: 'contact', name: null }, content: m.content, status: m.status, clientMessageId, createdAt: m.createdAt.toISOString() };
  }

  private required(seat: Seat): string {
    const id = this.conversationOf(seat);
    if (!id) throw new AppError('FORBIDDEN', 'Each buyer’s chat stays in their own conversation');
    return id;
  }
}
