import { AppError, Clock, decodeCursor, encodeCursor } from '@concierge/common';
import { ContactsService } from '@concierge/contacts';
import type { ConversationView, MessageView } from '@concierge/contracts';
import { isUniqueViolation, likePattern } from '@concierge/database';
import { AgentDirectory, TeamsService, type AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { appendMessage } from '../messages/message-writer.js';
import { toMessageView } from '../messages/message.views.js';
import { ConversationViews } from './conversation.views.js';
import type { ListConversationsQuery, UpdateConversationDto } from './conversation.dto.js';

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly views: ConversationViews,
    private readonly contacts: ContactsService,
    private readonly agents: AgentDirectory,
    private readonly teams: TeamsService,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
  ) {}

  async list(ctx: AccountContext, query: ListConversationsQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const cursor = decodeCursor(query.cursor);
    const inboxIds = await this.inboxes.accessibleInboxIds(ctx);
    if (inboxIds.length === 0 || (query.inboxId && !inboxIds.includes(query.inboxId))) return { data: [], nextCursor: null };

    const qb = this.db
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId', { accountId: ctx.accountId })
      .andWhere('c.inbox_id IN (:...inboxIds)', { inboxIds: query.inboxId ? [query.inboxId] : inboxIds });
    const status = query.status ?? 'open';
    if (status !== 'all') qb.andWhere('c.status = :status', { status });
    if (query.assignee === 'me') qb.andWhere('c.assignee_id = :me', { me: ctx.agent.id });
    if (query.assignee === 'unassigned') qb.andWhere('c.assignee_id IS NULL');
    if (query.teamId) qb.andWhere('c.team_id = :teamId', { teamId: query.teamId });
    if (query.q) {
      const channelIds = await this.contacts.searchChannelIds(ctx.accountId, query.q);
      qb.andWhere(
        channelIds.length ? '(c.last_message_preview ILIKE :q OR c.contact_channel_id IN (:...channelIds))' : 'c.last_message_preview ILIKE :q',
        { q: likePattern(query.q), channelIds },
      );
    }
    if (cursor) qb.andWhere('(c.last_activity_at, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.orderBy('c.last_activity_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: await this.views.many(ctx.accountId, page),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastActivityAt.toISOString(), id: last.id }) : null,
    };
  }

  async get(ctx: AccountContext, id: string): Promise<ConversationView> {
    return this.views.one(ctx.accountId, await this.entity(ctx, id));
  }

  /** Tells the agents who can see it that a conversation changed (new message, new status…). */
  async publish(accountId: string, conversationId: string, created = false): Promise<ConversationView | null> {
    const row = await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId, accountId });
    if (!row) return null;
    const view = await this.views.one(accountId, row);
    this.events.conversation(view, created);
    return view;
  }

  /** The conversation if the caller may see it (same brand, accessible inbox); otherwise 404. */
  async entity(ctx: AccountContext, id: string, tx: EntityManager = this.db.manager, lock = false): Promise<ConversationEntity> {
    const row = await tx
      .getRepository(ConversationEntity)
      .findOne({ where: { id, accountId: ctx.accountId }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!row || !(await this.inboxes.canAccess(ctx, row.inboxId))) throw AppError.notFound('Conversation');
    return row;
  }

  async update(ctx: AccountContext, id: string, input: UpdateConversationDto): Promise<ConversationView> {
    await this.validateUpdate(ctx, input);
    const activities: MessageView[] = [];
    const updated = await this.db.transaction(async (tx) => {
      const conv = await this.entity(ctx, id, tx, true);
      const lines = await this.applyChanges(ctx, conv, input);
      try {
        await tx.getRepository(ConversationEntity).update({ id }, {
          status: conv.status, assigneeId: conv.assigneeId, teamId: conv.teamId, snoozedUntil: conv.snoozedUntil,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'conversation_one_unresolved_uq')) {
          throw new AppError('CONFLICT', 'This customer already has another conversation that is not resolved');
        }
        throw error;
      }
      for (const [event, text] of lines) {
        const m = await appendMessage(tx, this.clock, conv, {
          direction: 'out', kind: 'activity', sender: { type: 'system', id: null, name: null }, content: { type: 'activity', event, text }, status: 'sent',
        });
        if (m) activities.push(toMessageView(m));
      }
      return conv;
    });
    const view = await this.views.one(ctx.accountId, updated);
    this.events.conversation(view);
    for (const a of activities) this.events.message(a);
    return view;
  }

  private async validateUpdate(ctx: AccountContext, input: UpdateConversationDto): Promise<void> {
    if (input.status === 'snoozed' && !input.snoozedUntil) {
      throw AppError.validation('snoozedUntil is required to snooze', [{ field: 'snoozedUntil', messages: ['snoozedUntil is required when status is snoozed'] }]);
    }
    if (input.snoozedUntil && new Date(input.snoozedUntil) <= this.clock.now()) {
      throw AppError.validation('snoozedUntil must be in the future', [{ field: 'snoozedUntil', messages: ['snoozedUntil must be in the future'] }]);
    }
    if (input.assigneeId && !(await this.agents.roleIn(ctx.accountId, input.assigneeId))) throw AppError.notFound('Agent');
    if (input.teamId && !(await this.teams.exists(ctx.accountId, input.teamId))) throw AppError.notFound('Team');
  }

  /** Mutates the entity and returns the activity lines to record in the thread. */
  private async applyChanges(ctx: AccountContext, conv: ConversationEntity, input: UpdateConversationDto): Promise<[string, string][]> {
    const who = ctx.agent.name;
    const lines: [string, string][] = [];
    if (input.assigneeId !== undefined && input.assigneeId !== conv.assigneeId) {
      conv.assigneeId = input.assigneeId;
      if (input.assigneeId === null) lines.push(['unassigned', `${who} unassigned the conversation`]);
      else {
        const name = (await this.agents.summaries(ctx.accountId, [input.assigneeId])).get(input.assigneeId)?.name ?? 'an agent';
        lines.push(['assigned', input.assigneeId === ctx.agent.id ? `${who} self-assigned the conversation` : `${who} assigned the conversation to ${name}`]);
      }
    }
    if (input.teamId !== undefined && input.teamId !== conv.teamId) {
      conv.teamId = input.teamId;
      lines.push(['team_changed', input.teamId ? `${who} assigned the conversation to a team` : `${who} removed the team`]);
    }
    if (input.status !== undefined && input.status !== conv.status) {
      conv.status = input.status;
      conv.snoozedUntil = input.status === 'snoozed' ? new Date(input.snoozedUntil!) : null;
      const verb = { open: 'reopened', pending: 'marked as pending', snoozed: 'snoozed', resolved: 'resolved' }[input.status];
      lines.push([`status_${input.status}`, `${who} ${verb} the conversation`]);
    }
    return lines;
  }
}
