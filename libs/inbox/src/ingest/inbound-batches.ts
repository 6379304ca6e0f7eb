import { ErasureTombstones } from '@concierge/contacts';
import { isTransientDbError } from '@concierge/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InboundIngest, type InboundMessage } from '../messages/inbound-ingest.js';

/** A customer message from a provider, with what the erasure replay check needs. */
export interface BatchedMessage {
  input: InboundMessage;
  /** When the provider says it was written (not every provider tells). */
  occurredAt?: Date;
}

/** Per message: null once it is stored (or was already, or is an erased person's replay), else why not. */
export type BatchOutcome = Error | null;

/** The database dropped while storing this message: its whole request is spooled. */
type Outcome = BatchOutcome | { transient: unknown };

interface Pending {
  messages: BatchedMessage[];
  resolve: (outcomes: BatchOutcome[]) => void;
  reject: (error: unknown) => void;
}

/** Messages per transaction: big enough to amortise the round trips, small enough to keep locks short. */
const MAX_BATCH = 200;
/** Batches in the database at once: one prepares or announces while the other waits on PostgreSQL. */
const CONCURRENT_BATCHES = 2;
/**
 * A second batch starts beside a running one only with this many messages waiting; fewer wait for the
 * running one to finish and go together (each batch costs the same handful of statements).
 */
const SECOND_BATCH_MIN = 16;

/**
 * Group commit for provider webhooks. Messages that arrive while a batch is in the database wait and go
 * together in the next transaction (`InboundIngest.storeMany`: a handful of statements per batch instead
 * of a dozen per message). Callers are answered only after their messages are committed, so
 * acknowledging a webhook still means stored.
 */
@Injectable()
export class InboundBatches {
  private readonly logger = new Logger(InboundBatches.name);
  private readonly queue: Pending[] = [];
  private running = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: InboundIngest,
    private readonly tombstones: ErasureTombstones,
  ) {}

  /**
   * Resolves with one outcome per message once all are committed; an error outcome is for that message
   * alone (the caller quarantines it). Rejects when the database is unreachable (the caller spools).
   */
  submit(messages: BatchedMessage[]): Promise<BatchOutcome[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < CONCURRENT_BATCHES && this.queue.length > 0 && (this.running === 0 || this.waiting() >= SECOND_BATCH_MIN)) {
      const batch: Pending[] = [];
      let size = 0;
      // Whole requests only: a request's messages commit together and keep their order.
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.messages.length <= MAX_BATCH)) {
        const next = this.queue.shift()!;
        size += next.messages.length;
        batch.push(next);
      }
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private waiting(): number {
    return this.queue.reduce((n, p) => n + p.messages.length, 0);
  }

  private async run(batch: Pending[]): Promise<void> {
    const messages = batch.flatMap((p) => p.messages);
    let outcomes: Outcome[];
    try {
      outcomes = await this.store(messages);
    } catch (error) {
      if (isTransientDbError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      // Something in the batch broke the shared statements: each message on its own, so only it fails.
      this.logger.warn({ err: error, messages: messages.length }, 'Inbound batch failed; storing its messages one by one');
      outcomes = await this.oneByOne(messages);
    }
    let offset = 0;
    for (const p of batch) {
      const mine = outcomes.slice(offset, offset + p.messages.length);
      offset += p.messages.length;
      const transient = mine.find((o): o is { transient: unknown } => o !== null && !(o instanceof Error));
      if (transient) p.reject(transient.transient);
      else p.resolve(mine as BatchOutcome[]);
    }
  }

  private async store(messages: BatchedMessage[]): Promise<Outcome[]> {
    const replays = await this.tombstones.replays(
      messages.map(({ input, occurredAt }) => ({ inboxId: input.inboxId, address: input.address, sourceId: input.sourceId, ...(occurredAt && { occurredAt }) })),
    );
    const live = messages.filter((_, i) => !replays[i]).map((m) => m.input);
    const stored = await this.db.transaction((tx) => this.ingest.storeMany(tx, live));
    await this.ingest.announce(stored.filter((s) => s !== null));
    return messages.map(() => null);
  }

  /** The one-message path, in order; a transient failure is marked for the caller to spool the request. */
  private async oneByOne(messages: BatchedMessage[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const { input, occurredAt } of messages) {
      try {
        if (await this.tombstones.isReplay({ inboxId: input.inboxId, address: input.address, sourceId: input.sourceId, ...(occurredAt && { occurredAt }) })) {
          outcomes.push(null);
          continue;
        }
        await this.ingest.ingest(input);
        outcomes.push(null);
      } catch (error) {
        outcomes.push(isTransientDbError(error) ? { transient: error } : error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  }
}
