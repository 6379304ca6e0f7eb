import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { identifierHash } from '@concierge/channels-webchat';
import { BuiltInStore } from '@concierge/commerce';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { addAgent, createBrand, createWebchatInbox, visitorSocket, type Brand } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';
import { recordBadInputs } from './report.js';

/**
 * Issue 9 part 5: one person writes on SMS, Twilio WhatsApp, WhatsApp Cloud (with a photo) and the web
 * chat (verified identity, with an upload); agents reply, mention each other, a second contact is merged
 * in, the built-in store has their order and a malformed webhook of theirs sits in quarantine. The export
 * must hold all of it; after the erasure no column of any table and no file under DATA_DIR holds their
 * phone, name, email or any message text, and replaying every old webhook stores nothing, while a new
 * message from the same number starts a new contact.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const [SMS, TWILIO_WA, CLOUD] = CASES as [(typeof CASES)[0], (typeof CASES)[0], (typeof CASES)[0]];

const tag = randomBytes(5).toString('hex');
const PHONE = `+1415555${String(1000 + (parseInt(tag.slice(0, 4), 16) % 9000))}`;
const DIGITS = PHONE.slice(1);
const NAME = `Zoé Privacy ${tag}`;
const EMAIL = `zoe.${tag}@example.test`;
const ALIAS = { name: `Alias Person ${tag}`, email: `alias.${tag}@example.test` };
const FILE_MARKER = `file-bytes-${tag}`;
const texts = {
  sms: `sms secret ${tag}`,
  twilioWa: `twilio wa secret ${tag}`,
  cloud: `cloud secret ${tag}`,
  caption: `photo caption ${tag}`,
  web: `web secret ${tag}`,
  reply: `reply secret ${tag}`,
  note: `note secret ${tag}`,
};

jest.setTimeout(60_000);

describe('privacy: export and erase a contact across channels', () => {
  let world: ChannelWorld;
  let brand: Brand;
  let other: Brand;
  let webchat: { id: string; websiteToken: string; identitySecret: string };
  let contactId: string;
  let smsConversation: string;
  const api = (path: string) => `/api/v1/accounts/${brand.accountId}${path}`;
  const auth = () => ({ type: 'bearer' as const });
  const get = (path: string, token = brand.admin.token) => world.hub.http().get(api(path)).auth(token, auth());
  const post = (path: string, body: object = {}, token = brand.admin.token) => world.hub.http().post(api(path)).auth(token, auth()).send(body);

  beforeAll(async () => {
    world = await channelWorld();
    brand = world.brand;
    other = await createBrand(world.hub, 'Other Brand');
    webchat = await createWebchatInbox(world.hub, brand);
  });
  afterAll(() => world?.close());

  it('seeds one person on every channel', async () => {
    const sms = await world.inbound(SMS, texts.sms, { from: PHONE, profileName: NAME });
    smsConversation = sms.conversationId;
    await world.inbound(TWILIO_WA, texts.twilioWa, { from: PHONE, profileName: NAME });
    await world.inbound(CLOUD, texts.cloud, { from: PHONE, profileName: NAME });
    const photo = nextEvent<MessageView>(world.agent, 'message.created', (m) => m.content.type === 'media' && m.inboxId === world.inboxes.get('whatsapp_cloud')!.id);
    await world.phoneSend(CLOUD, { from: PHONE, media: { mimeType: 'image/png', dataBase64: Buffer.concat([PNG, Buffer.from(FILE_MARKER)]).toString('base64'), filename: `receipt-${tag}.png` }, text: texts.caption });
    expect((await photo).content).toMatchObject({ type: 'media', attachmentId: expect.any(String) });

    // A reply that goes through the provider (statuses come back) and a note mentioning another admin.
    const reply = await world.reply(smsConversation, { type: 'text', text: texts.reply });
    expect(reply.status).toBe(201);
    await waitFor(async () => (await world.hub.query<{ status: string }>('SELECT status FROM message WHERE id = $1', [reply.body.id]))[0]?.status === 'delivered');
    const colleague = await addAgent(world.hub, brand, 'admin');
    await post(`/conversations/${smsConversation}/messages`, { content: { type: 'text', text: texts.note }, private: true, mentions: [colleague.id] }).expect(201);

    // The web visitor proves the same phone: their channel joins the contact.
    const visitor = visitorSocket(world.hub, { websiteToken: webchat.websiteToken, identifier: PHONE, identifierHash: identifierHash(PHONE, webchat.identitySecret), name: NAME, email: EMAIL });
    const session = await nextEvent(visitor, 'session');
    expect(await emitAck(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: texts.web } })).toMatchObject({ ok: true });
    const upload = await fetch(`${world.hub.url}/webchat/attachments?filename=${tag}.png`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-website-token': webchat.websiteToken, 'x-visitor-token': session.visitorToken },
      body: Buffer.concat([PNG, Buffer.from(FILE_MARKER)]),
    });
    expect(upload.status).toBe(201);
    const { id: uploadId } = (await upload.json()) as { id: string };
    expect(await emitAck(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'media', attachmentId: uploadId } })).toMatchObject({ ok: true });
    visitor.disconnect();

    const conv = await get(`/conversations/${smsConversation}`).expect(200);
    contactId = conv.body.contact.id;
    await waitFor(async () => (await get(`/contacts/${contactId}`).expect(200)).body.channels.length === 4);
    await world.hub.http().patch(api(`/contacts/${contactId}`)).auth(brand.admin.token, auth()).send({ name: NAME, email: EMAIL }).expect(200);
    const alias = await post('/contacts', ALIAS).expect(201);
    await post(`/contacts/${contactId}/merge`, { contactId: alias.body.id }).expect(200);
    await world.hub.app.get(BuiltInStore).seed(brand.accountId, [
      { number: `PRV-${tag}`, customerName: NAME, customerEmail: EMAIL, customerPhone: PHONE, status: 'shipped', items: [{ title: 'Le Sac', quantity: 1 }] as never, total: { amount: '120.00', currency: 'EUR' } },
    ]);
    // A malformed item of theirs (a group message) is quarantined with its raw payload.
    const cloud = world.inboxes.get('whatsapp_cloud')!;
    const bad = await postCloud(cloud.webhookUrls.events, cloudPayload([{ from: DIGITS, id: `wamid.${tag}.group`, timestamp: nowSeconds(), type: 'text', text: { body: texts.cloud }, group_id: 'G1' }]));
    expect(bad.status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM webhook_quarantine WHERE inbox_id = $1', [cloud.id])).toBeGreaterThan(0);
  });

  it('exports everything about them to admins only', async () => {
    const agent = await addAgent(world.hub, brand, 'agent');
    await get(`/contacts/${contactId}/export`, agent.token).expect(403);
    await world.hub.http().get(`/api/v1/accounts/${other.accountId}/contacts/${contactId}/export`).auth(other.admin.token, auth()).expect(404);
    const res = await get(`/contacts/${contactId}/export`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const x = res.body;
    expect(x).toMatchObject({ format: 'concierge.contact-export/v1', accountId: brand.accountId, contact: { id: contactId, name: NAME, email: EMAIL, phone: PHONE } });
    // The web visitor's own contact (joined by the verified identity) and the manually merged alias.
    expect(x.mergedContacts).toEqual(expect.arrayContaining([expect.objectContaining(ALIAS)]));
    expect(x.mergedContacts).toHaveLength(2);
    expect(x.channels).toHaveLength(4);
    expect(x.channels.map((c: { address: string }) => c.address)).toEqual(expect.arrayContaining([PHONE, `user:${PHONE}`]));
    expect(x.merges.map((m: { reason: string }) => m.reason)).toEqual(expect.arrayContaining(['same_phone', 'verified_identity', 'manual']));
    expect(x.conversations.conversations).toHaveLength(4);
    const dump = JSON.stringify(x);
    for (const text of Object.values(texts)) expect(dump).toContain(text);
    expect(x.conversations.attachments).toHaveLength(2);
    for (const file of x.conversations.attachments) {
      const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.includes(Buffer.from(FILE_MARKER))).toBe(true);
    }
    expect(x.orders.builtInStore).toEqual([expect.objectContaining({ number: `PRV-${tag}`, customerPhone: PHONE })]);
    attachmentUrls = x.conversations.attachments.map((a: { url: string }) => a.url);
    conversationIds = x.conversations.conversations.map((c: { id: string }) => c.id);
  });

  let attachmentUrls: string[] = [];
  let conversationIds: string[] = [];

  it('erases them everywhere: no table, column or file under DATA_DIR keeps anything of theirs', async () => {
    const agent = await addAgent(world.hub, brand, 'agent');
    await post(`/contacts/${contactId}/erase`, {}, agent.token).expect(403);
    await world.hub.http().post(`/api/v1/accounts/${other.accountId}/contacts/${contactId}/erase`).auth(other.admin.token, auth()).expect(404);
    const res = await post(`/contacts/${contactId}/erase`).expect(200);
    expect(res.body).toMatchObject({ contactId, erasureId: expect.any(String) });
    expect(res.body.counts).toMatchObject({ contacts: 3, contactChannels: 4, conversations: 4, attachments: 2, ordersAnonymised: 1 });
    expect(res.body.counts.messages).toBeGreaterThanOrEqual(8);
    expect(res.body.counts.quarantinedWebhooks).toBeGreaterThanOrEqual(1);

    await get(`/contacts/${contactId}`).expect(404);
    for (const url of attachmentUrls) expect((await fetch(url)).status).toBe(404);
    await post(`/contacts/${contactId}/erase`).expect(404);

    const needles = [PHONE, DIGITS, NAME, EMAIL, ALIAS.name, ALIAS.email, FILE_MARKER, ...Object.values(texts), ...conversationIds];
    expect(await sweepDatabase(needles)).toEqual([]);
    expect(await sweepDatabase([contactId])).toEqual(['contact_erasure.contact_id']);
    expect(sweepFiles(world.hub.config.dataDir, needles)).toEqual([]);
    // The order stays a sales record, without the customer.
    expect(await world.hub.query('SELECT customer_name, customer_email, customer_phone FROM store_order WHERE number = $1', [`PRV-${tag}`])).toEqual([
      { customer_name: null, customer_email: null, customer_phone: null },
    ]);
    const [audit] = await world.hub.query<{ counts: Record<string, number>; erased_by: string }>('SELECT counts, erased_by FROM contact_erasure WHERE contact_id = $1', [contactId]);
    expect(audit).toMatchObject({ erased_by: brand.admin.id, counts: res.body.counts });
  });

  it('stores nothing when old webhooks are replayed, and takes a new message as a new contact', async () => {
    const recorded = (await (await fetch(`${world.sandbox.url}/sandbox/api/webhooks`)).json()) as { url: string; body: string; contentType: string; headers: Record<string, string>; kind: string }[];
    const theirs = recorded.filter((w) => w.body.includes(DIGITS) || w.kind === 'status');
    expect(theirs.length).toBeGreaterThanOrEqual(6);
    let refused = 0;
    for (const w of theirs) {
      const r = await fetch(w.url, { method: 'POST', headers: { ...w.headers, 'content-type': w.contentType }, body: w.body });
      expect({ url: w.url, status: r.status, body: r.status === 200 ? '' : await r.text(), headers: w.headers }).toMatchObject({ status: 200 });
      refused += 1;
    }
    // A chat re-read after a reconnect carries the old timestamp under an id we never stored.
    const cloud = world.inboxes.get('whatsapp_cloud')!;
    const old = await postCloud(cloud.webhookUrls.events, cloudPayload([{ from: DIGITS, id: `wamid.${tag}.reread`, timestamp: String(Math.floor(Date.now() / 1000) - 120), type: 'text', text: { body: texts.cloud } }]));
    expect(old.status).toBe(200);
    recordBadInputs({ class: 'replayed webhook of an erased contact', tried: theirs.length + 1, refused: refused + 1 });

    const needles = [PHONE, DIGITS, NAME, EMAIL, ...Object.values(texts)];
    expect(await sweepDatabase(needles)).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM contact WHERE account_id = $1 AND (phone = $2 OR name = $3)', [brand.accountId, PHONE, NAME])).toBe(0);

    // Writing again is a new consent: a new contact with only the new message.
    const fresh = await world.inbound(SMS, `back again ${tag}`, { from: PHONE });
    const conv = await get(`/conversations/${fresh.conversationId}`).expect(200);
    expect(conv.body.contact.id).not.toBe(contactId);
    const x = (await get(`/contacts/${conv.body.contact.id}/export`).expect(200)).body;
    expect(x.contact.phone).toBe(PHONE);
    const kept = x.conversations.conversations.flatMap((c: { messages: { content: { text?: string } }[] }) => c.messages.map((m) => m.content.text));
    expect(kept).toEqual([`back again ${tag}`]);
  });

  async function count(sql: string, params: unknown[]): Promise<number> {
    return Number((await world.hub.query<{ n: string }>(sql, params))[0]!.n);
  }

  /** Every text-like, json and bytea column of every table: "table.column" where any needle occurs. */
  async function sweepDatabase(needles: string[]): Promise<string[]> {
    const columns = await world.hub.query<{ schema: string; table: string; column: string; type: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED', 'uuid')`,
    );
    expect(columns.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const col of columns) {
      const ref = `"${col.schema}"."${col.table}"`;
      const expr = col.type === 'bytea' ? `position(convert_to(n, 'UTF8') in t."${col.column}") > 0` : `strpos(lower(t."${col.column}"::text), lower(n)) > 0`;
      const [row] = await world.hub.query<{ hit: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ref} t, unnest($1::text[]) n WHERE ${expr}) AS hit`, [needles]);
      if (row!.hit) hits.push(`${col.table}.${col.column}`);
    }
    return hits;
  }
});

function sweepFiles(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...sweepFiles(path, needles));
    else {
      const text = readFileSync(path).toString('utf8').toLowerCase();
      if (needles.some((n) => text.includes(n.toLowerCase()))) hits.push(path);
    }
  }
  return hits;
}

function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

function cloudPayload(messages: object[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '12025550143', phone_number_id: CLOUD.lineKey }, contacts: [{ wa_id: DIGITS, profile: { name: NAME } }], messages } }] }],
  });
}

function postCloud(url: string, body: string): Promise<Response> {
  const signature = `sha256=${createHmac('sha256', CLOUD.secrets.appSecret!).update(body).digest('hex')}`;
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
