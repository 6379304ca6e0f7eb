import { randomBytes } from 'node:crypto';
import { AppConfig } from '@concierge/config';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShortLinkEntity } from './catalog.entities.js';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE = /^[a-zA-Z0-9]{6,16}$/;

/** 8 characters from an unambiguous alphabet (~46 bits): guessing a live code is impractical. */
export function newCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * The hub's own short links (`<PUBLIC_URL>/s/<code>`): short enough for an SMS segment, and counted.
 * Only stored codes redirect, so the endpoint cannot be used as an open redirect.
 */
@Injectable()
export class ShortLinks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** One link per product and target (repeated cards of a product share their click count). */
  async forProduct(accountId: string, productId: string, url: string): Promise<string> {
    const repo = this.db.getRepository(ShortLinkEntity);
    const existing = await repo.findOneBy({ accountId, productId, url });
    if (existing) return this.publicUrl(existing.code);
    return this.create(accountId, url, productId);
  }

  /** A new counted link to `url` (a checkout link: each one its own, so its clicks are that cart's). */
  async create(accountId: string, url: string, productId: string | null = null): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const code = newCode();
      const inserted = await this.db.query(`INSERT INTO short_link (code, account_id, url, product_id) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`, [code, accountId, url, productId]);
      if ((inserted as unknown[]).length) return this.publicUrl(code);
      if (attempt > 5) throw new Error('No free short-link code');
    }
  }

  /** Counts the click and returns the target; null for unknown codes. */
  async follow(code: string): Promise<string | null> {
    if (!CODE.test(code)) return null;
    const rows = (await this.db.query(`UPDATE short_link SET clicks = clicks + 1 WHERE code = $1 RETURNING url`, [code])) as [{ url: string }[], number];
    return rows[0][0]?.url ?? null;
  }

  async clicks(accountId: string, productId: string): Promise<number> {
    const rows = (await this.db.query(`SELECT coalesce(sum(clicks), 0)::int AS n FROM short_link WHERE account_id = $1 AND product_id = $2`, [accountId, productId])) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  publicUrl(code: string): string {
    return `${this.config.publicUrl}/s/${code}`;
  }
}
