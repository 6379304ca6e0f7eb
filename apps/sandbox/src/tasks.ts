/**
 * Tracks the sandbox's background work (status timers, webhook retries) so tests can wait for it
 * (`idle()`) and `close()` leaves no timer behind.
 */
export class Tasks {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = () => this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Runs `fn` after `ms` (never after close). */
  later(ms: number, fn: () => unknown): void {
    if (this.closed) return;
    this.track(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.closed) return resolve();
          Promise.resolve()
            .then(fn)
            .catch(this.onError)
            .finally(() => resolve());
        }, Math.max(0, ms));
        this.timers.set(timer, resolve);
      }),
    );
  }

  /** Resolves once no timer or delivery is pending (including work scheduled while waiting). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  get size(): number {
    return this.pending.size;
  }

  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
