import { AppError, Clock } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Metrics } from '@concierge/observability';
import type { MessageContent, MessageView, NotificationView } from '@concierge/contracts';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service.js';
import { MessageEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { ChannelRegistry } from '@concierge/channels-core';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { OutboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OutboundQueue } from '../outbound/outbound-queue.js';
import { SendPolicy } from '../outbound/send-policy.js';
import { ProductCards } from '../product-cards.js';
import { appendMessage } from './message-writer.js';
import { toMessageView } from './message.views.js';

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly inboxes: InboxesService,
    private readonly registry: ChannelRegistry,
    private readonly policy: SendPolicy,
    private readonly attachments: AttachmentsService,
    private readonly queue: OutboundQueue,
    private readonly events: InboxEvents,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly productCards: ProductCards,
    private readonly metrics: Metrics,
  ) {}

  /** One page of history, oldest first; `before` pages back in time. */
  async list(ctx: AccountContext, conversationId: string, query: { before?: string; limit?: number }): Promise<{ data: MessageView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    if (query.before !== undefined && !/^\d{1,19}$/.test(query.before)) {
      throw AppError.validation('Invalid cursor', [{ field: 'before', messages: ['before must be a cursor returned by this API'] }]);
    }
    const qb = this.db
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId AND m.account_id = :accountId', { conversationId, accountId: ctx.accountId });
    if (query.before) qb.andWhere('m.seq < :before', { before: query.before });
    // The access check and the page side by side (one round-trip time); the page is only returned if the check passes.
    const [, rows] = await Promise.all([this.conversations.entity(ctx, conversationId), qb.orderBy('m.seq', 'DESC').limit(limit + 1).getMany()]);
    const page = rows.slice(0, limit);
    return { data: page.reverse().map(toMessageView), nextCursor: rows.length > limit ? page[0]!.seq : null };
  }

  /**
   * An agent's reply or private note. A reply is refused up front when the channel cannot take it now
   * (window closed, opted out, inbox paused); otherwise it is stored as `queued` together with its outbox
   * row and delivered by the queue. A repeated clientMessageId returns the stored message unchanged.
   */
  async send(
    ctx: AccountContext,
    conversationId: string,
    input: { content: MessageContent; private?: boolean; clientMessageId?: string; mentions?: string[] },
  ): Promise<{ message: MessageView; created: boolean }> {
    const note = input.private === true;
    if (input.mentions?.length && !note) {
      throw AppError.validation('Only private notes can mention agents', [{ field: 'mentions', messages: ['mentions require private: true'] }]);
    }
    const content = await this.resolveContent(ctx.accountId, input.content);
    let created = true;
    let notices: NotificationView[] = [];
    let firstResponseSeconds: number | null = null;
    const stored = await this.db.transaction(async (tx) => {
      const conv = await this.conversations.entity(ctx, conversationId, tx, true);
      if (input.clientMessageId) {
        const repeat = await tx.getRepository(MessageEntity).findOneBy({ conversationId, direction: 'out', clientMessageId: input.clientMessageId });
        if (repeat) {
          created = false;
          return repeat;
        }
      }
      if (!note) await this.assertSendable(conv.inboxId, conv, content, tx);
      const message = await appendMessage(tx, this.clock, conv, {
        direction: 'out',
        kind: note ? 'note' : 'normal',
        sender: { type: 'agent', id: ctx.agent.id, name: ctx.agent.name },
        content,
        status: note ? 'sent' : 'queued',
        clientMessageId: input.clientMessageId ?? null,
      });
      if (!message) {
        created = false;
        return tx.getRepository(MessageEntity).findOneByOrFail({ conversationId, direction: 'out', clientMessageId: input.clientMessageId! });
      }
      // appendMessage sets firstReplyAt on the assistant's first reply, and only then.
      if (!note && conv.firstReplyAt?.getTime() === message.createdAt.getTime()) firstResponseSeconds = (message.createdAt.getTime() - conv.createdAt.getTime()) / 1000;
      if (!note) await tx.getRepository(OutboxEntity).insert({ messageId: message.id, accountId: message.accountId });
      if (note && input.mentions?.length) notices = await this.notifications.mentioned(tx, ctx, conv, message, input.mentions);
      return message;
    });
    if (!created) return { message: toMessageView(stored), created };
    if (firstResponseSeconds !== null) this.metrics.firstResponded(firstResponseSeconds);
    this.events.message(toMessageView(stored));
    this.notifications.publish(notices);
    await this.conversations.publish(ctx.accountId, conversationId);
    if (!note) await this.queue.enqueue(stored.id);
    return { message: toMessageView(stored), created };
  }

  /** Inside the send's transaction: every read goes through `tx` (never a second pooled connection). */
  private async assertSendable(inboxId: string, conv: Parameters<SendPolicy['check']>[2], content: MessageContent, tx: EntityManager): Promise<void> {
    const inbox = (await this.inboxes.byId(inboxId, tx))!;
    const refusal = await this.policy.check(inbox, this.registry.get(inbox.channelType), conv, content, tx);
    if (refusal) throw new AppError(refusal.code, refusal.message);
  }

  /** Uploaded attachments become media content with the hub's URL; bare product cards get the catalog's snapshot; text is checked for length. */
  private async resolveContent(accountId: string, content: MessageContent): Promise<MessageContent> {
    this.assertContent(content);
    if (content.type === 'product_card' || content.type === 'product_list') return this.productCards.complete(accountId, content);
    if (content.type !== 'media' || !content.attachmentId) return content;
    const attachment = await this.attachments.find(accountId, content.attachmentId);
    if (!attachment) throw AppError.notFound('Attachment');
    return { ...this.attachments.content(attachment, content.caption), ...(content.filename && { filename: content.filename }) };
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
