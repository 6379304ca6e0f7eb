import { performance } from 'node:perf_hooks';
import type { LiveSessionStatus } from '@concierge/channels-core';
import { InstanceId } from '@concierge/cluster';
import { AppConfig } from '@concierge/config';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * PostgreSQL leases (table `live_session_lease`) that let exactly one process run an inbox's live session:
 * two browsers on one WhatsApp account would fight over the linked device and each deliver half the chats.
 * PostgreSQL and not Redis because single-node mode has no Redis, and a lease in the same database as the
 * messages cannot disagree with it. Times are the database's (`now()`), so process clocks never matter.
 */
@Injectable()
export class LiveSessionLeases {
  readonly ttlMs: number;
  /** inbox → monotonic time until which this process may act as the session's owner without asking. */
  private readonly deadlines = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly me: InstanceId,
    config: AppConfig,
  ) {
    this.ttlMs = config.liveSessions.leaseSeconds * 1000;
  }

  get owner(): string {
    return this.me.value;
  }

  /**
   * Takes or renews, in one atomic statement, the lease of each inbox that is free, expired (its owner died
   * or stalled) or already ours; returns the inboxes this process holds afterwards. Concurrent claims of
   * one inbox serialize on its row: exactly one wins.
   */
  async claim(inboxIds: readonly string[]): Promise<Set<string>> {
    // Taken before the statement: the row's expiry (database now() + TTL) is at least this + TTL, so the
    // local deadline never outlasts the lease, however long the round trip or a later event-loop stall.
    const sentAt = performance.now();
    const rows: { inbox_id: string }[] = inboxIds.length === 0 ? [] : await this.db.query(
      `INSERT INTO live_session_lease (inbox_id, owner, expires_at)
         SELECT i.id, $1, now() + make_interval(secs => $3) FROM inbox i WHERE i.id = ANY($2::uuid[])
       ON CONFLICT (inbox_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE live_session_lease.expires_at < now() OR live_session_lease.owner = EXCLUDED.owner
       RETURNING inbox_id`,
      [this.me.value, inboxIds, this.ttlMs / 1000],
    );
    const held = new Set(rows.map((r) => r.inbox_id));
    for (const id of inboxIds) {
      if (held.has(id)) this.deadlines.set(id, sentAt + this.ttlMs);
      else this.deadlines.delete(id);
    }
    return held;
  }

  /** Whether this process holds the inbox's lease right now (false once a renewal is overdue). */
  holds(inboxId: string): boolean {
    const deadline = this.deadlines.get(inboxId);
    return deadline !== undefined && performance.now() < deadline;
  }

  /** Gives leases up at once (orderly shutdown), so another process need not wait for them to expire. */
  async release(inboxIds: readonly string[]): Promise<void> {
    for (const id of inboxIds) this.deadlines.delete(id);
    if (inboxIds.length === 0) return;
    await this.db.query(`DELETE FROM live_session_lease WHERE owner = $1 AND inbox_id = ANY($2::uuid[])`, [this.me.value, inboxIds]);
  }

  /** The owner's last reported state, for processes that do not run the session (hubs without processors). */
  async saveStatus(inboxId: string, status: LiveSessionStatus): Promise<void> {
    await this.db.query(`UPDATE live_session_lease SET status = $3 WHERE inbox_id = $1 AND owner = $2`, [inboxId, this.me.value, JSON.stringify(status)]);
  }

  /** The state stored by the session's live owner; null when no process holds the session. */
  async ownerStatus(inboxId: string): Promise<LiveSessionStatus | null> {
    const rows: { status: LiveSessionStatus | null }[] = await this.db.query(
      `SELECT status FROM live_session_lease WHERE inbox_id = $1 AND expires_at > now()`,
      [inboxId],
    );
    return rows[0]?.status ?? null;
  }
}
