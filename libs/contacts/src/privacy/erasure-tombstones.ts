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
    return (await this.replays([check]))[0]!;
  }

  /** `isReplay` for many messages in one query (a webhook batch), in the order given. */
  async replays(checks: InboundReplayCheck[]): Promise<boolean[]> {
    if (checks.length === 0) return [];
    const keys = checks.map((c) => ({ source: this.hash(c.inboxId, 'source', c.sourceId), address: this.hash(c.inboxId, 'address', c.address) }));
    const rows = await this.db.getRepository(ErasureTombstoneEntity).find({
      select: { inboxId: true, kind: true, hash: true, erasedAt: true },
      where: { inboxId: In([...new Set(checks.map((c) => c.inboxId))]), hash: In(keys.flatMap((k) => [k.source, k.address])) },
    });
    if (rows.length === 0) return checks.map(() => false);
    const found = new Map(rows.map((r) => [`${r.inboxId}:${r.kind}:${r.hash}`, r.erasedAt]));
    return checks.map((c, i) => {
      if (found.has(`${c.inboxId}:source:${keys[i]!.source}`)) return true;
      const erasedAt = found.get(`${c.inboxId}:address:${keys[i]!.address}`);
      return erasedAt !== undefined && c.occurredAt !== undefined && c.occurredAt.getTime() <= erasedAt.getTime();
    });
  }

  /** True when a provider status callback is about an erased message (keep no trace of it). */
  async isErasedSource(inboxId: string, sourceId: string): Promise<boolean> {
    return this.db.getRepository(ErasureTombstoneEntity).existsBy({ inboxId, kind: 'source', hash: this.hash(inboxId, 'source', sourceId) });
  }
}
