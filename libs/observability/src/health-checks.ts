import { Injectable } from '@nestjs/common';

type Check = () => Promise<unknown>;

/**
 * Other modules register readiness checks (Redis, queues, live sessions) here; the database check is
 * built in. A critical check failing makes the process not ready (503: route no traffic here). An
 * advisory check failing reports `degraded` with 200: something one brand relies on is down (a logged-out
 * WhatsApp Web session), but taking the whole hub out of rotation would make it worse for everyone.
 */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, Check>();
  private readonly advisory = new Map<string, Check>();

  register(name: string, check: Check, options: { critical?: boolean } = {}): void {
    (options.critical === false ? this.advisory : this.checks).set(name, check);
  }

  /** The critical checks (readiness, and the worker's heartbeat). */
  entries(): [string, Check][] {
    return [...this.checks.entries()];
  }

  advisories(): [string, Check][] {
    return [...this.advisory.entries()];
  }
}
