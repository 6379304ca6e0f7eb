import { lookup } from 'node:dns/promises';
import { isPublicAddress } from '@concierge/channels-core';
import { AppError, SecretBox } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StoreConnectionEntity } from './entities.js';
import type { OrderProvider } from './order.types.js';
import { BuiltInOrders } from './providers/builtin/builtin-orders.js';
import { ShopifyOrders } from './providers/shopify/shopify-orders.js';
import { WooOrders } from './providers/woocommerce/woo-orders.js';

export type StoreProviderName = 'builtin' | 'shopify' | 'woocommerce';

/** GET/PUT /store body. Secrets are write-only: the view says which are set, never their values. */
export interface StoreConnectionView {
  provider: StoreProviderName | null;
  baseUrl: string | null;
  apiVersion: string | null;
  secrets: Record<string, boolean>;
  /** Where the store posts order webhooks (Shopify, WooCommerce), signed with `webhookSecret`. */
  webhookUrl: string | null;
  updatedAt: string | null;
}

const SECRETS: Record<StoreProviderName, string[]> = { builtin: [], shopify: ['accessToken'], woocommerce: ['consumerKey', 'consumerSecret'] };
/** Optional: without it the store's order webhooks are refused (401), never trusted unsigned. */
const WEBHOOK_SECRET: Record<StoreProviderName, boolean> = { builtin: false, shopify: true, woocommerce: true };
const DEFAULT_SHOPIFY_VERSION = '2025-10';

const secretNames = (provider: StoreProviderName) => [...SECRETS[provider], ...(WEBHOOK_SECRET[provider] ? ['webhookSecret'] : [])];

/** Each brand's store back-end, and the provider instance that answers for it. */
@Injectable()
export class StoreConnections {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.secrets.encryptionKey);
  }

  async view(accountId: string): Promise<StoreConnectionView> {
    const row = await this.db.getRepository(StoreConnectionEntity).findOneBy({ accountId });
    if (!row) return { provider: null, baseUrl: null, apiVersion: null, secrets: {}, webhookUrl: null, updatedAt: null };
    const provider = row.provider as StoreProviderName;
    const secrets = row.credentials ? this.box.open<Record<string, string>>(row.credentials) : {};
    return {
      provider,
      baseUrl: row.config.baseUrl ?? null,
      apiVersion: row.config.apiVersion ?? null,
      secrets: Object.fromEntries(secretNames(provider).map((name) => [name, Boolean(secrets[name])])),
      webhookUrl: WEBHOOK_SECRET[provider] ? `${this.config.publicUrl}/webhooks/store/${accountId}/orders` : null,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async put(accountId: string, body: unknown): Promise<StoreConnectionView> {
    const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const provider = input.provider;
    if (provider !== 'builtin' && provider !== 'shopify' && provider !== 'woocommerce') {
      throw AppError.validation('Invalid store settings', [{ field: 'provider', messages: ['provider must be one of builtin, shopify, woocommerce'] }]);
    }
    const repo = this.db.getRepository(StoreConnectionEntity);
    const current = await repo.findOneBy({ accountId });
    // Secrets carry over while the provider stays the same, so an admin can change the URL alone.
    const kept = current?.provider === provider && current.credentials ? this.box.open<Record<string, string>>(current.credentials) : {};
    const secrets: Record<string, string> = {};
    const errors: { field: string; messages: string[] }[] = [];
    for (const name of SECRETS[provider]) {
      const value = typeof input[name] === 'string' && (input[name] as string).trim() ? (input[name] as string).trim() : kept[name];
      if (value) secrets[name] = value;
      else errors.push({ field: name, messages: [`${name} is required for ${provider}`] });
    }
    const config: Record<string, string> = {};
    if (provider !== 'builtin') {
      const baseUrl = await this.checkUrl(input.baseUrl ?? current?.config.baseUrl);
      if (baseUrl) config.baseUrl = baseUrl;
      else errors.push({ field: 'baseUrl', messages: [`baseUrl must be a public https URL${this.config.allowPrivateProviderUrls ? '' : ' (set ALLOW_PRIVATE_PROVIDER_URLS=true for a local store)'}`] });
    }
    if (provider === 'shopify') {
      const version = typeof input.apiVersion === 'string' ? input.apiVersion : (current?.config.apiVersion ?? DEFAULT_SHOPIFY_VERSION);
      if (/^(\d{4}-\d{2}|unstable)$/.test(version)) config.apiVersion = version;
      else errors.push({ field: 'apiVersion', messages: ['apiVersion must look like 2025-10'] });
    }
    if (WEBHOOK_SECRET[provider]) {
      const given = typeof input.webhookSecret === 'string' ? input.webhookSecret.trim() : '';
      if (given.length > 0 && given.length < 16) errors.push({ field: 'webhookSecret', messages: ['webhookSecret must be at least 16 characters'] });
      else if (given || kept.webhookSecret) secrets.webhookSecret = given || kept.webhookSecret!;
    }
    if (errors.length > 0) throw AppError.validation('Invalid store settings', errors);
    await repo.save({ accountId, provider, config, credentials: Object.keys(secrets).length ? this.box.seal(secrets) : null });
    return this.view(accountId);
  }

  /** The provider and secret an incoming store webhook must be signed with (null secret: refuse them all). */
  async webhookSecret(accountId: string): Promise<{ provider: StoreProviderName; secret: string | null } | null> {
    const row = await this.db.getRepository(StoreConnectionEntity).findOneBy({ accountId });
    if (!row) return null;
    const secrets = row.credentials ? this.box.open<Record<string, string>>(row.credentials) : {};
    return { provider: row.provider as StoreProviderName, secret: secrets.webhookSecret ?? null };
  }

  /** The provider answering for the brand, or null when no store is connected. */
  async provider(accountId: string): Promise<OrderProvider | null> {
    const row = await this.db.getRepository(StoreConnectionEntity).findOneBy({ accountId });
    if (!row) return null;
    const secrets = row.credentials ? this.box.open<Record<string, string>>(row.credentials) : {};
    switch (row.provider as StoreProviderName) {
      case 'builtin':
        return new BuiltInOrders(this.db, accountId);
      case 'shopify':
        return new ShopifyOrders({ baseUrl: row.config.baseUrl!, apiVersion: row.config.apiVersion ?? DEFAULT_SHOPIFY_VERSION, accessToken: secrets.accessToken ?? '' });
      case 'woocommerce':
        return new WooOrders({ baseUrl: row.config.baseUrl!, consumerKey: secrets.consumerKey ?? '', consumerSecret: secrets.consumerSecret ?? '' });
      default:
        return null;
    }
  }

  /** Unless private URLs are allowed (development, tests against local fakes), the store must be public https. */
  private async checkUrl(value: unknown): Promise<string | null> {
    if (typeof value !== 'string') return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    if (!this.config.allowPrivateProviderUrls) {
      const addresses = await lookup(url.hostname, { all: true }).catch(() => []);
      if (url.protocol !== 'https:' || addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) return null;
    }
    return url.origin + url.pathname.replace(/\/+$/, '');
  }
}
