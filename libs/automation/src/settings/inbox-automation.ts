import { AppError } from '@concierge/common';
import { TeamsService } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AutomationInboxEntity } from '../entities.js';
import { Schedule, type BusinessHours } from '../hours/business-hours.js';
import { parseBusinessHours } from '../hours/hours-input.js';
import { effectiveSettings, mergeSettings, type AutomationSettings } from './automation-settings.js';

export interface InboxAutomation {
  accountId: string;
  inboxId: string;
  schedule: Schedule;
  settings: AutomationSettings;
}

export interface Availability {
  open: boolean;
  nextOpenAt: Date | null;
  closesAt: Date | null;
  timeZone: string;
  configured: boolean;
}

/** Settings are read on every customer message; a short cache keeps that off the database. */
const FRESH_MS = 10_000;

/** Business hours and automation settings per inbox (one row in automation_inbox). */
@Injectable()
export class InboxAutomationStore {
  private readonly cache = new Map<string, { value: InboxAutomation; at: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly teams: TeamsService,
  ) {}

  async get(accountId: string, inboxId: string): Promise<InboxAutomation> {
    const cached = this.cache.get(inboxId);
    if (cached && cached.value.accountId === accountId && Date.now() - cached.at < FRESH_MS) return cached.value;
    const row = await this.db.getRepository(AutomationInboxEntity).findOneBy({ inboxId, accountId });
    const value = { accountId, inboxId, schedule: new Schedule(row?.businessHours ?? null), settings: effectiveSettings(row?.settings) };
    this.cache.set(inboxId, { value, at: Date.now() });
    return value;
  }

  async availability(accountId: string, inboxId: string, at: Date): Promise<Availability> {
    const { schedule } = await this.get(accountId, inboxId);
    return { open: schedule.isOpen(at), nextOpenAt: schedule.nextOpenAt(at), closesAt: schedule.closesAt(at), timeZone: schedule.timeZone, configured: schedule.hours !== null };
  }

  async putHours(accountId: string, inboxId: string, body: unknown): Promise<BusinessHours> {
    const hours = parseBusinessHours(body);
    await this.upsert(accountId, inboxId, { businessHours: hours });
    return hours;
  }

  async clearHours(accountId: string, inboxId: string): Promise<void> {
    await this.upsert(accountId, inboxId, { businessHours: null });
  }

  async putSettings(accountId: string, inboxId: string, body: unknown): Promise<AutomationSettings> {
    const next = mergeSettings((await this.get(accountId, inboxId)).settings, body);
    if (next.assignment.teamId && !(await this.teams.exists(accountId, next.assignment.teamId))) {
      throw AppError.validation('Invalid automation settings', [{ field: 'assignment.teamId', messages: ['teamId must be a team of this brand'] }]);
    }
    await this.upsert(accountId, inboxId, { settings: next });
    return next;
  }

  /** Round robin: the last assistant served, swapped for the next under a row lock so instances never pick twice. */
  async withCursor<T>(accountId: string, inboxId: string, pick: (last: string | null) => Promise<{ next: string | null; result: T }>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO automation_inbox (inbox_id, account_id) VALUES ($1, $2) ON CONFLICT (inbox_id) DO NOTHING`, [inboxId, accountId]);
      const [row] = await tx.query(`SELECT rr_last_agent_id AS last FROM automation_inbox WHERE inbox_id = $1 FOR UPDATE`, [inboxId]);
      const { next, result } = await pick(row?.last ?? null);
      if (next) await tx.query(`UPDATE automation_inbox SET rr_last_agent_id = $2 WHERE inbox_id = $1`, [inboxId, next]);
      return result;
    });
  }

  private async upsert(accountId: string, inboxId: string, patch: Partial<Pick<AutomationInboxEntity, 'businessHours' | 'settings'>>): Promise<void> {
    const repo = this.db.getRepository(AutomationInboxEntity);
    await repo.createQueryBuilder().insert().values({ inboxId, accountId, ...patch }).orIgnore().execute();
    await repo.update({ inboxId, accountId }, patch as never);
    this.cache.delete(inboxId);
  }
}
