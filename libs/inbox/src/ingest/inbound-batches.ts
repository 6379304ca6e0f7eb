import { ErasureTombstones } from '@concierge/contacts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InboundIngest, type InboundMessage } from '../messages/inbound-ingest.js';
import { GroupCommit, type ItemOutcome } from './group-commit.js';

/** A customer message from a provider, with what the erasure replay check needs. */
export interface BatchedMessage {
  input: InboundMessage;
  /** When the provider says it was written (not every provider tells). */
  occurredAt?: Date;
}

/**
 * Group commit for provider webhooks' messages: those arriving while a batch is in the database go
 * together in the next transaction (`InboundIngest.storeMany`: a handful of statements per batch instead
 * of a dozen per message).
 */
@Injectable()
export class InboundBatches {
  private readonly group: GroupCommit<BatchedMessage>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: InboundIngest,
    private readonly tombstones: ErasureTombstones,
  ) {
    this.group = new GroupCommit({ many: (messages) => this.storeMany(messages), one: (message) => this.storeOne(message) }, new Logger(InboundBatches.name));
  }

  /**
   * Resolves with one outcome per message once all are committed: null once stored (or already stored, or
   * an erased person's replay), else an error for that message alone (the caller quarantines it). Rejects when the database is unreachable (the caller spools).
   */
  submit(messages: BatchedMessage[]): Promise<ItemOutcome[]> {
    return this.group.submit(messages);
  }

  private async storeMany(messages: BatchedMessage[]): Promise<null[]> {
    const replays = await this.tombstones.replays(messages.map(replayCheck));
    const live = messages.filter((_, i) => !replays[i]).map((m) => m.input);
    const stored = await this.db.transaction((tx) => this.ingest.storeMany(tx, live));
    await this.ingest.announce(stored.filter((s) => s !== null));
    return messages.map(() => null);
  }

  private async storeOne(message: BatchedMessage): Promise<null> {
    if (!(await this.tombstones.isReplay(replayCheck(message)))) await this.ingest.ingest(message.input);
    return null;
  }
}

function replayCheck({ input, occurredAt }: BatchedMessage) {
  return { inboxId: input.inboxId, address: input.address, sourceId: input.sourceId, ...(occurredAt && { occurredAt }) };
}
