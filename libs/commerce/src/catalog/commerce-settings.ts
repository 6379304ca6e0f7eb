import type { OrderStatus } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommerceSettingsEntity } from './catalog.entities.js';
import { normaliseHost } from './link-policy.js';
import { Problems } from './product-input.js';

export interface CommerceSettingsView {
  /** Hosts product, image and checkout links may point at (`shop.example.com`, `*.example.com`). */
  allowedLinkHosts: string[];
  /** Order statuses posted into the customer's conversation when the store reports them. */
  orderUpdateStatuses: OrderStatus[];
  /** Approved WhatsApp template for order updates outside the 24-hour window (variables: order number, status). */
  orderUpdateTemplate: { name: string; language: string } | null;
}

const MAX_HOSTS = 50;
const STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded'];
const DEFAULT_UPDATES: OrderStatus[] = ['paid', 'shipped', 'delivered', 'cancelled', 'refunded'];
const KEYS = ['allowedLinkHosts', 'orderUpdateStatuses', 'orderUpdateTemplate'];
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/** A brand's commerce settings; an account without a row allows no link host at all. */
@Injectable()
export class CommerceSettings {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(accountId: string): Promise<CommerceSettingsView> {
    const row = await this.db.getRepository(CommerceSettingsEntity).findOneBy({ accountId });
    return {
      allowedLinkHosts: row?.allowedLinkHosts ?? [],
      orderUpdateStatuses: (row?.orderUpdateStatuses as OrderStatus[] | undefined) ?? DEFAULT_UPDATES,
      orderUpdateTemplate: row?.orderUpdateTemplate ?? null,
    };
  }

  /** Each field is optional: what is left out keeps its value. */
  async put(accountId: string, body: unknown): Promise<CommerceSettingsView> {
    const p = new Problems();
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    for (const key of Object.keys(value)) if (!KEYS.includes(key)) p.add(key, `property ${key} should not exist`);
    const next = await this.get(accountId);
    if ('allowedLinkHosts' in value) next.allowedLinkHosts = hostsOf(value.allowedLinkHosts, p);
    if ('orderUpdateStatuses' in value) next.orderUpdateStatuses = statusesOf(value.orderUpdateStatuses, p);
    if ('orderUpdateTemplate' in value) next.orderUpdateTemplate = templateOf(value.orderUpdateTemplate, p);
    p.throwIfAny('commerce settings');
    await this.db.getRepository(CommerceSettingsEntity).upsert({ accountId, ...next }, ['accountId']);
    return next;
  }

  /** Hosts of the account as a list the validators take. */
  async hosts(accountId: string): Promise<string[]> {
    return (await this.get(accountId)).allowedLinkHosts;
  }
}

function hostsOf(raw: unknown, p: Problems): string[] {
  const hosts: string[] = [];
  if (!Array.isArray(raw) || raw.length > MAX_HOSTS) p.add('allowedLinkHosts', `allowedLinkHosts must be an array of at most ${MAX_HOSTS} host names`);
  else {
    raw.forEach((h, i) => {
      const host = normaliseHost(h);
      if (host === null) p.add(`allowedLinkHosts[${i}]`, `allowedLinkHosts[${i}] must be a host name such as shop.example.com or *.example.com (no scheme, port or path)`);
      else if (!hosts.includes(host)) hosts.push(host);
    });
  }
  return hosts;
}

function statusesOf(raw: unknown, p: Problems): OrderStatus[] {
  if (!Array.isArray(raw) || !raw.every((s): s is OrderStatus => STATUSES.includes(s as OrderStatus))) {
    p.add('orderUpdateStatuses', `orderUpdateStatuses must be an array of ${STATUSES.join(', ')}`);
    return [];
  }
  return [...new Set(raw)];
}

function templateOf(raw: unknown, p: Problems): { name: string; language: string } | null {
  if (raw === null) return null;
  const t = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (typeof t.name !== 'string' || !TEMPLATE_NAME.test(t.name)) p.add('orderUpdateTemplate.name', 'orderUpdateTemplate.name must be an approved template name (lower case, digits, _)');
  if (typeof t.language !== 'string' || !LANGUAGE.test(t.language)) p.add('orderUpdateTemplate.language', 'orderUpdateTemplate.language must be a template language code such as en_US');
  return { name: String(t.name), language: String(t.language) };
}
