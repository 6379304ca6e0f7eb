import type { InboundItem } from '@concierge/channels-core';
import { backoffDelay, type BackoffOptions } from './backoff.js';

export interface DeliveryQueueOptions {
  /** Items kept while the hub cannot take them; beyond this the oldest are dropped (reconciliation brings messages back). */
  maxItems: number;
  /** Items handed to the sink per call. */
  batchSize: number;
  retry: BackoffOptions;
}

/**
 * Hands an inbox's items to the sink in arrival order. WhatsApp Web never redelivers, so when the sink
 * rejects (database briefly down) the items wait here and are retried with backoff instead of being lost.
 */
export class DeliveryQueue {
  private items: InboundItem[] = [];
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private disposed = false;
  /** Items dropped because the queue was full (for status details and tests). */
  dropped = 0;

  constructor(
    private readonly deliver: (items: InboundItem[]) => Promise<void>,
    private readonly options: DeliveryQueueOptions,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(items: InboundItem[]): void {
    if (this.disposed || items.length === 0) return;
    this.items.push(...items);
    const excess = this.items.length - this.options.maxItems;
    if (excess > 0) {
      this.items.splice(0, excess);
      this.dropped += excess;
    }
    void this.flush();
  }

  /** Retry now (after a reconnect), without waiting for the backoff timer. */
  retryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.flush();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
  }

  private async flush(): Promise<void> {
    if (this.running || this.timer || this.disposed) return;
    this.running = true;
    try {
      while (this.items.length > 0 && !this.disposed) {
        const batch = this.items.slice(0, this.options.batchSize);
        try {
          await this.deliver(batch);
        } catch {
          this.schedule();
          return;
        }
        // Items pushed meanwhile sit behind the batch; items dropped meanwhile (queue full) shift the head.
        const sent = this.items.indexOf(batch[batch.length - 1]!);
        this.items.splice(0, sent + 1);
        this.attempt = 0;
      }
    } finally {
      this.running = false;
    }
  }

  private schedule(): void {
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt++, this.options.retry);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
    this.timer.unref?.();
  }
}
