import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AutomationListener, OrderLookupPort } from '@concierge/automation';
import { Clock, FixedClock } from '@concierge/common';
import { identifierHash } from '@concierge/channels-webchat';
import { BuiltInStore, OrdersService, type BuiltInOrderInput } from '@concierge/commerce';
import type { MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { startFakeShopify, startFakeWoo, type FakeStore } from '../../libs/commerce/src/orders/__fixtures__/fake-stores.js';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { createBrand, createWebchatInbox, visitorSocket } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';

const wa = CASES.find((c) => c.type === 'whatsapp_cloud')!; // customer +15017122661
const sms = CASES.find((c) => c.type === 'twilio_sms')!; // customer +16175550123
const twa = CASES.find((c) => c.type === 'twilio_whatsapp')!; // customer +12125550199

const ORDERS: BuiltInOrderInput[] = [
  {
    number: '1001', customerEmail: 'amelie.durand@example.com', customerPhone: wa.customer, status: 'shipped',
    items: [{ title: 'Silk scarf', quantity: 1 }], total: { amount: '129.00', currency: 'EUR' }, trackingUrl: 'https://track.example/6A12345678901', trackingCarrier: 'Colissimo',
  },
  {
    number: '1002', customerEmail: 'lea.martin@example.com', customerPhone: '+33612345678', status: 'paid',
    items: [{ title: 'Leather tote', quantity: 1 }], total: { amount: '560.00', currency: 'EUR' },
  },
  { number: '1004', customerEmail: 'sms.customer@example.com', customerPhone: sms.customer, status: 'packed', items: [{ title: 'Velvet gloves', quantity: 1 }], total: { amount: '75.00', currency: 'EUR' } },
  { number: '1005', customerEmail: null, customerPhone: twa.customer, status: 'delivered', items: [{ title: 'Wool coat', quantity: 1 }], total: { amount: '890.00', currency: 'EUR' } },
];
const SECRETS = /Leather tote|560\.00|lea\.martin|33612345678|Velvet gloves|75\.00|sms\.customer/;

/** Order lookup through the real hub: built-in store, ownership proof, one-time codes, enumeration, Shopify and WooCommerce fakes. */
describe('orders end to end', () => {
  let w: ChannelWorld;
  let listener: AutomationListener;
  let shopify: FakeStore;
  let woo: FakeStore;
  const sockets: Socket[] = [];
  // Automatic replies are at least 5 s apart (loop guard): the test moves the hub's clock instead of sleeping.
  const clock = new FixedClock(new Date('2026-01-12T10:00:00Z'));
  const later = () => clock.advance(60_000);
  const admin = () => ({ Authorization: `Bearer ${w.brand.admin.token}` });
  const base = () => `/api/v1/accounts/${w.brand.accountId}`;
  const botTexts = (conversationId: string) =>
    w.hub.query<{ text: string | null }>(`SELECT content->>'text' AS text FROM message WHERE conversation_id = $1 AND sender_type = 'bot' ORDER BY seq`, [conversationId]).then((r) => r.map((x) => x.text));
  const botCards = (conversationId: string) =>
    w.hub.query<{ content: { type: string; orderNumber?: string; status?: string; trackingUrl?: string } }>(`SELECT content FROM message WHERE conversation_id = $1 AND sender_type = 'bot' AND content->>'type' = 'order_summary' ORDER BY seq`, [conversationId]).then((r) => r.map((x) => x.content));
  const contactOf = async (conversationId: string) =>
    (await w.hub.query<{ id: string }>(`SELECT cc.contact_id AS id FROM conversation c JOIN contact_channel cc ON cc.id = c.contact_channel_id WHERE c.id = $1`, [conversationId]))[0]!.id;
  const enableIntents = (accountToken: string, accountId: string, inboxId: string) =>
    w.hub.http().put(`/api/v1/accounts/${accountId}/inboxes/${inboxId}/automation`).auth(accountToken, { type: 'bearer' }).send({ intents: { enabled: true } }).expect(200);
  const verifiedVisitor = async (websiteToken: string, secret: string, email: string) => {
    const v = visitorSocket(w.hub, { websiteToken, identifier: email, identifierHash: identifierHash(email, secret) });
    sockets.push(v);
    await nextEvent(v, 'session');
    return v;
  };
  const ask = async (v: Socket, text: string) => {
    later();
    const ack = await emitAck<{ ok: boolean; message: { conversationId: string } }>(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
    expect(ack.ok).toBe(true);
    await listener.idle();
    return ack.message.conversationId;
  };

  beforeAll(async () => {
    w = await channelWorld();
    listener = w.hub.app.get(AutomationListener);
    Object.assign(w.hub.app.get(Clock), { now: () => clock.now() });
    await w.hub.app.get(BuiltInStore).seed(w.brand.accountId, ORDERS);
    for (const c of [wa, sms, twa]) await enableIntents(w.brand.admin.token, w.brand.accountId, w.inboxes.get(c.type)!.id);
    shopify = await startFakeShopify({ accessToken: 'shpat_e2e' });
    woo = await startFakeWoo({ consumerKey: 'ck_e2e', consumerSecret: 'cs_e2e' });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await shopify?.close();
    await woo?.close();
    await w?.close();
  });

  it('web chat: a verified shopper asking for their own order gets its status and tracking link', async () => {
    const inbox = await createWebchatInbox(w.hub, w.brand);
    await enableIntents(w.brand.admin.token, w.brand.accountId, inbox.id);
    const v = await verifiedVisitor(inbox.websiteToken, inbox.identitySecret, 'Amelie.Durand@example.com');
    const reply = nextEvent<{ content: Record<string, unknown>; direction: string }>(v, 'message.created', (m) => m.direction === 'out', 10_000);
    const conversationId = await ask(v, 'where is my order 1001');
    // Web chat renders the order card itself; no address or e-mail travels in it.
    expect((await reply).content).toMatchObject({
      type: 'order_summary', orderNumber: '1001', status: 'shipped', statusLabel: 'Shipped', itemsSummary: '1 x Silk scarf',
      total: { amount: '129.00', currency: 'EUR' }, trackingUrl: 'https://track.example/6A12345678901',
    });
    expect(JSON.stringify((await reply).content)).not.toMatch(/@example\.com|\+1501/);
    expect(await botTexts(conversationId)).toHaveLength(1);

    // An anonymous visitor (nothing proven) asking the same gets the generic answer.
    const anon = visitorSocket(w.hub, { websiteToken: inbox.websiteToken });
    sockets.push(anon);
    await nextEvent(anon, 'session');
    const anonConv = await ask(anon, 'where is my order 1001');
    const texts = await botTexts(anonConv);
    expect(texts.join('\n')).toContain("I couldn't find order 1001 for you");
    expect(texts.join('\n')).not.toMatch(/Silk scarf|Shipped|track\.example/);
  });

  it("WhatsApp: the customer's own order by phone; someone else's order answers exactly like an unknown one", async () => {
    const inboxId = w.inboxes.get('whatsapp_cloud')!.id;
    later();
    const sent = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.sender.type === 'bot' && m.content.type === 'order_summary' && m.status !== 'queued', 10_000);
    const own = await w.inbound(wa, 'where is my order 1001');
    await listener.idle();
    expect((await botCards(own.conversationId)).at(-1)).toMatchObject({ type: 'order_summary', orderNumber: '1001', status: 'shipped' });
    // WhatsApp has no order card for a brand's own store: the customer reads it as one line of text.
    await sent;
    expect(JSON.stringify(w.sandbox.store.outbox.filter((o) => o.line === wa.lineKey).map((o) => o.request))).toContain('Order #1001: Shipped - 1 x Silk scarf, EUR 129.00. Track: https://track.example/6A12345678901');

    later();
    await w.inbound(wa, 'where is my order 1002');
    await listener.idle();
    later();
    await w.inbound(wa, 'where is my order 1999');
    await listener.idle();
    await w.sandbox.idle();
    const texts = await botTexts(own.conversationId);
    const other = texts.find((t) => t?.includes('1002'))!;
    const unknown = texts.find((t) => t?.includes('1999'))!;
    expect(other).toBe(unknown.replace('1999', '1002'));
    // Nothing about order 1002 anywhere: not in the hub's messages, not in what the provider was asked to send.
    const all = await w.hub.query<{ c: string }>(`SELECT content::text AS c FROM message WHERE account_id = $1`, [w.brand.accountId]);
    expect(all.map((r) => r.c).join('\n')).not.toMatch(SECRETS);
    expect(JSON.stringify(w.sandbox.store.outbox)).not.toMatch(SECRETS);
    // The owner of 1002 has no conversation with the brand: no code could be sent, none is kept.
    expect(await w.hub.query(`SELECT id FROM order_challenge WHERE order_number = '1002'`)).toEqual([]);
    expect(inboxId).toBeTruthy();
  });

  it("one-time code: goes to the order's own phone, never to the asker; the code unlocks the order for the asker", async () => {
    later();
    const smsConv = await w.inbound(sms, 'hello');
    await listener.idle();
    later();
    const asker = await w.inbound(wa, 'where is my order 1004');
    await listener.idle();
    await w.sandbox.idle();
    const codeMessage = (await botTexts(smsConv.conversationId)).find((t) => /verification code for order #1004/.test(t ?? ''))!;
    expect(codeMessage).toBeDefined();
    const code = codeMessage.match(/\b(\d{6})\b/)![1]!;
    expect((await botTexts(asker.conversationId)).join('\n')).not.toContain(code);
    const [row] = await w.hub.query<{ code_hash: string; attempts: number }>(`SELECT code_hash, attempts FROM order_challenge WHERE order_number = '1004'`);
    expect(row!.code_hash).not.toContain(code);

    // Asking again does not send a second code while the first is live.
    await w.hub.app.get(OrdersService).lookupForCustomer({ accountId: w.brand.accountId, contactId: await contactOf(asker.conversationId), orderRef: '1004', locale: 'en' });
    expect((await botTexts(smsConv.conversationId)).filter((t) => t?.includes('verification code'))).toHaveLength(1);

    // The asker types the code in their own conversation: a wrong one is refused, the right one unlocks the order.
    const contactId = await contactOf(asker.conversationId);
    const wrong = code === '000000' ? '111111' : '000000';
    later();
    await w.inbound(wa, wrong);
    await listener.idle();
    expect((await botTexts(asker.conversationId)).at(-1)).toBe("That code isn't right. Please check it and send it again.");
    expect((await botCards(asker.conversationId)).filter((c) => c.orderNumber === '1004')).toEqual([]);
    later();
    await w.inbound(wa, `code: ${code.slice(0, 3)} ${code.slice(3)}`);
    await listener.idle();
    expect((await botCards(asker.conversationId)).filter((c) => c.orderNumber === '1004')).toEqual([expect.objectContaining({ type: 'order_summary', status: 'packed' })]);
    const [used] = await w.hub.query<{ attempts: number; verified: boolean }>(`SELECT attempts, verified_at IS NOT NULL AS verified FROM order_challenge WHERE order_number = '1004'`);
    expect(used).toEqual({ attempts: 2, verified: true });
    // A used code proves nothing twice; six digits later are an ordinary message again.
    expect(await w.hub.app.get(OrdersService).verifyCode({ accountId: w.brand.accountId, contactId, code })).toEqual({ ok: false, reason: 'no_challenge' });
    const port = w.hub.app.get(OrderLookupPort);
    expect(await port.lookup({ accountId: w.brand.accountId, contactId, orderRef: '1004', locale: 'en' })).toMatchObject({ kind: 'found', orderId: '#1004', status: 'packed' });
  });

  it('enumeration: 20 rapid different numbers are rate limited and answered generically, even the own order afterwards', async () => {
    later();
    const first = await w.inbound(twa, 'hi there');
    await listener.idle();
    const contactId = await contactOf(first.conversationId);
    const port = w.hub.app.get(OrderLookupPort);
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await port.lookup({ accountId: w.brand.accountId, contactId, orderRef: String(1000 + i), locale: 'en' }));
    // 1001/1002/1004 exist but are someone else's: never "found", and after the limit no store call at all.
    expect(results.every((r) => r.kind === 'not_found' || r.kind === 'not_owner')).toBe(true);
    expect(results.slice(5).every((r) => r.kind === 'not_found')).toBe(true);
    expect(await port.lookup({ accountId: w.brand.accountId, contactId, orderRef: '1005', locale: 'en' })).toEqual({ kind: 'not_found' });
    // Through the channel, the customer's own order now gets the same generic text as any other.
    later();
    await w.inbound(twa, 'where is my order 1005');
    await listener.idle();
    const texts = await botTexts(first.conversationId);
    expect(texts.at(-1)).toContain("I couldn't find order 1005 for you");
    expect(texts.join('\n')).not.toMatch(/Wool coat|890/);
  });

  it('agents: the contact orders endpoint lists a contact\'s orders; other brands see nothing', async () => {
    later();
    const conv = await w.inbound(wa, 'thanks');
    const contactId = await contactOf(conv.conversationId);
    const res = await w.hub.http().get(`${base()}/contacts/${contactId}/orders`).set(admin()).expect(200);
    expect(res.body.data.map((o: { number: string; status: string }) => [o.number, o.status])).toEqual(expect.arrayContaining([['1001', 'shipped']]));
    expect(res.body.data[0]).toMatchObject({ statusLabel: expect.any(String), total: { currency: 'EUR' }, itemCount: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.com|\+1501/);

    const other = await createBrand(w.hub, 'Other Brand');
    await w.hub.http().get(`/api/v1/accounts/${other.accountId}/contacts/${contactId}/orders`).auth(other.admin.token, { type: 'bearer' }).expect(404);
    await w.hub.http().get(`${base()}/contacts/${contactId}/orders`).auth(other.admin.token, { type: 'bearer' }).expect(404);
    await w.hub.http().get(`${base()}/contacts/${contactId}/orders`).expect(401);
    // The other brand has no store connected: its order lookups are "unavailable", never this brand's orders.
    expect(await w.hub.app.get(OrderLookupPort).lookup({ accountId: other.accountId, contactId, orderRef: '1001', locale: 'en' })).toEqual({ kind: 'unavailable' });
  });

  it('Shopify: store settings keep the token write-only; a verified shopper gets the Shopify order through the bot', async () => {
    const brand = await createBrand(w.hub, 'Shopify Brand');
    const auth = { Authorization: `Bearer ${brand.admin.token}` };
    const url = `/api/v1/accounts/${brand.accountId}/store`;
    const bad = await w.hub.http().put(url).set(auth).send({ provider: 'shopify', baseUrl: 'ftp://x' }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['accessToken', 'baseUrl']);
    const put = await w.hub.http().put(url).set(auth).send({ provider: 'shopify', baseUrl: shopify.url, apiVersion: '2025-10', accessToken: 'shpat_e2e' }).expect(200);
    expect(put.body).toMatchObject({ provider: 'shopify', baseUrl: shopify.url, apiVersion: '2025-10', secrets: { accessToken: true } });
    expect(JSON.stringify((await w.hub.http().get(url).set(auth).expect(200)).body)).not.toContain('shpat_e2e');
    expect(JSON.stringify(await w.hub.query(`SELECT * FROM store_connection WHERE account_id = $1`, [brand.accountId]))).not.toContain('shpat_e2e');

    const inbox = await createWebchatInbox(w.hub, brand);
    await enableIntents(brand.admin.token, brand.accountId, inbox.id);
    const v = await verifiedVisitor(inbox.websiteToken, inbox.identitySecret, 'amelie.durand@example.com');
    const reply = nextEvent<{ content: Record<string, unknown>; direction: string }>(v, 'message.created', (m) => m.direction === 'out', 10_000);
    await ask(v, 'where is my order #1003');
    expect((await reply).content).toMatchObject({ type: 'order_summary', orderNumber: '1003', status: 'refunded', itemsSummary: '1 x Gift card', total: { amount: '59.9' } });
    expect(shopify.requests.at(-1)!.headers['x-shopify-access-token']).toBe('shpat_e2e');

    // Someone else's Shopify order: the generic answer.
    const reply2 = nextEvent<{ content: { text?: string }; direction: string }>(v, 'message.created', (m) => m.direction === 'out' && Boolean(m.content.text?.includes('1002')), 10_000);
    await ask(v, 'where is my order #1002');
    expect((await reply2).content.text).toContain("I couldn't find order 1002 for you");
  });

  it('WooCommerce: a contact\'s orders for agents from the REST v3 fake; a wrong key is a 503, not an empty list', async () => {
    const brand = await createBrand(w.hub, 'Woo Brand');
    const auth = { Authorization: `Bearer ${brand.admin.token}` };
    await w.hub.http().put(`/api/v1/accounts/${brand.accountId}/store`).set(auth).send({ provider: 'woocommerce', baseUrl: woo.url, consumerKey: 'ck_e2e', consumerSecret: 'cs_e2e' }).expect(200);
    const contact = await w.hub.http().post(`/api/v1/accounts/${brand.accountId}/contacts`).set(auth).send({ name: 'Jane Roe', email: 'jane.roe@example.com' }).expect(201);
    const res = await w.hub.http().get(`/api/v1/accounts/${brand.accountId}/contacts/${contact.body.id}/orders?locale=zh-CN`).set(auth).expect(200);
    expect(res.body.data.map((o: { number: string; statusLabel: string }) => [o.number, o.statusLabel])).toEqual([['20021', '已退款'], ['2002', '已付款，备货中']]);
    // An email an agent typed proves nothing to the bot: the customer-facing lookup does not reveal the order.
    const lookup = await w.hub.app.get(OrdersService).lookupForCustomer({ accountId: brand.accountId, contactId: contact.body.id, orderRef: '2002', locale: 'en' });
    expect(lookup.kind).toBe('not_owner');

    // Only the key changes; the secret is kept (same provider).
    await w.hub.http().put(`/api/v1/accounts/${brand.accountId}/store`).set(auth).send({ provider: 'woocommerce', baseUrl: woo.url, consumerKey: 'ck_wrong' }).expect(200);
    const down = await w.hub.http().get(`/api/v1/accounts/${brand.accountId}/contacts/${contact.body.id}/orders`).set(auth).expect(503);
    expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE');
  });
});
