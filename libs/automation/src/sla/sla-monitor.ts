import { Clock } from '@concierge/common';
import { RealtimePublisher } from '@concierge/contracts';
import { BotMessages, type BotConversation } from '@concierge/inbox';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { SlaEntity } from '../entities.js';
import { InboxAutomationStore } from '../settings/inbox-automation.js';
import { dueAt, slaState } from './sla-math.js';

type Kind = 'first_response' | 'resolution';

const COLUMNS = {
  first_response: { due: 'firstResponseDueAt', done: 'firstResponseAt', warned: 'firstResponseWarnedAt', breached: 'firstResponseBreachedAt' },
  resolution: { due: 'resolutionDueAt', done: 'resolvedAt', warned: 'resolutionWarnedAt', breached: 'resolutionBreachedAt' },
} as const;

const BATCH = 500;
/** Conversations never resolved stop being watched after this long (their clocks are long breached). */
const MAX_AGE_DAYS = 90;

/**
 * One SLA clock per conversation, started by its first customer message. Due dates count business
 * hours only (the clock pauses while the inbox is closed). A periodic, Clock-driven tick records first
 * responses and resolutions and warns the inbox's assistants (`conversation.sla`) once per warning and
 * once per breach — a conditional update decides who emits, so two hub instances never double it.
 */
@Injectable()
export class SlaMonitor {
  private readonly logger = new Logger(SlaMonitor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bot: BotMessages,
    private readonly store: InboxAutomationStore,
    private readonly realtime: RealtimePublisher,
    private readonly clock: Clock,
  ) {}

  async start(conv: BotConversation, startedAt: Date): Promise<void> {
    const { settings, schedule } = await this.store.get(conv.accountId, conv.inboxId);
    await this.db.getRepository(SlaEntity).createQueryBuilder().insert().values({
      conversationId: conv.id,
      accountId: conv.accountId,
      inboxId: conv.inboxId,
      startedAt,
      warnBeforeMinutes: settings.sla.warnBeforeMinutes,
      firstResponseMinutes: settings.sla.firstResponseMinutes,
      firstResponseDueAt: dueAt(schedule, startedAt, settings.sla.firstResponseMinutes),
      resolutionMinutes: settings.sla.resolutionMinutes,
      resolutionDueAt: dueAt(schedule, startedAt, settings.sla.resolutionMinutes),
    }).orIgnore().execute();
  }

  /** Every running clock (not resolved, started within MAX_AGE_DAYS), in pages; a page per account is one facts query. */
  async tick(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - MAX_AGE_DAYS * 86_400_000);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.getRepository(SlaEntity).find({
        where: { resolvedAt: IsNull(), startedAt: MoreThan(cutoff), conversationId: MoreThan(after) },
        order: { conversationId: 'ASC' },
        take: BATCH,
      });
      const byAccount = new Map<string, SlaEntity[]>();
      for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
      for (const [accountId, list] of byAccount) {
        const facts = await this.bot.slaFacts(accountId, list.map((r) => r.conversationId));
        for (const row of list) {
          await this.advance(row, facts.get(row.conversationId) ?? null).catch((error: unknown) => this.logger.error({ err: error, conversationId: row.conversationId }, 'SLA update failed'));
        }
      }
      if (rows.length < BATCH) return;
      after = rows.at(-1)!.conversationId;
    }
  }

  private async advance(row: SlaEntity, fact: { status: string; firstReplyAt: Date | null; resolvedAt: Date | null } | null): Promise<void> {
    if (!fact) return;
    const now = this.clock.now();
    const { schedule } = await this.store.get(row.accountId, row.inboxId);
    const patch: Partial<SlaEntity> = {};
    if (!row.firstResponseAt && fact.firstReplyAt) {
      patch.firstResponseAt = fact.firstReplyAt;
      patch.firstResponseSeconds = Math.round(schedule.businessMs(row.startedAt, fact.firstReplyAt) / 1000);
    }
    if (!row.resolvedAt && fact.resolvedAt) {
      patch.resolvedAt = fact.resolvedAt;
      patch.resolutionSeconds = Math.round(schedule.businessMs(row.startedAt, fact.resolvedAt) / 1000);
    }
    if (Object.keys(patch).length) {
      await this.db.getRepository(SlaEntity).update({ conversationId: row.conversationId }, patch);
      Object.assign(row, patch);
    }
    // A resolved conversation needs neither a first response nor further warnings.
    if (fact.status === 'resolved') return;
    for (const kind of ['first_response', 'resolution'] as const) {
      const c = COLUMNS[kind];
      const due = row[c.due];
      const state = slaState(schedule, now, due, row.warnBeforeMinutes, row[c.done]);
      if (state === 'breached' && !row[c.breached]) await this.emitOnce(row, kind, 'breached', due!, now);
      else if (state === 'warning' && !row[c.warned] && !row[c.breached]) await this.emitOnce(row, kind, 'warning', due!, now);
    }
  }

  private async emitOnce(row: SlaEntity, kind: Kind, state: 'warning' | 'breached', due: Date, now: Date): Promise<void> {
    const column = state === 'warning' ? `${kind}_warned_at` : `${kind}_breached_at`;
    const won: unknown[] = await this.db.query(
      `UPDATE automation_sla SET ${column} = $2, updated_at = now() WHERE conversation_id = $1 AND ${column} IS NULL RETURNING 1`,
      [row.conversationId, now],
    );
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM's query().
    const rowsReturned = Array.isArray(won[0]) ? (won[0] as unknown[]).length : won.length;
    if (rowsReturned === 0) return;
    this.realtime.toAgents({ accountId: row.accountId, inboxId: row.inboxId }, 'conversation.sla', {
      accountId: row.accountId, conversationId: row.conversationId, inboxId: row.inboxId, kind, state, dueAt: due.toISOString(),
    });
  }
}
