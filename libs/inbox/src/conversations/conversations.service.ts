import { AppError, Clock } from '@concierge/common';
import type { ConversationView, MessageView, NotificationView } from '@concierge/contracts';
import { isUniqueViolation } from '@concierge/database';
import { AgentDirectory, TeamsService, type AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { appendActivities, type ActivityLine } from './activity-lines.js';
import { ConversationViews } from './conversation.views.js';
import type { UpdateConversationDto } from './conversation.dto.js';

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly views: ConversationViews,
    private readonly agents: AgentDirectory,
    private readonly teams: TeamsService,
    private readonly events: InboxEvents,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async get(ctx: AccountContext, id: string): Promise<ConversationView> {
    return this.views.one(ctx.accountId, await this.entity(ctx, id), ctx.agent.id);
  }

  /**
   * Tells the agents who can see it that a conversation changed (new message, new status…). `current`:
   * the row as the caller's just-committed transaction left it (saves reading it back).
   */
  async publish(accountId: string, conversationId: string, created = false, current?: ConversationEntity): Promise<ConversationView | null> {
    const row = current ?? (await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId, accountId }));
    if (!row) return null;
    return (await this.publishMany(accountId, [{ row, created }]))[0]!;
  }

  /** `publish` for conversations of one brand whose rows the caller holds (views built in one go). */
  async publishMany(accountId: string, changes: { row: ConversationEntity; created: boolean }[]): Promise<ConversationView[]> {
    const views = await this.views.many(accountId, changes.map((c) => c.row));
    views.forEach((view, i) => this.events.conversation(view, changes[i]!.created));
    return views;
  }

  /** The conversation if the caller may see it (same brand, accessible inbox); otherwise 404. */
  async entity(ctx: AccountContext, id: string, tx: EntityManager = this.db.manager, lock = false): Promise<ConversationEntity> {
    const row = await tx
      .getRepository(ConversationEntity)
      .findOne({ where: { id, accountId: ctx.accountId }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!row || !(await this.inboxes.canAccess(ctx, row.inboxId, tx))) throw AppError.notFound('Conversation');
    return row;
  }

  async update(ctx: AccountContext, id: string, input: UpdateConversationDto): Promise<ConversationView> {
    await this.validateUpdate(ctx, input);
    // Read before the transaction: inside it, every read must use its connection (never a second one).
    const assigneeName = input.assigneeId ? ((await this.agents.summaries(ctx.accountId, [input.assigneeId])).get(input.assigneeId)?.name ?? 'an agent') : null;
    let activities: MessageView[] = [];
    let notices: NotificationView[] = [];
    const updated = await this.db.transaction(async (tx) => {
      const conv = await this.entity(ctx, id, tx, true);
      const previousAssignee = conv.assigneeId;
      const lines = this.applyChanges(ctx, conv, input, assigneeName);
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
      activities = await appendActivities(tx, this.clock, conv, lines);
      if (conv.assigneeId && conv.assigneeId !== previousAssignee) notices = await this.notifications.assigned(tx, ctx, conv, conv.assigneeId);
      return conv;
    });
    const view = await this.views.one(ctx.accountId, updated, ctx.agent.id);
    this.events.conversation(view);
    for (const a of activities) this.events.message(a);
    this.notifications.publish(notices);
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
  private applyChanges(ctx: AccountContext, conv: ConversationEntity, input: UpdateConversationDto, assigneeName: string | null): ActivityLine[] {
    const who = ctx.agent.name;
    const lines: ActivityLine[] = [];
    if (input.assigneeId !== undefined && input.assigneeId !== conv.assigneeId) {
      conv.assigneeId = input.assigneeId;
      if (input.assigneeId === null) lines.push(['unassigned', `${who} unassigned the conversation`]);
      else {
        lines.push(['assigned', input.assigneeId === ctx.agent.id ? `${who} self-assigned the conversation` : `${who} assigned the conversation to ${assigneeName}`]);
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
