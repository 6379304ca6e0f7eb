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
    const name = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}.json`;
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
    this.logger.warn({ inboxId, items: items.length }, 'Database unavailable: webhook batch spooled');
  }

  /** Replays spooled batches in arrival order; stops at the first transient failure and tries again later. */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = null));
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        const batch = JSON.parse(await readFile(path, 'utf8'), reviveDates) as SpooledBatch;
        const inbox = await this.inboxes.byId(batch.inboxId);
        if (inbox) await this.items.process(inbox, batch.items);
        await unlink(path);
      } catch (error) {
        if (isTransientDbError(error)) return;
        this.logger.error({ err: error, file: name }, 'Spooled webhook batch could not be replayed; kept for inspection');
        await rename(path, `${path}.failed`).catch(() => undefined);
      }
    }
  }
}

function reviveDates(key: string, value: unknown): unknown {
  return key === 'occurredAt' && typeof value === 'string' ? new Date(value) : value;
}
