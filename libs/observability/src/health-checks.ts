import { Injectable } from '@nestjs/common';

/** Other modules register readiness checks (Redis, queues) here; the database check is built in. */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, () => Promise<unknown>>();

  register(name: string, check: () => Promise<unknown>): void {
    this.checks.set(name, check);
  }

  entries(): [string, () => Promise<unknown>][] {
    return [...this.checks.entries()];
  }
}
