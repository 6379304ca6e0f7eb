import type { ConsentKeyword } from '@concierge/channels-core';
import { Clock } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelConsentEntity } from '../entities/index.js';

/** SMS opt-outs: recorded per customer address and number; sends are refused until START. */
@Injectable()
export class ChannelConsent {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(tx: EntityManager, input: { accountId: string; inboxId: string; contactChannelId: string; keyword: ConsentKeyword }): Promise<void> {
    if (input.keyword === 'help') return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(ChannelConsentEntity)
      .values({ ...input, optedOut: input.keyword === 'opt_out', keyword: input.keyword, updatedAt: this.clock.now() })
      .orUpdate(['opted_out', 'keyword', 'updated_at'], ['contact_channel_id'])
      .execute();
  }

  /** `manager`: the caller's transaction, when it holds one (a second pooled connection could starve the pool). */
  async isOptedOut(contactChannelId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const row = await manager.getRepository(ChannelConsentEntity).findOneBy({ contactChannelId });
    return row?.optedOut ?? false;
  }
}
