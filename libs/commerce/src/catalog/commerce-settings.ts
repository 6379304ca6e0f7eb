import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommerceSettingsEntity } from './catalog.entities.js';
import { normaliseHost } from './link-policy.js';
import { Problems } from './product-input.js';

export interface CommerceSettingsView {
  /** Hosts product, image and checkout links may point at (`shop.example.com`, `*.example.com`). */
  allowedLinkHosts: string[];
}

const MAX_HOSTS = 50;

/** A brand's commerce settings; an account without a row allows no link host at all. */
@Injectable()
export class CommerceSettings {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(accountId: string): Promise<CommerceSettingsView> {
    const row = await this.db.getRepository(CommerceSettingsEntity).findOneBy({ accountId });
    return { allowedLinkHosts: row?.allowedLinkHosts ?? [] };
  }

  async put(accountId: string, body: unknown): Promise<CommerceSettingsView> {
    const p = new Problems();
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    for (const key of Object.keys(value)) if (key !== 'allowedLinkHosts') p.add(key, `property ${key} should not exist`);
    const raw = value.allowedLinkHosts;
    const hosts: string[] = [];
    if (!Array.isArray(raw) || raw.length > MAX_HOSTS) p.add('allowedLinkHosts', `allowedLinkHosts must be an array of at most ${MAX_HOSTS} host names`);
    else {
      raw.forEach((h, i) => {
        const host = normaliseHost(h);
        if (host === null) p.add(`allowedLinkHosts[${i}]`, `allowedLinkHosts[${i}] must be a host name such as shop.example.com or *.example.com (no scheme, port or path)`);
        else if (!hosts.includes(host)) hosts.push(host);
      });
    }
    p.throwIfAny('commerce settings');
    await this.db.getRepository(CommerceSettingsEntity).upsert({ accountId, allowedLinkHosts: hosts }, ['accountId']);
    return { allowedLinkHosts: hosts };
  }

  /** Hosts of the account as a list the validators take. */
  async hosts(accountId: string): Promise<string[]> {
    return (await this.get(accountId)).allowedLinkHosts;
  }
}
