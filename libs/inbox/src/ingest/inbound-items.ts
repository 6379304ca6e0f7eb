import type { ChannelAdapter, InboundItem } from '@concierge/channels-core';
import { ChannelRegistry } from '@concierge/channels-core';
import { ErasureTombstones } from '@concierge/contacts';
import { storable } from '@concierge/common';
import { isTransientDbError } from '@concierge/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity, WebhookQuarantineEntity, type InboxEntity } from '../entities/index.js';
import { InboundIngest } from '../messages/inbound-ingest.js';
import { InboundMedia } from './inbound-media.js';
import { StatusUpdates } from './status-updates.js';

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
    private readonly statuses: StatusUpdates,
    private readonly media: InboundMedia,
    private readonly tombstones: ErasureTombstones,
  ) {}

  async process(inbox: InboxEntity, items: InboundItem[]): Promise<void> {
    const adapter = this.registry.get(inbox.channelType);
    // Text PostgreSQL cannot hold (NUL, lone surrogates) would fail the item and then its quarantine too.
    for (const item of items.map(storable)) {
      try {
        await this.one(inbox, adapter, item);
      } catch (error) {
        if (isTransientDbError(error)) throw error;
        this.logger.error({ err: error, inboxId: inbox.id, kind: item.kind }, 'Inbound item could not be stored; quarantined');
        await this.quarantine(inbox, `processing failed: ${error instanceof Error ? error.message : String(error)}`, item);
      }
    }
  }

  private async one(inbox: InboxEntity, adapter: ChannelAdapter, item: InboundItem): Promise<void> {
    switch (item.kind) {
      case 'message': {
        // An old event about an erased person (a provider retry, a late spool, a re-read chat) stores nothing.
        if (await this.tombstones.isReplay({ inboxId: inbox.id, address: item.address, sourceId: item.sourceId, ...(item.occurredAt && { occurredAt: item.occurredAt }) })) return;
        // Ingest itself is idempotent on the provider id; the look-up only saves re-fetching a retry's media.
        if (item.media && (await this.db.getRepository(MessageEntity).existsBy({ inboxId: inbox.id, sourceId: item.sourceId }))) return;
        const content = item.media ? await this.media.content(inbox, adapter, item) : item.content;
        await this.ingest.ingest({
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
        });
        return;
      }
      case 'status':
        return this.statuses.apply(inbox, item);
      case 'quarantine':
        this.logger.warn({ inboxId: inbox.id, reason: item.reason }, 'Webhook item quarantined');
        return this.quarantine(inbox, item.reason, item.raw);
    }
  }

  private async quarantine(inbox: InboxEntity, reason: string, raw: unknown): Promise<void> {
    await this.db.getRepository(WebhookQuarantineEntity).insert({ accountId: inbox.accountId, inboxId: inbox.id, reason: reason.slice(0, 500), raw: raw as object });
  }
}

