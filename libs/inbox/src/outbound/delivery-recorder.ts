import { Clock } from '@concierge/common';
import type { DeliveryStatus } from '@concierge/contracts';
import { Metrics } from '@concierge/observability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MessageEntity, MessageStatusEventEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { strongerStatus } from '../messages/delivery-status.js';
import { toMessageView } from '../messages/message.views.js';

export interface StatusChange {
  status: DeliveryStatus;
  error?: { code: string; message: string } | null;
  sourceId?: string | null;
  occurredAt?: Date;
}

/**
 * Every status a message ever had is an appended event; the shown status is the strongest seen, so
 * out-of-order callbacks (delivered after read, failed after delivered) never move it backwards.
 */
@Injectable()
export class DeliveryRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async record(messageId: string, change: StatusChange): Promise<MessageEntity> {
    const { updated, patch, changed, failedNow } = await this.db.transaction(async (tx) => {
      const current = await tx.getRepository(MessageEntity).findOneOrFail({ where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      const applied = this.apply(current, change);
      await tx.getRepository(MessageStatusEventEntity).insert(applied.event);
      if (applied.changed) await tx.getRepository(MessageEntity).update({ id: current.id }, applied.patch);
      return { updated: current, ...applied };
    });
    if (changed) this.events.message(toMessageView(updated), true);
    if (failedNow) this.countFailure(change);
    if (patch.sourceId) await this.flushPending(updated.id, updated.inboxId, patch.sourceId);
    return updated;
  }

  /**
   * Provider callbacks for messages we know, in arrival order, in one transaction: the rows locked in id
   * order (no deadlock with a concurrent batch), one INSERT for the events, one UPDATE for the statuses.
   */
  async recordMany(changes: { messageId: string; change: Omit<StatusChange, 'sourceId'> }[]): Promise<void> {
    if (changes.length === 0) return;
    const ids = [...new Set(changes.map((c) => c.messageId))];
    const { rows, outcomes } = await this.db.transaction(async (tx) => {
      const locked = await tx.getRepository(MessageEntity).find({ where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const byId = new Map(locked.map((m) => [m.id, m]));
      const outcomes = changes.flatMap(({ messageId, change }) => {
        const current = byId.get(messageId);
        return current ? [{ current, change, ...this.apply(current, change) }] : [];
      });
      if (outcomes.length > 0) await tx.getRepository(MessageStatusEventEntity).insert(outcomes.map((o) => o.event));
      const changed = [...new Set(outcomes.filter((o) => o.changed).map((o) => o.current))];
      if (changed.length > 0) {
        await tx.query(
          `UPDATE message m SET status = v.status, error = v.error FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS v(id, status, error) WHERE m.id = v.id`,
          [changed.map((m) => m.id), changed.map((m) => m.status), changed.map((m) => (m.error ? JSON.stringify(m.error) : null))],
        );
      }
      return { rows: changed, outcomes };
    });
    for (const m of rows) this.events.message(toMessageView(m), true);
    for (const o of outcomes) if (o.failedNow) this.countFailure(o.change);
  }

  /** Appends the event and moves the shown status to the strongest seen (mutates `current` to match). */
  private apply(current: MessageEntity, change: StatusChange) {
    const event = {
      accountId: current.accountId,
      messageId: current.id,
      status: change.status,
      errorCode: change.error?.code ?? null,
      errorMessage: change.error?.message ?? null,
      occurredAt: change.occurredAt ?? this.clock.now(),
    };
    const next = strongerStatus(current.status, change.status);
    const patch: Partial<MessageEntity> = {};
    if (next !== current.status) patch.status = next;
    const failedNow = next === 'failed' && current.status !== 'failed';
    if (next === 'failed' && change.error) patch.error = change.error;
    if (change.sourceId && change.sourceId !== current.sourceId) patch.sourceId = change.sourceId;
    Object.assign(current, patch);
    return { event, patch, changed: Object.keys(patch).length > 0, failedNow };
  }

  /** Counted once per message, when it turns failed (a later duplicate callback changes nothing). */
  private countFailure(change: StatusChange): void {
    this.metrics.outboundFailed(change.error?.code ?? 'UNKNOWN');
  }

  /**
   * Applies statuses that overtook the send (the callback arrived before we stored the provider id).
   * Rows are claimed with DELETE … RETURNING, so two concurrent flushes never apply one twice.
   */
  async flushPending(messageId: string, inboxId: string, sourceId: string): Promise<void> {
    const rows: { status: DeliveryStatus; error_code: string | null; error_message: string | null; occurred_at: Date }[] = await this.db.query(
      'DELETE FROM pending_status WHERE inbox_id = $1 AND source_id = $2 RETURNING status, error_code, error_message, occurred_at',
      [inboxId, sourceId],
    ).then((result: unknown) => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as never);
    for (const row of rows) {
      await this.record(messageId, { status: row.status, error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null, occurredAt: row.occurred_at });
    }
  }
}
