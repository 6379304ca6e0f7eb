import { setTimeout as sleep } from 'node:timers/promises';

export interface HealthSample {
  at: number;
  /** HTTP status, or 0 when the process did not answer at all. */
  status: number;
  /** The body's verdict: `degraded` with 200 means an advisory check failed (a WhatsApp Web session). */
  state: string;
  checks: Record<string, string>;
}

/** Polls `/health/ready` throughout a fault: did it say degraded, and when was it ready again? */
export class HealthWatch {
  readonly samples: HealthSample[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly url: string, everyMs = 200) {
    this.loop = (async () => {
      while (this.running) {
        const at = Date.now();
        const sample = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(5_000) })
          .then(async (r) => {
            const body = (await r.json()) as { status?: string; checks?: Record<string, string> };
            return { at, status: r.status, state: body.status ?? '', checks: body.checks ?? {} };
          })
          .catch(() => ({ at, status: 0, state: 'no answer', checks: {} }));
        this.samples.push(sample);
        await sleep(everyMs);
      }
    })();
  }

  /** Samples taken in [from, to] that were not ready, with what they reported. */
  degradedBetween(from: number, to: number): HealthSample[] {
    return this.samples.filter((s) => s.at >= from && s.at <= to && (s.status !== 200 || s.state !== 'ok'));
  }

  /** Waits for a ready sample taken at or after `since`; resolves with its time. */
  async readyAfter(since: number, timeoutMs = 60_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const ok = this.samples.find((s) => s.at >= since && s.status === 200 && s.state === 'ok');
      if (ok) return ok.at;
      if (Date.now() > end) throw new Error(`not ready within ${timeoutMs} ms of the fault; last: ${JSON.stringify(this.samples.at(-1))}`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
