import type { InboundStatusItem } from '@concierge/channels-core';
import { Clock } from '@concierge/common';
import { ErasureTombstones } from '@concierge/contacts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity, PendingStatusEntity, type InboxEntity } from '../entities/index.js';
import { DeliveryRecorder, type StatusChange } from '../outbound/delivery-recorder.js';
import { GroupCommit, type ItemOutcome } from './group-commit.js';

/** One provider status callback item, with the inbox it came to. */
export interface StatusUpdate {
  inbox: InboxEntity;
  item: InboundStatusItem;
}

/**
 * Provider status callbacks, matched to our message by provider id (unique per inbox). A campaign's
 * sends come back as two or three callbacks each: those arriving together are recorded together
 * (group commit), so they do not queue customers' messages behind one transaction per callback.
 */
@Injectable()
export class StatusUpdates {
  private readonly group: GroupCommit<StatusUpdate>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recorder: DeliveryRecorder,
    private readonly clock: Clock,
    private readonly tombstones: ErasureTombstones,
  ) {
    this.group = new GroupCommit({ many: (updates) => this.applyMany(updates), one: (update) => this.apply(update) }, new Logger(StatusUpdates.name));
  }

  /** Resolves once every update is recorded (one outcome each); rejects when the database is unreachable. */
  submit(updates: StatusUpdate[]): Promise<ItemOutcome[]> {
    return this.group.submit(updates);
  }

  /** Messages found with one query and recorded in one transaction; callbacks that overtook their send one by one. */
  private async applyMany(updates: StatusUpdate[]): Promise<null[]> {
    const rows: { id: string; ord: string }[] = await this.db.query(
      `SELECT m.id, v.ord FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS v(inbox_id, source_id, ord)
         JOIN message m ON m.inbox_id = v.inbox_id AND m.source_id = v.source_id`,
      [updates.map((u) => u.inbox.id), updates.map((u) => u.item.sourceId)],
    );
    const found = new Map(rows.map((r) => [Number(r.ord) - 1, r.id]));
    await this.recorder.recordMany(updates.flatMap((u, i) => (found.has(i) ? [{ messageId: found.get(i)!, change: this.change(u.item) }] : [])));
    for (const [i, update] of updates.entries()) if (!found.has(i)) await this.keepPending(update);
    return updates.map(() => null);
  }

  private async apply(update: StatusUpdate): Promise<null> {
    const { inbox, item } = update;
    const message = await this.db.getRepository(MessageEntity).findOne({ select: { id: true }, where: { inboxId: inbox.id, sourceId: item.sourceId } });
    if (message) await this.recorder.record(message.id, this.change(item));
    else await this.keepPending(update);
    return null;
  }

  /** No message has this provider id (yet): the send's response may not be recorded yet, so the status waits for it. */
  private async keepPending({ inbox, item }: StatusUpdate): Promise<void> {
    // A status of an erased message keeps no trace.
    if (await this.tombstones.isErasedSource(inbox.id, item.sourceId)) return;
    const change = this.change(item);
    await this.db.getRepository(PendingStatusEntity).insert({
      accountId: inbox.accountId,
      inboxId: inbox.id,
      sourceId: item.sourceId,
      status: item.status,
      errorCode: change.error?.code ?? null,
      errorMessage: change.error?.message ?? null,
      occurredAt: change.occurredAt!,
    });
    // Close the race with a send that recorded its id between our lookup and the insert.
    const late = await this.db.getRepository(MessageEntity).findOne({ select: { id: true }, where: { inboxId: inbox.id, sourceId: item.sourceId } });
    if (late) await this.recorder.flushPending(late.id, inbox.id, item.sourceId);
  }

  private change(item: InboundStatusItem): Omit<StatusChange, 'sourceId'> {
    return { status: item.status, error: item.error ? { code: item.error.code, message: item.error.message } : null, occurredAt: item.occurredAt ?? this.clock.now() };
  }
}
