import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import type { StoreOrder } from '../orders/order.types.js';
import { isShopifyWebhookOrder, mapShopifyWebhookOrder } from '../orders/providers/shopify/shopify-webhook.js';
import { mapWooOrder } from '../orders/providers/woocommerce/woo.mapper.js';
import type { WooOrder } from '../orders/providers/woocommerce/woo.types.js';
import { StoreConnections } from '../orders/store-connections.js';
import { OrderUpdates, type OrderUpdateOutcome } from './order-updates.js';

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Both Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) sign the raw body: base64 HMAC-SHA256. */
export function validStoreSignature(secret: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SHOPIFY_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/fulfilled', 'orders/partially_fulfilled', 'orders/cancelled']);
const WOO_TOPICS = new Set(['order.created', 'order.updated']);

export type StoreWebhookResult = { handled: false; reason: 'ping' | 'ignored_topic' } | { handled: true; order: string; outcome: OrderUpdateOutcome };

/**
 * `POST /webhooks/store/:accountId/orders`: order events from the brand's Shopify or WooCommerce store, verified
 * against the connection's webhook secret, turned into order updates in the customer's conversation.
 * Retries are harmless: each order status is posted once.
 */
@Injectable()
export class StoreWebhooks {
  constructor(
    private readonly connections: StoreConnections,
    private readonly updates: OrderUpdates,
  ) {}

  async handle(accountId: string, headers: Headers, rawBody: Buffer | undefined): Promise<StoreWebhookResult> {
    const connection = await this.connections.webhookSecret(accountId).catch(() => null);
    if (!connection || connection.provider === 'builtin') throw AppError.notFound('Store webhook');
    const signature = header(headers, connection.provider === 'shopify' ? 'x-shopify-hmac-sha256' : 'x-wc-webhook-signature');
    if (!connection.secret || !rawBody || !validStoreSignature(connection.secret, rawBody, signature)) {
      throw new AppError('UNAUTHENTICATED', 'Invalid store webhook signature');
    }
    const body = parseJson(rawBody);
    let mapped: { order: StoreOrder; conversationId: string | null };
    if (connection.provider === 'shopify') {
      if (!SHOPIFY_TOPICS.has(header(headers, 'x-shopify-topic') ?? '')) return { handled: false, reason: 'ignored_topic' };
      if (!isShopifyWebhookOrder(body)) throw AppError.validation('Not a Shopify order', [{ field: 'body', messages: ['expected an order resource'] }]);
      mapped = mapShopifyWebhookOrder(body);
    } else {
      // WooCommerce pings a new webhook with `webhook_id=N` (form-encoded): it must get a 2xx to be activated.
      if (!body) return { handled: false, reason: 'ping' };
      if (!WOO_TOPICS.has(header(headers, 'x-wc-webhook-topic') ?? '')) return { handled: false, reason: 'ignored_topic' };
      if (!isWooOrder(body)) throw AppError.validation('Not a WooCommerce order', [{ field: 'body', messages: ['expected an order resource'] }]);
      mapped = { order: mapWooOrder(body), conversationId: null };
    }
    const outcome = await this.updates.notify(accountId, mapped.order, { conversationId: mapped.conversationId });
    return { handled: true, order: mapped.order.number, outcome };
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}

function isWooOrder(body: unknown): body is WooOrder {
  const o = body as Partial<WooOrder> | null;
  return Boolean(o && typeof o === 'object' && typeof o.id === 'number' && (typeof o.number === 'string' || typeof o.number === 'number') && typeof o.status === 'string');
}
