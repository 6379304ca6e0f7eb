import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeWhatsappClientFactory, wwebjsRaw, type FakeWhatsappClient } from '@concierge/channels-whatsapp-web';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';

/**
 * Two hubs running the processors on one database, each with its own (fake) WhatsApp Web browser factory:
 * a WhatsApp Web inbox's session runs in exactly one of them (PostgreSQL lease), replies posted anywhere
 * go out through that one session, and the other hub takes the session over when the owner shuts down or
 * its lease lapses. A short lease (2 s, renewed every ~0.7 s) keeps the suite quick.
 */
const LEASE_SECONDS = 2;
jest.setTimeout(30_000);

describe('WhatsApp Web session lease across two hubs', () => {
  const env = {
    LIVE_SESSION_LEASE_SECONDS: String(LEASE_SECONDS),
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  const factories = { a: new FakeWhatsappClientFactory(), b: new FakeWhatsappClientFactory() };
  const hubs: Partial<Record<'a' | 'b', TestHub>> = {};
  let db: TestDatabase;
  let brand: Brand;
  let inboxId: string;
  let owner: 'a' | 'b';
  const customer = '6281234567001@c.us';
  /** With REDIS_URL (CI) both hubs must share one queue: one prefix for both, removed afterwards. */
  const prefix = `lease${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    // One after the other: the first runs the migrations. Without REDIS_URL both share the PostgreSQL queue.
    const queue: Record<string, string> = process.env.REDIS_URL ? { QUEUE_PREFIX: prefix } : {};
    hubs.a = await startHub({ ...env, ...queue }, db, { whatsappWebClients: factories.a });
    hubs.b = await startHub({ ...env, ...queue }, db, { whatsappWebClients: factories.b });
    brand = await createBrand(hubs.a, 'Maison Lease');
  }, 60_000);

  afterAll(async () => {
    await hubs.a?.close();
    await hubs.b?.close();
    await db?.drop();
    if (process.env.REDIS_URL) {
      const redis = new Redis(process.env.REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  const other = (x: 'a' | 'b') => (x === 'a' ? 'b' : 'a');
  const live = (f: FakeWhatsappClientFactory) => f.clients.filter((c) => !c.destroyed);
  const liveTotal = () => live(factories.a).length + live(factories.b).length;
  const lease = async () => (await (hubs.a ?? hubs.b)!.query<{ owner: string; expired: boolean }>('SELECT owner, expires_at < now() AS expired FROM live_session_lease WHERE inbox_id = $1', [inboxId]))[0];
  const waitFor = async (check: () => boolean | Promise<boolean>, what: string, ms = 8000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms (clients a=${live(factories.a).length} b=${live(factories.b).length}, lease ${JSON.stringify(await lease())})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  /** Holds `check` for `ms` (several renewals and takeover attempts of the other hub). */
  const holdsFor = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      expect(check()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const ownerClient = (): FakeWhatsappClient => live(factories[owner])[0]!;

  it('starts exactly one session for the inbox, in the hub holding the lease', async () => {
    const res = await hubs.a!.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' })
      .send({ name: 'WhatsApp Web', channel: { type: 'whatsapp_web' } }).expect(201);
    inboxId = res.body.id;
    await waitFor(() => liveTotal() === 1, 'one session started');
    owner = live(factories.a).length === 1 ? 'a' : 'b';
    // Three lease lengths: the other hub tries to take the lease every ~0.7 s and must never start a browser.
    await holdsFor(() => liveTotal() === 1 && factories[other(owner)].clients.length === 0, 3 * LEASE_SECONDS * 1000);
    expect(await lease()).toEqual({ owner: expect.any(String), expired: false });
    expect(factories[owner].clients).toHaveLength(1);
  });

  it('shows the owner\'s pairing QR through either hub', async () => {
    ownerClient().showQr();
    for (const hub of [hubs.a!, hubs.b!]) {
      let body: { state?: string; qr?: string | null } = {};
      await waitFor(async () => {
        body = (await hub.http().get(`/api/v1/accounts/${brand.accountId}/inboxes/${inboxId}/session`).auth(brand.admin.token, { type: 'bearer' }).expect(200)).body;
        return body.state === 'qr_required';
      }, 'the QR state at both hubs');
      expect(body.qr).toMatch(/^data:image\/png;base64,/);
    }
  });

  it('sends replies posted at either hub through the owner\'s session only', async () => {
    ownerClient().link('6281234500001');
    ownerClient().receive(wwebjsRaw.rawText({ from: customer, body: 'Is the batik shirt in stock?', notifyName: 'Dewi' }));
    let conversationId = '';
    await waitFor(async () => {
      const rows = await hubs.a!.query<{ conversation_id: string }>('SELECT conversation_id FROM message WHERE inbox_id = $1', [inboxId]);
      conversationId = rows[0]?.conversation_id ?? '';
      return rows.length === 1;
    }, 'customer message stored');
    for (const [i, hub] of [hubs.a!, hubs.b!, hubs.a!, hubs.b!, hubs.b!, hubs.a!].entries()) {
      await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/messages`).auth(brand.admin.token, { type: 'bearer' })
        .send({ content: { type: 'text', text: `Reply ${i + 1}` } }).expect(201);
    }
    await waitFor(() => ownerClient().sent.length === 6, 'six replies sent through the owner', 15_000);
    expect(ownerClient().sent.map((s) => s.content)).toEqual(['Reply 1', 'Reply 2', 'Reply 3', 'Reply 4', 'Reply 5', 'Reply 6']);
    // The outcome is recorded right after the provider call returns.
    await waitFor(async () => (await hubs.a!.query(`SELECT 1 FROM message WHERE inbox_id = $1 AND direction = 'out' AND status = 'sent'`, [inboxId])).length === 6, 'six replies recorded as sent');
    expect(factories[other(owner)].clients).toHaveLength(0);
  });

  it('relaunches the session in its owner when the inbox settings change through the other hub', async () => {
    const before = ownerClient();
    const created = factories[owner].clients.length;
    await hubs[other(owner)]!.http().patch(`/api/v1/accounts/${brand.accountId}/inboxes/${inboxId}`).auth(brand.admin.token, { type: 'bearer' })
      .send({ channel: { chromiumPath: '/opt/alt/chromium' } }).expect(200);
    await waitFor(() => factories[owner].clients.length === created + 1, 'the owner relaunches with the new settings');
    expect(before.destroyed).toBe(true);
    expect(ownerClient().request?.chromiumPath).toBe('/opt/alt/chromium');
    expect(factories[other(owner)].clients).toHaveLength(0);
  });

  it('stops its session when its lease was taken while it stalled, and the lease is taken over once it expires', async () => {
    const before = ownerClient();
    // What the owner finds after a pause longer than the TTL: another process (here one that then died) holds the lease.
    await hubs.a!.query(`UPDATE live_session_lease SET owner = 'crashed-host:1:dead', expires_at = now() + interval '1.5 seconds' WHERE inbox_id = $1`, [inboxId]);
    await waitFor(() => before.destroyed, 'the stalled owner stops its browser');
    expect(liveTotal()).toBe(0);
    // Once the dead owner's lease lapses one of the two hubs takes over and starts the session there.
    await waitFor(() => liveTotal() === 1, 'session taken over after expiry');
    const after = await lease();
    expect(after?.owner).not.toBe('crashed-host:1:dead');
    owner = live(factories.a).length === 1 ? 'a' : 'b';
    await holdsFor(() => liveTotal() === 1, LEASE_SECONDS * 1000);
  });

  it('hands the session over to the other hub when its owner shuts down', async () => {
    const leaving = owner;
    const survivor = other(leaving);
    const startedBefore = factories[survivor].clients.length;
    const old = ownerClient();
    const closedAt = Date.now();
    await hubs[leaving]!.close();
    delete hubs[leaving];
    expect(old.destroyed).toBe(true);
    // Released on shutdown: the survivor need not wait for the lease to expire.
    await waitFor(() => live(factories[survivor]).length === 1, 'the survivor starts the session', LEASE_SECONDS * 1000);
    const takeoverMs = Date.now() - closedAt;
    expect(factories[survivor].clients.length).toBe(startedBefore + 1);
    expect(await lease()).toEqual({ owner: expect.any(String), expired: false });
    console.log(`WhatsApp Web session taken over ${takeoverMs} ms after its owner's orderly shutdown`);

    // And it sends from there.
    owner = survivor;
    ownerClient().link('6281234500001');
    const [conversation] = await hubs[survivor]!.query<{ id: string }>('SELECT id FROM conversation WHERE inbox_id = $1', [inboxId]);
    await hubs[survivor]!.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${conversation!.id}/messages`).auth(brand.admin.token, { type: 'bearer' })
      .send({ content: { type: 'text', text: 'Sent after the handover' } }).expect(201);
    await waitFor(() => ownerClient().sent.some((s) => s.content === 'Sent after the handover'), 'reply sent by the new owner');
  });
});
