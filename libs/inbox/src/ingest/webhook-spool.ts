import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { InboundItem } from '@concierge/channels-core';
import { AppConfig } from '@concierge/config';
import { isTransientDbError } from '@concierge/database';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundItems } from './inbound-items.js';

interface SpooledBatch {
  inboxId: string;
  receivedAt: string;
  items: InboundItem[];
}

const DRAIN_EVERY_MS = 2_000;

/**
 * Twilio retries a failed webhook once within 15 s and then gives up, so a database restart would lose
 * customer messages. When the database is unreachable, a verified and parsed batch is written to a
 * local spool file (fsync'd, then renamed into place) before we answer 200, and drained into the
 * database as soon as it is back. Items keep their provider ids, so draining twice stores nothing twice.
 */
@Injectable()
export class WebhookSpool implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookSpool.name);
  private readonly dir: string;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  /**
   * Batches may be waiting in the spool (unknown until the first drain looked). While they do, newer
   * batches queue behind them instead of overtaking: a customer's messages keep the order we acknowledged them in.
   */
  private backlog = true;
  /** Orders batches spooled within one millisecond (the file name is the replay order). */
  private written = 0;

  constructor(
    config: AppConfig,
    private readonly items: InboundItems,
    private readonly inboxes: InboxesService,
  ) {
    this.dir = join(config.dataDir, 'spool', 'webhooks');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain(), DRAIN_EVERY_MS);
    this.timer.unref();
    void this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  async write(inboxId: string, items: InboundItem[]): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${Date.now().toString().padStart(15, '0')}-${String(this.written++ % 1e9).padStart(9, '0')}-${randomUUID()}.json`;
    const temp = join(this.dir, `.${name}.tmp`);
    const batch: SpooledBatch = { inboxId, receivedAt: new Date().toISOString(), items };
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(JSON.stringify(batch));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, join(this.dir, name));
    this.backlog = true;
    this.logger.warn({ inboxId, items: items.length }, 'Webhook batch spooled (database unavailable, or earlier batches still waiting)');
  }

  /** True while spooled batches wait: new batches must be spooled behind them, not stored ahead. */
  pending(): boolean {
    return this.backlog;
  }

  /** Replays spooled batches in arrival order; stops at the first transient failure and tries again later. */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = null));
    return this.draining;
  }

  /**
   * Removes spooled items that match (an erased person's messages) and returns how many went. Runs in
   * the drainer's slot so a file is never replayed while it is rewritten; `.failed` files are included.
   */
  async purge(matches: (inboxId: string, item: InboundItem) => boolean): Promise<number> {
    while (this.draining) await this.draining.catch(() => undefined);
    const job = this.purgeOnce(matches);
    this.draining = job.then(() => undefined, () => undefined).finally(() => (this.draining = null));
    return job;
  }

  private async purgeOnce(matches: (inboxId: string, item: InboundItem) => boolean): Promise<number> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') || n.endsWith('.json.failed'));
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      const batch = JSON.parse(await readFile(path, 'utf8'), reviveDates) as SpooledBatch;
      const kept = batch.items.filter((item) => !matches(batch.inboxId, item));
      if (kept.length === batch.items.length) continue;
      removed += batch.items.length - kept.length;
      if (kept.length === 0) {
        await unlink(path);
        continue;
      }
      const temp = join(this.dir, `.${name}.purge.tmp`);
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(JSON.stringify({ ...batch, items: kept }));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    }
    return removed;
  }

  private async drainOnce(): Promise<void> {
    // Batches spooled while we replay are picked up by the next pass; the backlog ends when a pass finds none.
    for (;;) {
      let names: string[];
      try {
        names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
      } catch {
        names = [];
      }
      if (names.length === 0) {
        this.backlog = false;
        return;
      }
      if (!(await this.replay(names))) return;
    }
  }

  /** Replays `names` in order; false when the database is unreachable again (the rest waits for the next drain). */
  private async replay(names: string[]): Promise<boolean> {
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        const batch = JSON.parse(await readFile(path, 'utf8'), reviveDates) as SpooledBatch;
        const inbox = await this.inboxes.byId(batch.inboxId);
        if (inbox) await this.items.process(inbox, batch.items);
        await unlink(path);
      } catch (error) {
        if (isTransientDbError(error)) return false;
        this.logger.error({ err: error, file: name }, 'Spooled webhook batch could not be replayed; kept for inspection');
        await rename(path, `${path}.failed`).catch(() => undefined);
      }
    }
    return true;
  }
}

function reviveDates(key: string, value: unknown): unknown {
  return key === 'occurredAt' && typeof value === 'string' ? new Date(value) : value;
}
