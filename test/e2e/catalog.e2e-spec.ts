import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { addAgent, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';

const IMG = (slug: string) => `https://images.maison-demo.example/${slug}.jpg`;
const PAGE = (slug: string) => `https://shop.maison-demo.example/p/${slug}`;
const product = (sku: string, title: string, extra: Record<string, unknown> = {}) => ({ sku, title, price: { amount: '450.00', currency: 'EUR' }, ...extra });

describe('catalog: products, search, imports, allow-listed links, cards and short links', () => {
  let hub: TestHub;
  let brand: Brand;
  const sockets: Socket[] = [];
  const base = () => `/api/v1/accounts/${brand.accountId}`;
  const admin = () => ({ Authorization: `Bearer ${brand.admin.token}` });
  const search = async (q: string) => (await hub.http().get(`${base()}/products`).query({ q }).set(admin()).expect(200)).body as { data: { sku: string }[]; nextCursor: string | null };
  const skus = async (q: string) => (await search(q)).data.map((p) => p.sku).sort();

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Catalog');
    await hub.http().put(`${base()}/commerce-settings`).set(admin()).send({ allowedLinkHosts: ['images.maison-demo.example', 'shop.maison-demo.example'] }).expect(200);
    const seed = [
      product('BAG-KELLY-28', 'Kelly 28 bag — Gold', { description: 'Togo calfskin, gold hardware', imageUrl: IMG('kelly'), url: PAGE('kelly'), stock: 2, variants: [{ sku: 'BAG-KELLY-28-PHW', title: 'Palladium hardware', attributes: { hardware: 'palladium' } }] }),
      product('SCARF-SILK-90', 'Silk twill scarf 90 — Midnight', { description: '真丝斜纹丝巾，午夜蓝', imageUrl: IMG('scarf'), url: PAGE('scarf') }),
      product('SCARF-CASHMERE', 'Cashmere stole', { description: 'Cashmere and silk. 羊绒披肩' }),
      product('RING-CHAINE', 'Chaîne ring — Silver', { description: 'Sterling silver rings in a chain design', attributes: { material: 'silver' } }),
    ];
    const res = await hub.http().post(`${base()}/products/import`).set(admin()).send(seed).expect(200);
    expect(res.body).toEqual({ created: 4, updated: 0 });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await hub.close();
  });

  it('CRUD with money as decimal strings; duplicates and bad fields are 400/409; members read but do not write', async () => {
    const created = await hub.http().post(`${base()}/products`).set(admin()).send(product('WALLET-1', 'Compact wallet', { price: { amount: 720, currency: 'EUR' }, stock: 9 })).expect(201);
    expect(created.body).toMatchObject({ sku: 'WALLET-1', price: { amount: '720.00', currency: 'EUR' }, stock: 9, imageUrl: null, variants: [] });
    const id = created.body.id as string;
    const patched = await hub.http().patch(`${base()}/products/${id}`).set(admin()).send({ stock: 3, price: { amount: '699.5', currency: 'EUR' } }).expect(200);
    expect(patched.body).toMatchObject({ sku: 'WALLET-1', title: 'Compact wallet', stock: 3, price: { amount: '699.50', currency: 'EUR' } });
    expect((await hub.http().get(`${base()}/products/${id}`).set(admin()).expect(200)).body.stock).toBe(3);
    const dup = await hub.http().post(`${base()}/products`).set(admin()).send(product('WALLET-1', 'Again')).expect(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    const bad = await hub.http().post(`${base()}/products`).set(admin()).send({ sku: 'X', price: { amount: '-1', currency: 'euro' }, stock: 1.5, colour: 'red' }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'price.amount', 'price.currency', 'stock', 'title']);

    const member = await addAgent(hub, brand);
    const asMember = { Authorization: `Bearer ${member.token}` };
    await hub.http().get(`${base()}/products/${id}`).set(asMember).expect(200);
    await hub.http().patch(`${base()}/products/${id}`).set(asMember).send({ stock: 0 }).expect(403);
    await hub.http().delete(`${base()}/products/${id}`).set(admin()).expect(204);
    await hub.http().get(`${base()}/products/${id}`).set(admin()).expect(404);
  });

  it('searches English words (stemmed), prefixes, SKUs and Chinese text', async () => {
    expect(await skus('kelly bag')).toEqual(['BAG-KELLY-28']);
    expect(await skus('bags')).toEqual(['BAG-KELLY-28']);
    expect(await skus('kel')).toEqual(['BAG-KELLY-28']);
    expect(await skus('silk scar')).toEqual(['SCARF-CASHMERE', 'SCARF-SILK-90']);
    expect(await skus('ring')).toEqual(['RING-CHAINE']);
    expect(await skus('SCARF-SILK-90')).toEqual(['SCARF-SILK-90']);
    expect(await skus('丝巾')).toEqual(['SCARF-SILK-90']);
    expect(await skus('羊绒')).toEqual(['SCARF-CASHMERE']);
    expect(await skus('100%_')).toEqual([]);
    expect(await skus('nothing like this')).toEqual([]);
    const first = await hub.http().get(`${base()}/products`).query({ limit: 2 }).set(admin()).expect(200);
    expect(first.body.data).toHaveLength(2);
    const next = await hub.http().get(`${base()}/products`).query({ limit: 2, cursor: first.body.nextCursor }).set(admin()).expect(200);
    expect(next.body.data).toHaveLength(2);
    expect(new Set([...first.body.data, ...next.body.data].map((p: { id: string }) => p.id)).size).toBe(4);
    await hub.http().get(`${base()}/products`).query({ q: 'silk', cursor: 'garbage' }).set(admin()).expect(400);
  });

  it('imports validate every row: a bad row refuses the whole file with row numbers; CSV works the same', async () => {
    const before = await hub.query<{ n: string }>('SELECT count(*) AS n FROM product WHERE account_id = $1', [brand.accountId]);
    const rows = [product('OK-1', 'Fine'), product('OK-2', '', { price: { amount: 'abc', currency: 'EUR' } }), product('OK-1', 'Repeated SKU'), product('OK-4', 'Bad link', { url: 'https://evil.example/x' })];
    const res = await hub.http().post(`${base()}/products/import`).set(admin()).send(rows).expect(400);
    expect(res.body.error.message).toContain('3 invalid row(s), nothing was stored');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['row 2.title', 'row 2.price.amount', 'row 3.sku', 'row 4.url']);
    const after = await hub.query<{ n: string }>('SELECT count(*) AS n FROM product WHERE account_id = $1', [brand.accountId]);
    expect(after[0]!.n).toBe(before[0]!.n);

    const csv = [
      'sku,title,description,price,currency,stock,image_url,url',
      `CSV-1,"Evening clutch, Noir","Satin, with a ""chain""",1150.00,EUR,4,${IMG('clutch')},${PAGE('clutch')}`,
      'CSV-2,Pearl necklace,珍珠项链,1290,EUR,,,',
      'RING-CHAINE,Chaîne ring — Silver,Updated by CSV,540,EUR,6,,',
    ].join('\r\n');
    const ok = await hub.http().post(`${base()}/products/import`).set(admin()).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(ok.body).toEqual({ created: 2, updated: 1 });
    const [clutch] = (await search('clutch')).data as unknown as { title: string; description: string; stock: number; price: object }[];
    expect(clutch).toMatchObject({ title: 'Evening clutch, Noir', description: 'Satin, with a "chain"', stock: 4, price: { amount: '1150.00', currency: 'EUR' } });
    expect(await skus('珍珠')).toEqual(['CSV-2']);

    const badCsv = 'sku,title,price,currency,colour\nA,B,1,EUR,red';
    const header = await hub.http().post(`${base()}/products/import`).set(admin()).set('Content-Type', 'text/csv').send(badCsv).expect(400);
    expect(header.body.error.details[0].messages[0]).toContain('unknown column "colour"');
    const badRow = await hub.http().post(`${base()}/products/import`).set(admin()).set('Content-Type', 'text/csv').send('sku,title,price,currency\nN-1,New,12,EUR\nN-2,Other,twelve,EUR').expect(400);
    expect(badRow.body.error.details).toEqual([{ field: 'row 2 (line 3).price.amount', messages: [expect.stringContaining('decimal')] }]);
    expect(await skus('New')).toEqual([]);
  });

  it('refuses product links and images on hosts the brand did not allow; validates the allow-list itself', async () => {
    const res = await hub.http().post(`${base()}/products`).set(admin()).send(product('EVIL-1', 'Phish', { url: 'https://evil.example/pay', imageUrl: 'javascript:alert(1)' })).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['imageUrl', 'url']);
    expect(res.body.error.details.find((d: { field: string }) => d.field === 'url').messages[0]).toContain('evil.example is not an allowed link host');
    await hub.http().post(`${base()}/products`).set(admin()).send(product('EVIL-2', 'Look-alike', { url: 'https://shop.maison-demo.example.evil.example/' })).expect(400);
    await hub.http().post(`${base()}/products`).set(admin()).send(product('EVIL-3', 'Userinfo', { url: 'https://shop.maison-demo.example@evil.example/' })).expect(400);
    const bad = await hub.http().put(`${base()}/commerce-settings`).set(admin()).send({ allowedLinkHosts: ['https://shop.example/path', 'ok.example'] }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['allowedLinkHosts[0]']);
    expect((await hub.http().get(`${base()}/commerce-settings`).set(admin()).expect(200)).body.allowedLinkHosts).toEqual(['images.maison-demo.example', 'shop.maison-demo.example']);
  });

  it('builds a ready product card with a counted short link; /s/:code redirects only stored codes', async () => {
    const [kelly] = (await search('kelly')).data as unknown as { id: string }[];
    const card = await hub.http().post(`${base()}/products/${kelly!.id}/card`).set(admin()).expect(200);
    expect(card.body).toMatchObject({ type: 'product_card', productId: kelly!.id, title: 'Kelly 28 bag — Gold', price: { amount: '450.00', currency: 'EUR' }, imageUrl: IMG('kelly') });
    const short = card.body.url as string;
    expect(short).toMatch(new RegExp(`^${hub.url}/s/[A-Za-z0-9]{8}$`));
    // The same product's link is reused, so its clicks add up.
    expect((await hub.http().post(`${base()}/products/${kelly!.id}/card`).set(admin()).expect(200)).body.url).toBe(short);
    const code = short.split('/').at(-1)!;
    for (let i = 0; i < 2; i++) {
      const hop = await hub.http().get(`/s/${code}`).expect(302);
      expect(hop.headers.location).toBe(PAGE('kelly'));
    }
    expect((await hub.query<{ clicks: string }>('SELECT clicks FROM short_link WHERE code = $1', [code]))[0]!.clicks).toBe('2');
    await hub.http().get('/s/notACode1').expect(404);
    await hub.http().get(`/s/${encodeURIComponent('https://evil.example')}`).expect(404);
  });

  it('an agent sends a card by productId alone; web chat receives the filled product_card', async () => {
    const [scarf] = (await search('丝巾')).data as unknown as { id: string }[];
    const inbox = await createWebchatInbox(hub, brand);
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    sockets.push(v);
    await nextEvent(v, 'session');
    const first = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'Hello' } });
    const received = nextEvent(v, 'message.created', (m) => m.direction === 'out');
    const sent = await hub.http().post(`${base()}/conversations/${first.message.conversationId}/messages`).set(admin()).send({ content: { type: 'product_card', productId: scarf!.id } }).expect(201);
    expect(sent.body.content).toMatchObject({ type: 'product_card', title: 'Silk twill scarf 90 — Midnight', imageUrl: IMG('scarf'), url: expect.stringMatching(/\/s\/[A-Za-z0-9]{8}$/) });
    expect((await received).content).toMatchObject({ type: 'product_card', productId: scarf!.id, title: 'Silk twill scarf 90 — Midnight', price: { amount: '450.00', currency: 'EUR' } });
    const unknown = await hub.http().post(`${base()}/conversations/${first.message.conversationId}/messages`).set(admin()).send({ content: { type: 'product_card', productId: randomUUID() } }).expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('the bot answers "do you have the Kelly bag?" with a product card', async () => {
    const inbox = await createWebchatInbox(hub, brand);
    await hub.http().put(`${base()}/inboxes/${inbox.id}/automation`).set(admin()).send({ locales: ['en', 'zh-CN'], intents: { enabled: true } }).expect(200);
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    sockets.push(v);
    await nextEvent(v, 'session');
    const card = nextEvent(v, 'message.created', (m) => m.sender.type === 'bot' && m.content.type === 'product_card', 5000);
    await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'Do you have the Kelly bag?' } });
    expect((await card).content).toMatchObject({ type: 'product_card', title: 'Kelly 28 bag — Gold', url: expect.stringContaining('/s/') });
  });

  it('keeps brands apart: another brand gets 404 for every product route and sees none in search', async () => {
    const [kelly] = (await search('kelly')).data as unknown as { id: string }[];
    const other = await createBrand(hub, 'Other Brand');
    const theirs = { Authorization: `Bearer ${other.admin.token}` };
    const root = `/api/v1/accounts/${other.accountId}`;
    await hub.http().get(`${root}/products/${kelly!.id}`).set(theirs).expect(404);
    await hub.http().patch(`${root}/products/${kelly!.id}`).set(theirs).send({ stock: 0 }).expect(404);
    await hub.http().delete(`${root}/products/${kelly!.id}`).set(theirs).expect(404);
    await hub.http().post(`${root}/products/${kelly!.id}/card`).set(theirs).expect(404);
    expect((await hub.http().get(`${root}/products`).query({ q: 'kelly' }).set(theirs).expect(200)).body.data).toEqual([]);
    await hub.http().get(`${base()}/products/${kelly!.id}`).set(theirs).expect(404);
  });
});
