import { isTransientDbError } from '@concierge/database';
import type { Logger } from '@nestjs/common';

/** Per item of work without a result: null once it is done, else why it failed (for that item alone). */
export type ItemOutcome = Error | null;

/** The database dropped while handling this item: its whole request is rejected (and spooled). */
class Transient {
  constructor(readonly error: unknown) {}
}

interface Pending<T, R> {
  items: T[];
  resolve: (outcomes: (R | Error)[]) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitWork<T, R> {
  /** Handles a whole batch in a few statements, a result per item; throwing makes every item go through `one`. */
  many(items: T[]): Promise<R[]>;
  /** The one-item path, used when the batch broke its shared statements: only the bad item fails. */
  one(item: T): Promise<R>;
}

/** Items per transaction: big enough to amortise the round trips, small enough to keep locks short. */
const MAX_BATCH = 200;
/** Batches in the database at once: one prepares or announces while the other waits on PostgreSQL. */
const CONCURRENT_BATCHES = 2;
/**
 * A second batch starts beside a running one only with this many items waiting; fewer wait for the
 * running one to finish and go together (each batch costs the same handful of statements).
 */
const SECOND_BATCH_MIN = 16;

/**
 * Group commit: items that arrive while a batch is in the database wait and go together in the next one.
 * Callers are answered only once their items are committed, so acknowledging a webhook still means stored.
 * A request's items always travel in one batch, in order.
 */
export class GroupCommit<T, R = null> {
  private readonly queue: Pending<T, R>[] = [];
  private running = 0;

  constructor(
    private readonly work: GroupCommitWork<T, R>,
    private readonly logger: Logger,
  ) {}

  /**
   * Resolves with one result (or the item's own error) per item once all are committed. Rejects when the
   * database is unreachable (the caller spools the request or answers 503).
   */
  submit(items: T[]): Promise<(R | Error)[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < CONCURRENT_BATCHES && this.queue.length > 0 && (this.running === 0 || this.waiting() >= SECOND_BATCH_MIN)) {
      const batch: Pending<T, R>[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.items.length <= MAX_BATCH)) {
        const next = this.queue.shift()!;
        size += next.items.length;
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
    return this.queue.reduce((n, p) => n + p.items.length, 0);
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    const items = batch.flatMap((p) => p.items);
    let outcomes: (R | Error | Transient)[];
    try {
      outcomes = await this.work.many(items);
    } catch (error) {
      if (isTransientDbError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      this.logger.warn({ err: error, items: items.length }, 'Batch failed; handling its items one by one');
      outcomes = await this.oneByOne(items);
    }
    let offset = 0;
    for (const p of batch) {
      const mine = outcomes.slice(offset, offset + p.items.length);
      offset += p.items.length;
      const transient = mine.find((o) => o instanceof Transient);
      if (transient) p.reject(transient.error);
      else p.resolve(mine as (R | Error)[]);
    }
  }

  private async oneByOne(items: T[]): Promise<(R | Error | Transient)[]> {
    const outcomes: (R | Error | Transient)[] = [];
    for (const item of items) {
      try {
        outcomes.push(await this.work.one(item));
      } catch (error) {
        outcomes.push(isTransientDbError(error) ? new Transient(error) : error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  }
}
