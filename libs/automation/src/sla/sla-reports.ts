import { AppError, Clock } from '@concierge/common';
import { ConversationsService, InboxesService } from '@concierge/inbox';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, In } from 'typeorm';
import { SlaEntity } from '../entities.js';
import { InboxAutomationStore } from '../settings/inbox-automation.js';
import { percentile, slaState, type SlaState } from './sla-math.js';

export interface SlaClockView {
  targetMinutes: number | null;
  dueAt: string | null;
  /** When it was met: the first assistant reply / the resolution. */
  doneAt: string | null;
  /** Business-hours time it took (done) or has taken so far (running), in seconds. */
  elapsedSeconds: number;
  /** Business-hours time left before the due date (null without a target or once done). */
  remainingSeconds: number | null;
  state: SlaState;
}

export interface ConversationSlaView {
  conversationId: string;
  inboxId: string;
  startedAt: string;
  timeZone: string;
  /** The inbox is closed now: running clocks are paused. */
  paused: boolean;
  firstResponse: SlaClockView;
  resolution: SlaClockView;
}

export interface SlaMetric {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Conversations with a target that was missed (done late, or still open past the due date). */
  breached: number;
  /** Conversations with a target that was met in time. */
  met: number;
}

export interface SlaReport {
  from: string;
  to: string;
  inboxId: string | null;
  conversations: number;
  firstResponse: SlaMetric;
  resolution: SlaMetric;
}

const MAX_RANGE_DAYS = 366;

@Injectable()
export class SlaReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly inboxes: InboxesService,
    private readonly store: InboxAutomationStore,
    private readonly clock: Clock,
  ) {}

  /**
   * The SLA clocks of one conversation the caller may see. A conversation without a clock (started before
   * automation, or whose clock is not written yet) answers clocks in state `none`: the inbox polls this for
   * every open thread, and "no clock" is an answer, not an error.
   */
  async conversation(ctx: AccountContext, conversationId: string): Promise<ConversationSlaView> {
    const conv = await this.conversations.entity(ctx, conversationId);
    const row = await this.db.getRepository(SlaEntity).findOneBy({ conversationId, accountId: ctx.accountId });
    if (!row) return this.noClock(conv);
    return this.view(row);
  }

  private async noClock(conv: { id: string; accountId: string; inboxId: string; createdAt: Date }): Promise<ConversationSlaView> {
    const { schedule } = await this.store.get(conv.accountId, conv.inboxId);
    const none: SlaClockView = { targetMinutes: null, dueAt: null, doneAt: null, elapsedSeconds: 0, remainingSeconds: null, state: 'none' };
    return {
      conversationId: conv.id, inboxId: conv.inboxId, startedAt: conv.createdAt.toISOString(), timeZone: schedule.timeZone,
      paused: !schedule.isOpen(this.clock.now()), firstResponse: none, resolution: { ...none },
    };
  }

  /** Clocks still running in the caller's inboxes (badges in the conversation list). */
  async running(ctx: AccountContext, inboxId?: string): Promise<ConversationSlaView[]> {
    const inboxIds = await this.inboxIds(ctx, inboxId);
    if (inboxIds.length === 0) return [];
    const rows = await this.db.getRepository(SlaEntity).createQueryBuilder('s')
      .where('s.account_id = :accountId AND s.inbox_id IN (:...inboxIds)', { accountId: ctx.accountId, inboxIds })
      .andWhere('(s.first_response_at IS NULL OR s.resolved_at IS NULL)')
      .andWhere(`EXISTS (SELECT 1 FROM conversation c WHERE c.id = s.conversation_id AND c.status <> 'resolved')`)
      .orderBy('s.started_at', 'ASC').limit(500).getMany();
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async report(ctx: AccountContext, query: { from?: string; to?: string; inboxId?: string }): Promise<SlaReport> {
    const now = this.clock.now();
    const to = parseInstant(query.to, 'to') ?? now;
    const from = parseInstant(query.from, 'from') ?? new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) throw AppError.validation('Invalid range', [{ field: 'from', messages: ['from must be before to'] }]);
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw AppError.validation('Invalid range', [{ field: 'to', messages: [`the range may span at most ${MAX_RANGE_DAYS} days`] }]);
    }
    const inboxIds = await this.inboxIds(ctx, query.inboxId);
    const rows = inboxIds.length
      ? await this.db.getRepository(SlaEntity).findBy({ accountId: ctx.accountId, inboxId: In(inboxIds), startedAt: Between(from, to) })
      : [];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      inboxId: query.inboxId ?? null,
      conversations: rows.length,
      firstResponse: metric(rows.map((r) => ({ seconds: r.firstResponseSeconds, due: r.firstResponseDueAt, done: r.firstResponseAt })), now),
      resolution: metric(rows.map((r) => ({ seconds: r.resolutionSeconds, due: r.resolutionDueAt, done: r.resolvedAt })), now),
    };
  }

  private async inboxIds(ctx: AccountContext, inboxId?: string): Promise<string[]> {
    const accessible = await this.inboxes.accessibleInboxIds(ctx);
    if (!inboxId) return accessible;
    if (!accessible.includes(inboxId)) throw AppError.notFound('Inbox');
    return [inboxId];
  }

  private async view(row: SlaEntity): Promise<ConversationSlaView> {
    const now = this.clock.now();
    const { schedule } = await this.store.get(row.accountId, row.inboxId);
    const clock = (target: number | null, due: Date | null, done: Date | null, seconds: number | null): SlaClockView => ({
      targetMinutes: target,
      dueAt: due?.toISOString() ?? null,
      doneAt: done?.toISOString() ?? null,
      elapsedSeconds: seconds ?? Math.round(schedule.businessMs(row.startedAt, done ?? now) / 1000),
      remainingSeconds: due && !done ? Math.round((now < due ? schedule.businessMs(now, due) : -schedule.businessMs(due, now)) / 1000) : null,
      state: slaState(schedule, now, due, row.warnBeforeMinutes, done),
    });
    return {
      conversationId: row.conversationId,
      inboxId: row.inboxId,
      startedAt: row.startedAt.toISOString(),
      timeZone: schedule.timeZone,
      paused: !schedule.isOpen(now),
      firstResponse: clock(row.firstResponseMinutes, row.firstResponseDueAt, row.firstResponseAt, row.firstResponseSeconds),
      resolution: clock(row.resolutionMinutes, row.resolutionDueAt, row.resolvedAt, row.resolutionSeconds),
    };
  }
}

function metric(items: { seconds: number | null; due: Date | null; done: Date | null }[], now: Date): SlaMetric {
  const seconds = items.flatMap((i) => (i.seconds === null ? [] : [i.seconds]));
  const withTarget = items.filter((i) => i.due);
  return {
    count: seconds.length,
    medianSeconds: percentile(seconds, 50),
    p90Seconds: percentile(seconds, 90),
    breached: withTarget.filter((i) => (i.done ?? now) > i.due!).length,
    met: withTarget.filter((i) => i.done && i.done <= i.due!).length,
  };
}

function parseInstant(value: string | undefined, field: string): Date | null {
  if (value === undefined || value === '') return null;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw AppError.validation(`Invalid ${field}`, [{ field, messages: [`${field} must be an ISO 8601 date or date-time`] }]);
  }
  return date;
}
