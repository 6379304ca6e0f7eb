import { Clock } from '@concierge/common';
import type { DeliveryStatus } from '@concierge/contracts';
import { Metrics } from '@concierge/observability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
    let newSourceId: string | null = null;
    let failedNow = false;
    const { updated, changed } = await this.db.transaction(async (tx) => {
      const current = await tx.getRepository(MessageEntity).findOneOrFail({ where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      await tx.getRepository(MessageStatusEventEntity).insert({
        accountId: current.accountId,
        messageId: current.id,
        status: change.status,
        errorCode: change.error?.code ?? null,
        errorMessage: change.error?.message ?? null,
        occurredAt: change.occurredAt ?? this.clock.now(),
      });
      const next = strongerStatus(current.status, change.status);
      const patch: Partial<MessageEntity> = {};
      if (next !== current.status) patch.status = next;
      failedNow = next === 'failed' && current.status !== 'failed';
      if (next === 'failed' && change.error) patch.error = change.error;
      if (change.sourceId && change.sourceId !== current.sourceId) patch.sourceId = newSourceId = change.sourceId;
      if (Object.keys(patch).length > 0) await tx.getRepository(MessageEntity).update({ id: current.id }, patch);
      return { updated: Object.assign(current, patch), changed: Object.keys(patch).length > 0 };
    });
    if (changed) this.events.message(toMessageView(updated), true);
    // Counted once per message, when it turns failed (a later duplicate callback changes nothing).
    if (failedNow) this.metrics.outboundFailed(change.error?.code ?? 'UNKNOWN');
    if (newSourceId) await this.flushPending(updated.id, updated.inboxId, newSourceId);
    return updated;
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
