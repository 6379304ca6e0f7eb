import type { ChannelAdapter, InboundItem } from '@concierge/channels-core';
import { ChannelRegistry } from '@concierge/channels-core';
import { ErasureTombstones } from '@concierge/contacts';
import { storable } from '@concierge/common';
import { isTransientDbError } from '@concierge/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity, WebhookQuarantineEntity, type InboxEntity } from '../entities/index.js';
import { InboundIngest, type InboundMessage } from '../messages/inbound-ingest.js';
import { InboundBatches } from './inbound-batches.js';
import { InboundMedia } from './inbound-media.js';
import { StatusUpdates } from './status-updates.js';

type MessageItem = Extract<InboundItem, { kind: 'message' }>;
type StatusItem = Extract<InboundItem, { kind: 'status' }>;

/** Items that go through group commit with their neighbours of the same kind (media needs a fetch first). */
function batchKind(item: InboundItem): 'message' | 'status' | null {
  if (item.kind === 'message') return item.media ? null : 'message';
  return item.kind === 'status' ? 'status' : null;
}

/**
 * Stores what a provider told us, item by item, in order. One bad item is quarantined and never fails
 * the batch; only an unreachable database fails it (so the caller spools it or answers 503).
 */
@Injectable()
export class InboundItems {
  private readonly logger = new Logger(InboundItems.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly ingest: InboundIngest,
    private readonly batches: InboundBatches,
    private readonly statuses: StatusUpdates,
    private readonly media: InboundMedia,
    private readonly tombstones: ErasureTombstones,
  ) {}

  async process(inbox: InboxEntity, items: InboundItem[]): Promise<void> {
    const adapter = this.registry.get(inbox.channelType);
    // Text PostgreSQL cannot hold (NUL, lone surrogates) would fail the item and then its quarantine too.
    const clean = items.map(storable);
    for (let i = 0; i < clean.length; ) {
      // Consecutive plain messages (or statuses) go through group commit together; the rest one by one.
      const kind = batchKind(clean[i]!);
      if (kind) {
        let end = i;
        while (end < clean.length && batchKind(clean[end]!) === kind) end++;
        const run = clean.slice(i, end);
        const outcomes = kind === 'message' ? await this.messages(inbox, adapter, run as MessageItem[]) : await this.statuses.submit((run as StatusItem[]).map((item) => ({ inbox, item })));
        for (const [k, outcome] of outcomes.entries()) if (outcome) await this.failed(inbox, run[k]!, outcome);
        i = end;
        continue;
      }
      const item = clean[i++] as Exclude<InboundItem, StatusItem>;
      try {
        await this.one(inbox, adapter, item);
      } catch (error) {
        if (isTransientDbError(error)) throw error;
        await this.failed(inbox, item, error);
      }
    }
  }

  private messages(inbox: InboxEntity, adapter: ChannelAdapter, items: MessageItem[]) {
    return this.batches.submit(items.map((item) => ({ input: this.inbound(inbox, adapter, item, item.content), ...(item.occurredAt && { occurredAt: item.occurredAt }) })));
  }

  private async failed(inbox: InboxEntity, item: InboundItem, error: unknown): Promise<void> {
    this.logger.error({ err: error, inboxId: inbox.id, kind: item.kind }, 'Inbound item could not be stored; quarantined');
    await this.quarantine(inbox, `processing failed: ${error instanceof Error ? error.message : String(error)}`, item);
  }

  private async one(inbox: InboxEntity, adapter: ChannelAdapter, item: Exclude<InboundItem, StatusItem>): Promise<void> {
    switch (item.kind) {
      case 'message': {
        // An old event about an erased person (a provider retry, a late spool, a re-read chat) stores nothing.
        if (await this.tombstones.isReplay({ inboxId: inbox.id, address: item.address, sourceId: item.sourceId, ...(item.occurredAt && { occurredAt: item.occurredAt }) })) return;
        // Ingest itself is idempotent on the provider id; the look-up only saves re-fetching a retry's media.
        if (item.media && (await this.db.getRepository(MessageEntity).existsBy({ inboxId: inbox.id, sourceId: item.sourceId }))) return;
        const content = item.media ? await this.media.content(inbox, adapter, item) : item.content;
        await this.ingest.ingest(this.inbound(inbox, adapter, item, content));
        return;
      }
      case 'quarantine':
        this.logger.warn({ inboxId: inbox.id, reason: item.reason }, 'Webhook item quarantined');
        return this.quarantine(inbox, item.reason, item.raw);
    }
  }

  private inbound(inbox: InboxEntity, adapter: ChannelAdapter, item: MessageItem, content: MessageItem['content']): InboundMessage {
    return {
      accountId: inbox.accountId,
      inboxId: inbox.id,
      address: item.address,
      addressKind: adapter.capabilities.addressKind,
      channelType: inbox.channelType,
      ...(item.profile && { profile: { name: item.profile.name ?? null, phone: item.profile.phone ?? null } }),
      sourceId: item.sourceId,
      content,
      ...(item.consent && { consent: item.consent }),
      customerWindowHours: adapter.capabilities.customerWindowHours,
    };
  }

  private async quarantine(inbox: InboxEntity, reason: string, raw: unknown): Promise<void> {
    await this.db.getRepository(WebhookQuarantineEntity).insert({ accountId: inbox.accountId, inboxId: inbox.id, reason: reason.slice(0, 500), raw: raw as object });
  }
}

