import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock, FixedClock } from '@concierge/common';
import type { MessageView } from '@concierge/contracts';
import { BuiltInStore } from '@concierge/commerce';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { createBrand, createWebchatInbox, visitorSocket, type Brand } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';

const wa = CASES.find((c) => c.type === 'whatsapp_cloud')!;
const sms = CASES.find((c) => c.type === 'twilio_sms')!;

/** Checkout links per store and order updates posted back into the customer's conversation. */
describe('checkout links and order updates', () => {
  let w: ChannelWorld;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
  const products: Record<string, string> = {};
  const base = () => `/api/v1/accounts/${w.brand.accountId}`;
  const auth = (b: Brand = w.brand) => ({ Authorization: `Bearer ${b.admin.token}` });
  const botCards = (conversationId: string) =>
    w.hub.query<{ content: { type: string; orderNumber?: string; status?: string; name?: string } }>(
      `SELECT content FROM message WHERE conversation_id = $1 AND sender_type = 'bot' ORDER BY seq`, [conversationId],
    ).then((r) => r.map((x) => x.content));
  const product = async (brand: Brand, body: Record<string, unknown>) =>
    (await w.hub.http().post(`/api/v1/accounts/${brand.accountId}/products`).set(auth(brand)).send({ description: 'Made in Lyon.', ...body }).expect(201)).body.id as string;

  beforeAll(async () => {
    w = await channelWorld();
    Object.assign(w.hub.app.get(Clock), { now: () => clock.now() });
    await w.hub.app.get(BuiltInStore).seed(w.brand.accountId, []);
    await w.hub.http().put(`${base()}/commerce-settings`).set(auth()).send({ allowedLinkHosts: ['*.maison-demo.example'] }).expect(200);
    products.scarf = await product(w.brand, { sku: 'SCARF-90', title: 'Silk scarf', price: { amount: '129.00', currency: 'EUR' }, stock: 3, imageUrl: 'https://images.maison-demo.example/scarf.jpg' });
    products.tote = await product(w.brand, {
      sku: 'TOTE', title: 'Leather tote', price: { amount: '560.00', currency: 'EUR' },
      variants: [{ sku: 'TOTE-BLK', title: 'Black', attributes: { colour: 'black' }, price: { amount: '580.50', currency: 'EUR' }, stock: 1 }],
    });
    products.usd = await product(w.brand, { sku: 'CAP-US', title: 'Cap', price: { amount: '40.00', currency: 'USD' } });
  }, 30_000);

  afterAll(async () => {
    await w?.close();
  });

  it('refuses a bad basket with every problem listed, and sends nothing', async () => {
    const conv = await w.inbound(wa, 'I would like to order');
    const url = `${base()}/conversations/${conv.conversationId}/checkout`;
    expect((await w.hub.http().post(url).set(auth()).send({ items: [] }).expect(400)).body.error.details[0].field).toBe('items');
    const bad = await w.hub.http().post(url).set(auth()).send({
      items: [{ productId: products.scarf, quantity: 4 }, { productId: products.tote, variantSku: 'TOTE-RED' }, { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, { productId: products.usd, quantity: 0 }],
    }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['items[3].quantity']);
    const stock = await w.hub.http().post(url).set(auth()).send({
      items: [{ productId: products.scarf, quantity: 4 }, { productId: products.tote, variantSku: 'TOTE-RED' }, { productId: '00000000-0000-4000-8000-000000000000' }, { productId: products.usd }],
    }).expect(400);
    expect(stock.body.error.details).toEqual([
      { field: 'items[0].quantity', messages: ['items[0].quantity: only 3 of Silk scarf in stock'] },
      { field: 'items[1].variantSku', messages: ['items[1].variantSku: Leather tote has no variant TOTE-RED'] },
      { field: 'items[2].productId', messages: ['items[2].productId: no such product in the catalog'] },
    ]);
    const mixed = await w.hub.http().post(url).set(auth()).send({ items: [{ productId: products.scarf }, { productId: products.usd }] }).expect(400);
    expect(mixed.body.error.details[0].messages[0]).toContain('one currency');
    expect(await w.hub.query(`SELECT id FROM store_order WHERE account_id = $1`, [w.brand.accountId])).toEqual([]);
  });

  it('built-in store: a pending order with a pay link; paying posts the update once; the link expires', async () => {
    const conv = await w.inbound(wa, 'Can I have the scarf and the black tote?');
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === conv.conversationId && m.content.type === 'link_button' && m.status !== 'queued', 10_000);
    const res = await w.hub.http().post(`${base()}/conversations/${conv.conversationId}/checkout`).set(auth())
      .send({ items: [{ productId: products.scarf, quantity: 2 }, { productId: products.tote, variantSku: 'TOTE-BLK' }] }).expect(201);
    expect(res.body).toMatchObject({ provider: 'builtin', orderNumber: '1001', total: { amount: '838.50', currency: 'EUR' } });
    expect(res.body.url).toMatch(new RegExp(`^${w.hub.url}/pay/[A-Za-z0-9_-]{32}$`));
    expect(res.body.message.content).toMatchObject({ type: 'link_button', buttonText: 'Pay now', text: 'Your basket: 2 x Silk scarf, 1 x Leather tote (Black) - EUR 838.50', footer: 'Order #1001' });
    await delivered;
    // WhatsApp gets the Cloud API's cta_url button with the pay link.
    const request = w.sandbox.store.outbox.filter((o) => o.line === wa.lineKey).at(-1)!.request as Record<string, any>;
    expect(request).toMatchObject({ type: 'interactive', interactive: { type: 'cta_url', action: { parameters: { url: res.body.url } } } });
    const [order] = await w.hub.query<{ status: string; customer_phone: string; conversation_id: string; pay_token_hash: string }>(`SELECT * FROM store_order WHERE number = '1001' AND account_id = $1`, [w.brand.accountId]);
    expect(order).toMatchObject({ status: 'pending', customer_phone: wa.customer, conversation_id: conv.conversationId });
    expect(res.body.url).not.toContain(order!.pay_token_hash);

    const path = new URL(res.body.url).pathname;
    const page = await w.hub.http().get(path).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('2 × Silk scarf');
    expect(page.text).toContain('EUR 838.50');
    expect(page.text).not.toContain(wa.customer);
    const paidCard = nextEvent<MessageView>(w.agent, 'message.created', (m) => m.conversationId === conv.conversationId && m.content.type === 'order_summary', 10_000);
    await w.hub.http().post(path).expect(303);
    expect((await paidCard).content).toMatchObject({ type: 'order_summary', orderNumber: '1001', status: 'paid' });
    expect((await paidCard).sender).toMatchObject({ type: 'bot', name: 'Order updates' });
    await w.hub.http().post(path).expect(303);
    expect((await w.hub.http().get(path).expect(200)).text).toContain('Paid');
    expect((await botCards(conv.conversationId)).filter((c) => c.type === 'order_summary')).toHaveLength(1);

    // An admin ships it: the customer gets the tracking link; repeating the change posts nothing more.
    const ship = { status: 'shipped', trackingUrl: 'https://track.example/6A999', trackingCarrier: 'Colissimo' };
    expect((await w.hub.http().patch(`${base()}/store/orders/1001`).set(auth()).send(ship).expect(200)).body.update).toBe('sent');
    expect((await w.hub.http().patch(`${base()}/store/orders/1001`).set(auth()).send(ship).expect(200)).body.update).toBe('duplicate');
    expect((await w.hub.http().patch(`${base()}/store/orders/1001`).set(auth()).send({ status: 'lost', trackingUrl: 'javascript:alert(1)' }).expect(400)).body.error.details.map((d: { field: string }) => d.field)).toEqual(['status', 'trackingUrl']);

    // A second basket's link dies after seven days (410), an unknown one is 404.
    const later = await w.hub.http().post(`${base()}/conversations/${conv.conversationId}/checkout`).set(auth()).send({ items: [{ productId: products.scarf }] }).expect(201);
    clock.advance(8 * 24 * 3600_000);
    await w.hub.http().get(new URL(later.body.url).pathname).expect(410);
    await w.hub.http().post(new URL(later.body.url).pathname).expect(410);
    await w.hub.http().get('/pay/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
  });

  it('order updates respect the channel: a template outside the WhatsApp window, nothing to an opted-out SMS customer', async () => {
    // Eight days passed in the previous test: the WhatsApp window is closed.
    await w.hub.http().put(`${base()}/commerce-settings`).set(auth()).send({ orderUpdateTemplate: { name: 'order_update', language: 'en_US' } }).expect(200);
    expect((await w.hub.http().patch(`${base()}/store/orders/1001`).set(auth()).send({ status: 'delivered' }).expect(200)).body.update).toBe('template');
    await w.sandbox.idle();
    const cards = await w.hub.query<{ content: { type: string; name?: string; variables?: Record<string, string> } }>(
      `SELECT content FROM message WHERE sender_type = 'bot' AND account_id = $1 AND content->>'type' = 'template'`, [w.brand.accountId]);
    expect(cards.at(-1)!.content).toMatchObject({ name: 'order_update', variables: { '1': '1001', '2': 'Delivered' } });

    await w.hub.app.get(BuiltInStore).seed(w.brand.accountId, [{ number: '2001', customerPhone: sms.customer, status: 'paid', items: [{ title: 'Velvet gloves', quantity: 1 }], total: { amount: '75.00', currency: 'EUR' } }]);
    await w.inbound(sms, 'STOP');
    expect((await w.hub.http().patch(`${base()}/store/orders/2001`).set(auth()).send({ status: 'shipped' }).expect(200)).body.update).toBe('refused');
    // Nobody to tell: an order whose phone never wrote to the brand.
    await w.hub.app.get(BuiltInStore).seed(w.brand.accountId, [{ number: '2002', customerPhone: '+33612345678', status: 'paid', items: [], total: { amount: '1.00', currency: 'EUR' } }]);
    expect((await w.hub.http().patch(`${base()}/store/orders/2002`).set(auth()).send({ status: 'shipped' }).expect(200)).body.update).toBe('no_conversation');
  });

  it('Shopify: a cart permalink through a counted short link; signed order webhooks post updates to that conversation', async () => {
    const brand = await createBrand(w.hub, 'Shopify Maison');
    const inbox = await createWebchatInbox(w.hub, brand);
    const secret = 'whsec_shopify_e2e_0123456789';
    const store = `/api/v1/accounts/${brand.accountId}/store`;
    expect((await w.hub.http().put(store).set(auth(brand)).send({ provider: 'shopify', baseUrl: 'http://127.0.0.1:9', accessToken: 'shpat_x', webhookSecret: 'short' }).expect(400)).body.error.details[0].field).toBe('webhookSecret');
    const view = await w.hub.http().put(store).set(auth(brand)).send({ provider: 'shopify', baseUrl: 'http://127.0.0.1:9', accessToken: 'shpat_x', webhookSecret: secret }).expect(200);
    expect(view.body).toMatchObject({ secrets: { accessToken: true, webhookSecret: true }, webhookUrl: `${w.hub.url}/webhooks/store/${brand.accountId}/orders` });
    const scarf = await product(brand, { sku: 'S1', title: 'Silk scarf', price: { amount: '129.00', currency: 'EUR' }, retailerId: 'shopify_FR_8123_44001' });
    const visitor = visitorSocket(w.hub, { websiteToken: inbox.websiteToken });
    await nextEvent(visitor, 'session');
    const sent = await emitAck<{ message: { conversationId: string } }>(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'I will take two scarves' } });
    const conversationId = sent.message.conversationId;
    const linkShown = nextEvent<MessageView>(visitor, 'message.created', (m) => m.content.type === 'link_button', 10_000);
    const url = `/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/checkout`;
    const refused = await w.hub.http().post(url).set(auth(brand)).send({ items: [{ productId: scarf, quantity: 2 }] }).expect(400);
    expect(refused.body.error.details[0].messages[0]).toContain("127.0.0.1 is not in the brand's allowed link hosts");
    await w.hub.http().put(`/api/v1/accounts/${brand.accountId}/commerce-settings`).set(auth(brand)).send({ allowedLinkHosts: ['127.0.0.1'] }).expect(200);
    const res = await w.hub.http().post(url).set(auth(brand)).send({ items: [{ productId: scarf, quantity: 2 }] }).expect(201);
    expect(res.body).toMatchObject({ provider: 'shopify', orderNumber: null, message: { content: { type: 'link_button', buttonText: 'Checkout' } } });
    expect((await linkShown).content).toMatchObject({ type: 'link_button', url: res.body.url, buttonText: 'Checkout' });
    visitor.disconnect();
    const follow = await w.hub.http().get(new URL(res.body.url).pathname).expect(302);
    const target = new URL(follow.headers.location!);
    expect(target.pathname).toBe('/cart/44001:2');
    expect(target.searchParams.get('attributes[concierge_conversation]')).toBe(conversationId);

    const order = {
      id: 5551234, admin_graphql_api_id: 'gid://shopify/Order/5551234', name: '#1042', email: 'someone@example.com', phone: null,
      financial_status: 'paid', fulfillment_status: null, cancelled_at: null, currency: 'EUR', total_price: '258.00',
      created_at: '2026-03-10T10:00:00+01:00', updated_at: '2026-03-10T10:05:00+01:00',
      note_attributes: [{ name: 'concierge_conversation', value: conversationId }], line_items: [{ title: 'Silk scarf', quantity: 2 }], fulfillments: [],
    };
    const post = (body: object, sign = secret, topic = 'orders/paid') => {
      const raw = JSON.stringify(body);
      return w.hub.http().post(`/webhooks/store/${brand.accountId}/orders`).set('Content-Type', 'application/json')
        .set('X-Shopify-Topic', topic).set('X-Shopify-Hmac-Sha256', createHmac('sha256', sign).update(raw).digest('base64')).send(raw);
    };
    await post(order, 'wrong-secret-0123456789').expect(401);
    expect((await post(order).expect(200)).body).toEqual({ handled: true, order: '1042', outcome: 'sent' });
    expect((await post(order).expect(200)).body.outcome).toBe('duplicate');
    const shipped = { ...order, fulfillment_status: 'fulfilled', fulfillments: [{ status: 'success', shipment_status: 'in_transit', tracking_company: 'DHL', tracking_url: 'https://track.example/DHL1' }] };
    expect((await post(shipped, secret, 'orders/fulfilled').expect(200)).body.outcome).toBe('sent');
    expect((await post(order, secret, 'products/update').expect(200)).body).toEqual({ handled: false, reason: 'ignored_topic' });
    const updates = (await botCards(conversationId)).filter((c) => c.type === 'order_summary');
    expect(updates.map((c) => [c.orderNumber, c.status])).toEqual([['1042', 'paid'], ['1042', 'shipped']]);
  });

  it('WooCommerce: the activation ping is accepted; order webhooks reach the customer by phone', async () => {
    const brand = await createBrand(w.hub, 'Woo Maison');
    const secret = 'woo_webhook_secret_e2e_0123';
    await w.hub.http().put(`/api/v1/accounts/${brand.accountId}/store`).set(auth(brand)).send({ provider: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck', consumerSecret: 'cs', webhookSecret: secret }).expect(200);
    const sign = (raw: string) => createHmac('sha256', secret).update(raw).digest('base64');
    const ping = 'webhook_id=17';
    expect((await w.hub.http().post(`/webhooks/store/${brand.accountId}/orders`).set('Content-Type', 'application/x-www-form-urlencoded').set('X-WC-Webhook-Signature', sign(ping)).send(ping).expect(200)).body).toEqual({ handled: false, reason: 'ping' });
    await w.hub.http().post(`/webhooks/store/${brand.accountId}/orders`).set('Content-Type', 'application/x-www-form-urlencoded').send(ping).expect(401);
    const raw = JSON.stringify({ id: 727, number: '727', status: 'completed', currency: 'EUR', total: '75.00', date_created_gmt: '2026-03-01T10:00:00', date_modified_gmt: '2026-03-03T09:00:00', billing: { phone: '+33 6 98 76 54 32' }, line_items: [{ name: 'Gloves', quantity: 1 }] });
    expect((await w.hub.http().post(`/webhooks/store/${brand.accountId}/orders`).set('Content-Type', 'application/json').set('X-WC-Webhook-Topic', 'order.updated').set('X-WC-Webhook-Signature', sign(raw)).send(raw).expect(200)).body)
      .toEqual({ handled: true, order: '727', outcome: 'no_conversation' });
    // The built-in store has no webhooks; unknown accounts are 404.
    await w.hub.http().post(`/webhooks/store/${w.brand.accountId}/orders`).send({}).expect(404);
    await w.hub.http().post('/webhooks/store/not-an-id/orders').send({}).expect(404);
  });
});
