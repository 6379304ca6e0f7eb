import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeShopify, startFakeWoo, type FakeStore } from '../__fixtures__/fake-stores.js';
import { SHOPIFY_ORDERS } from '../__fixtures__/shopify-orders.js';
import { WOO_ORDERS } from '../__fixtures__/woo-orders.js';
import { StoreUnavailableError } from './http-json.js';
import { mapShopifyOrder, shopifyStatus } from './shopify/shopify.mapper.js';
import { ShopifyOrders } from './shopify/shopify-orders.js';
import { mapWooOrder, wooStatus } from './woocommerce/woo.mapper.js';
import { WooOrders } from './woocommerce/woo-orders.js';

const base = { cancelledAt: null, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', fulfillments: [] as { displayStatus: string | null; trackingInfo: [] }[] };

describe('Shopify status mapping', () => {
  it.each([
    [{ displayFinancialStatus: 'PENDING' }, 'pending'],
    [{ displayFinancialStatus: 'AUTHORIZED' }, 'paid'],
    [{}, 'paid'],
    [{ displayFulfillmentStatus: 'IN_PROGRESS' }, 'packed'],
    [{ displayFulfillmentStatus: 'FULFILLED', fulfillments: [{ displayStatus: 'IN_TRANSIT', trackingInfo: [] }] }, 'shipped'],
    [{ displayFulfillmentStatus: 'PARTIALLY_FULFILLED' }, 'shipped'],
    [{ displayFulfillmentStatus: 'FULFILLED', fulfillments: [{ displayStatus: 'DELIVERED', trackingInfo: [] }] }, 'delivered'],
    [{ cancelledAt: '2026-01-01T00:00:00Z', displayFinancialStatus: 'VOIDED' }, 'cancelled'],
    [{ cancelledAt: '2026-01-01T00:00:00Z', displayFinancialStatus: 'REFUNDED' }, 'refunded'],
    [{ displayFinancialStatus: 'PARTIALLY_REFUNDED', displayFulfillmentStatus: 'FULFILLED' }, 'shipped'],
  ])('%j → %s', (patch, expected) => {
    expect(shopifyStatus({ ...base, ...patch } as never)).toBe(expected);
  });

  it('maps a node: number without #, lower-case email, tracking link, money', () => {
    expect(mapShopifyOrder(SHOPIFY_ORDERS[0]!)).toEqual({
      number: '1001', providerId: 'gid://shopify/Order/5891234567001', status: 'shipped', email: 'amelie.durand@example.com', phone: '+15017122661',
      items: [{ title: 'Silk scarf — Midnight', quantity: 1 }], total: { amount: '129.0', currency: 'EUR' },
      trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901', trackingCarrier: 'Colissimo',
      createdAt: '2026-01-05T09:12:44Z', updatedAt: '2026-01-07T16:03:10Z',
    });
    expect(mapShopifyOrder(SHOPIFY_ORDERS[1]!).phone).toBe('+33612345678'); // the customer's phone when the order has none
  });
});

describe('WooCommerce status mapping', () => {
  it.each([
    ['pending', 'pending'], ['on-hold', 'pending'], ['failed', 'pending'], ['processing', 'paid'], ['completed', 'shipped'],
    ['wc-shipped', 'shipped'], ['delivered', 'delivered'], ['cancelled', 'cancelled'], ['refunded', 'refunded'], ['some-plugin-status', 'pending'],
  ])('%s → %s', (status, expected) => {
    expect(wooStatus(status)).toBe(expected);
  });

  it('maps an order: GMT dates, E.164 phone from a typed number, Shipment Tracking link', () => {
    expect(mapWooOrder(WOO_ORDERS[0]!)).toMatchObject({
      number: '2001', providerId: '727', status: 'shipped', email: 'john.doe@example.com', phone: null,
      total: { amount: '89.50', currency: 'USD' }, trackingCarrier: 'usps',
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000000',
      createdAt: '2026-01-04T15:15:22.000Z', updatedAt: '2026-01-06T14:00:01.000Z',
    });
    // "(501) 712-2661" has no country code: not a provable E.164 number (ownership then needs the email).
    expect(mapWooOrder(WOO_ORDERS[1]!).phone).toBe('+12125550147');
    expect(mapWooOrder(WOO_ORDERS[2]!).updatedAt).toBe('2026-01-05T17:00:00.000Z');
  });
});

describe('adapters against local fake stores', () => {
  let shopify: FakeStore;
  let woo: FakeStore;
  beforeAll(async () => {
    shopify = await startFakeShopify({ accessToken: 'shpat_test' });
    woo = await startFakeWoo({ consumerKey: 'ck_test', consumerSecret: 'cs_test' });
  });
  afterAll(async () => {
    await shopify.close();
    await woo.close();
  });

  it('Shopify: finds by exact name with the access token header and the configured API version', async () => {
    const adapter = new ShopifyOrders({ baseUrl: `${shopify.url}/`, apiVersion: '2025-10', accessToken: 'shpat_test' });
    expect(await adapter.findByNumber('1001')).toMatchObject({ number: '1001', status: 'shipped' });
    expect(await adapter.findByNumber('#1003')).toMatchObject({ number: '1003', status: 'refunded' });
    expect(await adapter.findByNumber('9999')).toBeNull();
    const last = shopify.requests.at(-1)!;
    expect(last.url).toBe('/admin/api/2025-10/graphql.json');
    expect(last.headers['x-shopify-access-token']).toBe('shpat_test');
    expect(JSON.parse(last.body).variables).toEqual({ query: 'name:"#9999"', first: 5 });
  });

  it('Shopify: lists by email only (no phone search), escapes quotes', async () => {
    const adapter = new ShopifyOrders({ baseUrl: shopify.url, apiVersion: '2025-10', accessToken: 'shpat_test' });
    const orders = await adapter.listForContact({ emails: ['amelie.durand@example.com'], phones: ['+15017122661'] }, 10);
    expect(orders.map((o) => o.number)).toEqual(['1001', '1003']);
    expect(await adapter.listForContact({ emails: [], phones: ['+15017122661'] }, 10)).toEqual([]);
    await adapter.listForContact({ emails: ['a"b@example.com'], phones: [] }, 10);
    expect(JSON.parse(shopify.requests.at(-1)!.body).variables.query).toBe('email:"a\\"b@example.com"');
  });

  it('Shopify: a bad token is "unavailable", never "not found"', async () => {
    const adapter = new ShopifyOrders({ baseUrl: shopify.url, apiVersion: '2025-10', accessToken: 'wrong' });
    await expect(adapter.findByNumber('1001')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('WooCommerce: search + exact number filter (2002 does not return 20021), Basic auth', async () => {
    const adapter = new WooOrders({ baseUrl: woo.url, consumerKey: 'ck_test', consumerSecret: 'cs_test' });
    expect(await adapter.findByNumber('2002')).toMatchObject({ number: '2002', status: 'paid', email: 'jane.roe@example.com' });
    expect(await adapter.findByNumber('2003')).toBeNull();
    const last = new URL(woo.requests.at(-1)!.url, 'http://x');
    expect(last.pathname).toBe('/wp-json/wc/v3/orders');
    expect(last.searchParams.get('search')).toBe('2003');
    expect(woo.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`);
  });

  it('WooCommerce: a contact\'s orders by email, exact matches only, newest first', async () => {
    const adapter = new WooOrders({ baseUrl: woo.url, consumerKey: 'ck_test', consumerSecret: 'cs_test' });
    const orders = await adapter.listForContact({ emails: ['jane.roe@example.com'], phones: [] }, 10);
    expect(orders.map((o) => [o.number, o.status])).toEqual([['20021', 'refunded'], ['2002', 'paid']]);
    await expect(new WooOrders({ baseUrl: woo.url, consumerKey: 'ck_test', consumerSecret: 'nope' }).findByNumber('2001')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
