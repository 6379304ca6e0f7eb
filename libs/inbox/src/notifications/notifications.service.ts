import { AppError, Clock, decodeCursor, encodeCursor, newId } from '@concierge/common';
import { contentPreview, type NotificationType, type NotificationView } from '@concierge/contracts';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { NotificationEntity, type ConversationEntity, type MessageEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { InboxesService } from '../inboxes/inboxes.service.js';

const PREVIEW_LENGTH = 200;

export function toNotificationView(n: NotificationEntity): NotificationView {
  return {
    id: n.id,
    accountId: n.accountId,
    agentId: n.agentId,
    type: n.type,
    conversationId: n.conversationId,
    messageId: n.messageId,
    actorId: n.actorId,
    actorName: n.actorName,
    preview: n.preview,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * An agent's notifications: written inside the transaction of what caused them (the note, the
 * assignment), pushed to that agent only after commit. Only agents who can open the conversation
 * (admins, members of its inbox) are notified; the author never notifies themself.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
  ) {}

  /** Mentions in a private note; agent ids that cannot see the conversation are ignored. Publish the result after commit. */
  async mentioned(tx: EntityManager, ctx: AccountContext, conversation: ConversationEntity, note: MessageEntity, agentIds: string[]): Promise<NotificationView[]> {
    const preview = contentPreview(note.content).slice(0, PREVIEW_LENGTH);
    return this.create(tx, ctx, conversation, agentIds, { type: 'mention', messageId: note.id, preview });
  }

  /** Automation assigned the conversation: the assistant hears it like any assignment. Publish after commit. */
  async assignedByAutomation(tx: EntityManager, conversation: ConversationEntity, assigneeId: string): Promise<NotificationView[]> {
    const [target] = await this.inboxes.agentsWithAccess(conversation.accountId, conversation.inboxId, [assigneeId]);
    if (!target) return [];
    const row = tx.getRepository(NotificationEntity).create({
      id: newId(),
      accountId: conversation.accountId,
      agentId: target,
      type: 'assigned',
      conversationId: conversation.id,
      messageId: null,
      actorId: null,
      actorName: 'Automation',
      preview: conversation.lastMessagePreview,
      readAt: null,
      createdAt: this.clock.now(),
    });
    await tx.getRepository(NotificationEntity).insert(row);
    return [toNotificationView(row)];
  }

  /** The conversation was assigned to someone other than the caller. Publish the result after commit. */
  async assigned(tx: EntityManager, ctx: AccountContext, conversation: ConversationEntity, assigneeId: string): Promise<NotificationView[]> {
    return this.create(tx, ctx, conversation, [assigneeId], { type: 'assigned', messageId: null, preview: conversation.lastMessagePreview });
  }

  publish(views: NotificationView[]): void {
    for (const view of views) this.events.notification(view);
  }

  /** The caller's own notifications in this brand, newest first, with the unread total for the badge. */
  async list(ctx: AccountContext, query: { unread?: boolean; cursor?: string; limit?: number }): Promise<{ data: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
    const limit = query.limit ?? 25;
    const cursor = decodeCursor(query.cursor);
    const qb = this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.agent_id = :agentId AND n.account_id = :accountId', { agentId: ctx.agent.id, accountId: ctx.accountId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    if (cursor) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const [rows, unreadCount] = await Promise.all([
      qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit + 1).getMany(),
      this.db.getRepository(NotificationEntity).countBy({ agentId: ctx.agent.id, accountId: ctx.accountId, readAt: IsNull() }),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toNotificationView),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
      unreadCount,
    };
  }

  /** Marks one of the caller's notifications read (again is harmless: the first time is kept). */
  async read(ctx: AccountContext, id: string): Promise<NotificationView> {
    const repo = this.db.getRepository(NotificationEntity);
    const where = { id, agentId: ctx.agent.id, accountId: ctx.accountId };
    const found = await repo.findOneBy(where);
    if (!found) throw AppError.notFound('Notification');
    if (!found.readAt) {
      found.readAt = this.clock.now();
      await repo.update({ ...where, readAt: IsNull() }, { readAt: found.readAt });
      this.events.notificationsRead(ctx.accountId, ctx.agent.id, [id]);
    }
    return toNotificationView(found);
  }

  async readAll(ctx: AccountContext): Promise<void> {
    await this.db
      .getRepository(NotificationEntity)
      .update({ agentId: ctx.agent.id, accountId: ctx.accountId, readAt: IsNull() }, { readAt: this.clock.now() });
    this.events.notificationsRead(ctx.accountId, ctx.agent.id, null);
  }

  private async create(
    tx: EntityManager,
    ctx: AccountContext,
    conversation: ConversationEntity,
    agentIds: string[],
    what: { type: NotificationType; messageId: string | null; preview: string | null },
  ): Promise<NotificationView[]> {
    const others = [...new Set(agentIds)].filter((id) => id !== ctx.agent.id);
    if (others.length === 0) return [];
    const targets = await this.inboxes.agentsWithAccess(ctx.accountId, conversation.inboxId, others);
    if (targets.length === 0) return [];
    const createdAt = this.clock.now();
    const rows = targets.map((agentId) =>
      tx.getRepository(NotificationEntity).create({
        id: newId(),
        accountId: ctx.accountId,
        agentId,
        type: what.type,
        conversationId: conversation.id,
        messageId: what.messageId,
        actorId: ctx.agent.id,
        actorName: ctx.agent.name,
        preview: what.preview,
        readAt: null,
        createdAt,
      }),
    );
    await tx.getRepository(NotificationEntity).insert(rows);
    return rows.map(toNotificationView);
  }
}
