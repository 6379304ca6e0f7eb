import type { InboundStatusItem } from '@concierge/channels-core';
import { Clock } from '@concierge/common';
import { ErasureTombstones } from '@concierge/contacts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity, PendingStatusEntity, type InboxEntity } from '../entities/index.js';
import { DeliveryRecorder } from '../outbound/delivery-recorder.js';

/** Provider status callbacks, matched to our message by provider id (unique per inbox). */
@Injectable()
export class StatusUpdates {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recorder: DeliveryRecorder,
    private readonly clock: Clock,
    private readonly tombstones: ErasureTombstones,
  ) {}

  async apply(inbox: InboxEntity, item: InboundStatusItem): Promise<void> {
    const message = await this.db.getRepository(MessageEntity).findOne({ select: { id: true }, where: { inboxId: inbox.id, sourceId: item.sourceId } });
    const occurredAt = item.occurredAt ?? this.clock.now();
    const error = item.error ? { code: item.error.code, message: item.error.message } : null;
    if (message) {
      await this.recorder.record(message.id, { status: item.status, error, occurredAt });
      return;
    }
    // A status of an erased message keeps no trace; otherwise the send's response may not be recorded yet: keep it.
    if (await this.tombstones.isErasedSource(inbox.id, item.sourceId)) return;
    await this.db.getRepository(PendingStatusEntity).insert({
      accountId: inbox.accountId,
      inboxId: inbox.id,
      sourceId: item.sourceId,
      status: item.status,
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      occurredAt,
    });
    // Close the race with a send that recorded its id between our lookup and the insert.
    const late = await this.db.getRepository(MessageEntity).findOne({ select: { id: true }, where: { inboxId: inbox.id, sourceId: item.sourceId } });
    if (late) await this.recorder.flushPending(late.id, inbox.id, item.sourceId);
  }
}
