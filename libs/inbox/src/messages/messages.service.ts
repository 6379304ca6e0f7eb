import { AppError, Clock } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { MessageContent, MessageView } from '@concierge/contracts';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service.js';
import { MessageEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { OutboundDelivery } from './outbound-delivery.js';
import { appendMessage } from './message-writer.js';
import { toMessageView } from './message.views.js';

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly delivery: OutboundDelivery,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** One page of history, oldest first; `before` pages back in time. */
  async list(ctx: AccountContext, conversationId: string, query: { before?: string; limit?: number }): Promise<{ data: MessageView[]; nextCursor: string | null }> {
    await this.conversations.entity(ctx, conversationId);
    const limit = query.limit ?? 50;
    if (query.before !== undefined && !/^\d{1,19}$/.test(query.before)) {
      throw AppError.validation('Invalid cursor', [{ field: 'before', messages: ['before must be a cursor returned by this API'] }]);
    }
    const qb = this.db
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId AND m.account_id = :accountId', { conversationId, accountId: ctx.accountId });
    if (query.before) qb.andWhere('m.seq < :before', { before: query.before });
    const rows = await qb.orderBy('m.seq', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return { data: page.reverse().map(toMessageView), nextCursor: rows.length > limit ? page[0]!.seq : null };
  }

  /** An agent's reply or private note. A repeated clientMessageId returns the stored message unchanged. */
  async send(
    ctx: AccountContext,
    conversationId: string,
    input: { content: MessageContent; private?: boolean; clientMessageId?: string },
  ): Promise<{ message: MessageView; created: boolean }> {
    this.assertContent(input.content);
    const note = input.private === true;
    let created = true;
    const stored = await this.db.transaction(async (tx) => {
      const conv = await this.conversations.entity(ctx, conversationId, tx, true);
      const message = await appendMessage(tx, this.clock, conv, {
        direction: 'out',
        kind: note ? 'note' : 'normal',
        sender: { type: 'agent', id: ctx.agent.id, name: ctx.agent.name },
        content: input.content,
        status: note ? 'sent' : 'queued',
        clientMessageId: input.clientMessageId ?? null,
      });
      if (message) return message;
      created = false;
      return tx.getRepository(MessageEntity).findOneByOrFail({ conversationId, direction: 'out', clientMessageId: input.clientMessageId! });
    });
    if (!created) return { message: toMessageView(stored), created };
    this.events.message(toMessageView(stored));
    await this.conversations.publish(ctx.accountId, conversationId);
    const final = note ? stored : await this.delivery.deliver(stored);
    return { message: toMessageView(final), created };
  }

  private assertContent(content: MessageContent): void {
    if (content.type === 'text') {
      if (content.text.trim().length === 0) {
        throw AppError.validation('Message text is empty', [{ field: 'content.text', messages: ['text must not be blank'] }]);
      }
      if (content.text.length > this.config.limits.maxTextLength) {
        throw new AppError('PAYLOAD_TOO_LARGE', `Message text is longer than ${this.config.limits.maxTextLength} characters`);
      }
    }
  }
}
