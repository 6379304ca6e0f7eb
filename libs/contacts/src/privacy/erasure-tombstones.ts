import { createHmac } from 'node:crypto';
import { AppConfig } from '@concierge/config';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ErasureTombstoneEntity } from './erasure.entities.js';

export interface InboundReplayCheck {
  inboxId: string;
  address: string;
  sourceId: string;
  /** When the provider says the message was written (WhatsApp carries it, Twilio SMS does not). */
  occurredAt?: Date;
}

/**
 * After an erasure, a provider may still deliver old events about the person: Meta retries a webhook
 * for days, Twilio once, WhatsApp Web re-reads recent chats on reconnect, a spool drains late. Such a
 * replay must not bring their data back, while the person writing again is a new consent and starts a
 * new contact. A replay is an event whose provider message id was erased, or whose own timestamp is not
 * after the erasure of its address on that inbox. Only keyed hashes are kept: phone numbers are too few
 * for a plain hash to hide them (a brute force of every number is cheap), and the key is the hub's
 * TOKEN_SECRET (rotating it forgets the tombstones).
 */
@Injectable()
export class ErasureTombstones {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  hash(inboxId: string, kind: 'address' | 'source', value: string): string {
    return createHmac('sha256', this.config.secrets.tokenSecret).update(`erasure:${kind}:${inboxId}:${value}`).digest('base64url');
  }

  async record(tx: EntityManager, accountId: string, erasedAt: Date, rows: { inboxId: string; kind: 'address' | 'source'; value: string }[]): Promise<void> {
    const unique = new Map(rows.map((r) => [`${r.inboxId}:${r.kind}:${r.value}`, r]));
    const entities = [...unique.values()].map((r) => ({ inboxId: r.inboxId, kind: r.kind, hash: this.hash(r.inboxId, r.kind, r.value), accountId, erasedAt }));
    for (let i = 0; i < entities.length; i += 500) {
      await tx.createQueryBuilder().insert().into(ErasureTombstoneEntity).values(entities.slice(i, i + 500)).orUpdate(['erased_at'], ['inbox_id', 'kind', 'hash']).execute();
    }
  }

  /** True when an inbound message is an old event about an erased person (store nothing, acknowledge it). */
  async isReplay(check: InboundReplayCheck): Promise<boolean> {
    const rows = await this.db.getRepository(ErasureTombstoneEntity).find({
      select: { kind: true, erasedAt: true },
      where: { inboxId: check.inboxId, hash: In([this.hash(check.inboxId, 'source', check.sourceId), this.hash(check.inboxId, 'address', check.address)]) },
    });
    return rows.some((r) => r.kind === 'source' || (check.occurredAt !== undefined && check.occurredAt.getTime() <= r.erasedAt.getTime()));
  }

  /** True when a provider status callback is about an erased message (keep no trace of it). */
  async isErasedSource(inboxId: string, sourceId: string): Promise<boolean> {
    return this.db.getRepository(ErasureTombstoneEntity).existsBy({ inboxId, kind: 'source', hash: this.hash(inboxId, 'source', sourceId) });
  }
}
