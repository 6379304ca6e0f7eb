import type { InboundItem, LiveSessionSink, LiveSessionStatus } from '@concierge/channels-core';

/** TEST DOUBLE. A LiveSessionSink that records what it gets and can play a database that is down. */
export class RecordingSessionSink implements LiveSessionSink {
  readonly statuses: { inboxId: string; status: LiveSessionStatus }[] = [];
  readonly delivered: InboundItem[] = [];
  deliverCalls = 0;
  /** The next this-many deliver() calls reject. */
  failures = 0;

  async deliver(_inboxId: string, items: InboundItem[]): Promise<void> {
    this.deliverCalls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connection to the database was lost');
    }
    this.delivered.push(...items);
  }

  statusChanged(inboxId: string, status: LiveSessionStatus): void {
    this.statuses.push({ inboxId, status });
  }

  get states(): string[] {
    return this.statuses.map((s) => s.status.state);
  }

  get last(): LiveSessionStatus {
    const last = this.statuses[this.statuses.length - 1];
    if (!last) throw new Error('No status was reported');
    return last.status;
  }
}
