import { Injectable } from '@nestjs/common';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Timers are a port like the clock: production uses real (unref'd) timers; tests replace it, or call
 * the periodic `tick()`s directly with a FixedClock. Work triggered by a timer always re-reads the
 * Clock, so a late or early timer only changes when a check runs, never what it decides.
 */
export abstract class AutomationScheduler {
  abstract every(ms: number, task: () => void): () => void;
  abstract after(ms: number, task: () => void): () => void;
}

@Injectable()
export class TimerScheduler extends AutomationScheduler {
  every(ms: number, task: () => void): () => void {
    const timer = setInterval(task, ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  after(ms: number, task: () => void): () => void {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  }
}

/**
 * Runs one task per key at a time, in arrival order (a conversation's messages are handled one by one),
 * and at most `concurrency` tasks overall: automation must leave database connections to the paths that
 * acknowledge customers' messages, however many conversations are busy at once.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly limit: LimitFunction;

  constructor(concurrency = Number.POSITIVE_INFINITY) {
    this.limit = pLimit(concurrency);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const limited = () => this.limit(task);
    const next = previous.then(limited, limited);
    const tail = next.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Settles when everything queued so far has run (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
