import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@concierge/common';
import { ClusterModule } from '@concierge/cluster';
import { ConfigModule, loadConfig } from '@concierge/config';
import { ContactsModule, ContactsService, type AddressKind, type ContactProfile } from '@concierge/contacts';
import { DatabaseModule } from '@concierge/database';
import { HttpErrorFilter, ObservabilityModule, validationPipe } from '@concierge/observability';
import { RealtimeModule } from '@concierge/realtime';
import { AgentDirectory, TenancyModule } from '@concierge/tenancy';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Contacts across channels against real PostgreSQL. Only the libs involved are booted (config,
 * database with every migration, tenancy for auth, contacts), so the HTTP routes, guards and error
 * mapping are the real ones without depending on the inbox or provider libs.
 */
const PASSWORD = 'correct-horse-battery';

interface Agent {
  id: string;
  token: string;
}
interface Brand {
  accountId: string;
  admin: Agent;
  agent: Agent;
}

describe('contacts: one person, many channels', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;
  let contacts: ContactsService;
  let a: Brand;
  let b: Brand;
  let smsA: string;
  let waA: string;
  let webA: string;
  let smsB: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'concierge-merge-')), SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
    @Module({
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ logLevel: 'silent' }),
        DatabaseModule.forRoot(db.url),
        ClusterModule,
        RealtimeModule,
        TenancyModule,
        ContactsModule,
      ],
    })
    class ContactsTestModule {}
    app = await NestFactory.create(ContactsTestModule, { logger: false });
    app.useGlobalPipes(validationPipe());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    ds = app.get(DataSource);
    contacts = app.get(ContactsService);
    a = await brand('Brand A');
    b = await brand('Brand B');
    [smsA, waA, webA, smsB] = await Promise.all([inbox(a, 'twilio_sms'), inbox(a, 'whatsapp_cloud'), inbox(a, 'webchat'), inbox(b, 'twilio_sms')]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const api = (brand: Brand, path: string) => `/api/v1/accounts/${brand.accountId}/contacts${path}`;

  async function login(email: string): Promise<string> {
    const res = await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    return res.body.accessToken as string;
  }

  async function brand(name: string): Promise<Brand> {
    const email = `admin-${newId()}@merge.test`;
    const { accountId, agent } = await app.get(AgentDirectory).addFirstAdmin({ name: `${name} Admin`, email, password: PASSWORD, accountName: name });
    const admin = { id: agent.id, token: await login(email) };
    const agentEmail = `agent-${newId()}@merge.test`;
    const added = await http().post(`/api/v1/accounts/${accountId}/agents`).auth(admin.token, { type: 'bearer' })
      .send({ name: 'Agent', email: agentEmail, role: 'agent', password: PASSWORD }).expect(201);
    return { accountId, admin, agent: { id: added.body.id as string, token: await login(agentEmail) } };
  }

  async function inbox(brand: Brand, channelType: string): Promise<string> {
    const id = newId();
    await ds.query('INSERT INTO inbox (id, account_id, name, channel_type) VALUES ($1, $2, $3, $4)', [id, brand.accountId, channelType, channelType]);
    return id;
  }

  /** A first (or later) message's contact resolution, in its own transaction like the ingest use case. */
  function arrive(brand: Brand, inboxId: string, address: string, addressKind: AddressKind, profile?: ContactProfile) {
    return ds.transaction((tx) => contacts.resolveChannel(tx, { accountId: brand.accountId, inboxId, address, addressKind, profile }));
  }

  async function merges(contactId: string): Promise<{ id: string; reason: string; survivor_contact_id: string; merged_contact_id: string | null; channel_ids: string[] }[]> {
    return ds.query('SELECT * FROM contact_merge WHERE survivor_contact_id = $1 OR merged_contact_id = $1 ORDER BY created_at', [contactId]);
  }

  const view = async (brand: Brand, id: string) => (await http().get(api(brand, `/${id}`)).auth(brand.admin.token, { type: 'bearer' }).expect(200)).body;

  it('records the migration and marks existing channels as visitors by default', async () => {
    const names: { name: string }[] = await ds.query('SELECT name FROM schema_migrations');
    expect(names.map((m) => m.name)).toContain('ContactMerges1764400100000');
    const [column] = await ds.query("SELECT column_default FROM information_schema.columns WHERE table_name = 'contact_channel' AND column_name = 'kind'");
    expect(column.column_default).toContain('visitor');
  });

  it('joins the same phone on two phone inboxes into one contact and records the link', async () => {
    const phone = '+8613800138001';
    const first = await arrive(a, smsA, phone, 'phone', { name: 'Li Wei' });
    const second = await arrive(a, waA, phone, 'phone', { name: 'Wei', email: 'wei@shop.test' });
    expect(first).toMatchObject({ created: true, contactCreated: true });
    expect(second).toMatchObject({ contactId: first.contactId, created: true, contactCreated: false });

    const contact = await view(a, first.contactId);
    expect(contact).toMatchObject({ name: 'Li Wei', phone, email: 'wei@shop.test' });
    expect(contact.channels).toEqual([
      { id: first.contactChannelId, inboxId: smsA, address: phone, kind: 'phone' },
      { id: second.contactChannelId, inboxId: waA, address: phone, kind: 'phone' },
    ]);
    const [link] = await merges(first.contactId);
    expect(link).toMatchObject({ reason: 'same_phone', merged_contact_id: null, channel_ids: [second.contactChannelId] });

    // Another brand with the same number is another customer.
    const other = await arrive(b, smsB, phone, 'phone');
    expect(other.contactId).not.toBe(first.contactId);
    expect(await ds.query('SELECT 1 FROM contact_merge WHERE account_id = $1', [b.accountId])).toHaveLength(0);
  });

  it('converges 20 concurrent first messages from one new number on two inboxes on one contact', async () => {
    const phone = '+14155550123';
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => arrive(a, i % 2 ? waA : smsA, phone, 'phone')));
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    const [{ n: contactsWithPhone }] = await ds.query('SELECT count(*)::int n FROM contact WHERE account_id = $1 AND phone = $2', [a.accountId, phone]);
    expect(contactsWithPhone).toBe(1);
    const channels: { inbox_id: string; contact_id: string }[] = await ds.query('SELECT inbox_id, contact_id FROM contact_channel WHERE address = $1', [phone]);
    expect(channels).toHaveLength(2);
    expect(new Set(channels.map((c) => c.contact_id))).toEqual(new Set([results[0]!.contactId]));
    expect((await merges(results[0]!.contactId)).filter((m) => m.reason === 'same_phone')).toHaveLength(1);
  });

  it('resolves a batch of first messages like one at a time: same phone joined, existing owner found, repeats share a channel', async () => {
    const known = '+8613900139001';
    const fresh = '+8613900139002';
    const owner = await arrive(a, smsA, known, 'phone', { name: 'Owner' });
    const batch = [
      { inboxId: waA, address: known, profile: { name: 'Known on WhatsApp', email: 'known@shop.test' } },
      { inboxId: smsA, address: fresh, profile: { name: 'Fresh' } },
      { inboxId: waA, address: fresh, profile: { name: 'Fresh again', email: 'fresh@shop.test' } },
      { inboxId: smsA, address: fresh },
      { inboxId: webA, address: 'visitor-batch-1' },
    ];
    const results = await ds.transaction((tx) =>
      contacts.resolveChannels(tx, batch.map((m) => ({ accountId: a.accountId, addressKind: m.inboxId === webA ? 'visitor' : 'phone', ...m }))),
    );
    expect(results[0]).toMatchObject({ contactId: owner.contactId, created: true, contactCreated: false });
    expect(results[1]).toMatchObject({ created: true, contactCreated: true });
    expect(results[2]).toMatchObject({ contactId: results[1]!.contactId, created: true, contactCreated: false });
    expect(results[3]).toEqual(results[1]);
    expect(results[4]).toMatchObject({ created: true, contactCreated: true });
    expect(new Set(results.map((r) => r.contactChannelId)).size).toBe(4);
    // The links fill what the survivor lacked, as a one-at-a-time link does; the first name stays.
    expect(await view(a, owner.contactId)).toMatchObject({ name: 'Owner', email: 'known@shop.test' });
    expect(await view(a, results[1]!.contactId)).toMatchObject({ name: 'Fresh', phone: fresh, email: 'fresh@shop.test' });
    expect((await merges(results[1]!.contactId)).filter((m) => m.reason === 'same_phone')).toHaveLength(1);
    // The same batch again finds every channel and creates nothing.
    const again = await ds.transaction((tx) =>
      contacts.resolveChannels(tx, batch.map((m) => ({ accountId: a.accountId, addressKind: m.inboxId === webA ? 'visitor' : 'phone', ...m }))),
    );
    expect(again.map((r) => [r.contactChannelId, r.created])).toEqual(results.map((r) => [r.contactChannelId, false]));
  });

  it('merges a verified web visitor into the existing contact with that email (the older survives)', async () => {
    const existing = (await http().post(api(a, '')).auth(a.agent.token, { type: 'bearer' }).send({ name: 'Chen Jing', email: 'Chen@Shop.test' }).expect(201)).body;
    const visitor = await arrive(a, webA, `user:${newId()}`, 'visitor', { name: 'jing' });
    expect(visitor.contactId).not.toBe(existing.id);

    const survivor = await contacts.linkVerifiedIdentity(null, { accountId: a.accountId, contactId: visitor.contactId, email: 'chen@SHOP.test', phone: '+8613900139000' });
    expect(survivor).toBe(existing.id);
    const merged = await view(a, existing.id);
    expect(merged).toMatchObject({ name: 'Chen Jing', email: 'chen@shop.test', phone: '+8613900139000' });
    expect(merged.channels.map((c: { id: string }) => c.id)).toEqual([visitor.contactChannelId]);
    const [record] = await merges(existing.id);
    expect(record).toMatchObject({ reason: 'verified_identity', survivor_contact_id: existing.id, merged_contact_id: visitor.contactId, channel_ids: [visitor.contactChannelId] });
    const gone = await http().get(api(a, `/${visitor.contactId}`)).auth(a.admin.token, { type: 'bearer' }).expect(404);
    expect(gone.body.error).toMatchObject({ code: 'NOT_FOUND', details: { mergedIntoId: existing.id } });

    // The verified phone now joins a later SMS from that number too.
    const sms = await arrive(a, smsA, '+8613900139000', 'phone');
    expect(sms).toMatchObject({ contactId: existing.id, contactCreated: false });
    // Calling it again changes nothing.
    expect(await contacts.linkVerifiedIdentity(null, { accountId: a.accountId, contactId: visitor.contactId, email: 'chen@shop.test' })).toBe(existing.id);
  });

  it('merges manually and undoes exactly: both contacts, their fields and channels', async () => {
    const s = await arrive(a, smsA, '+8613700137000', 'phone', { name: 'Zhang Min' });
    await http().patch(api(a, `/${s.contactId}`)).auth(a.agent.token, { type: 'bearer' }).send({ attributes: { tier: 'gold' } }).expect(200);
    const o = await arrive(a, webA, `visitor:${newId()}`, 'visitor', { email: 'zm@shop.test' });
    await http().patch(api(a, `/${o.contactId}`)).auth(a.agent.token, { type: 'bearer' }).send({ attributes: { tier: 'silver', city: 'Hangzhou' } }).expect(200);
    const before = { s: await view(a, s.contactId), o: await view(a, o.contactId) };

    const res = await http().post(api(a, `/${s.contactId}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: o.contactId }).expect(200);
    expect(res.body).toMatchObject({ id: s.contactId, name: 'Zhang Min', email: 'zm@shop.test', phone: '+8613700137000', attributes: { tier: 'gold', city: 'Hangzhou' } });
    expect(res.body.channels.map((c: { id: string }) => c.id)).toEqual([s.contactChannelId, o.contactChannelId]);
    await http().get(api(a, `/${o.contactId}`)).auth(a.admin.token, { type: 'bearer' }).expect(404);

    const history = (await http().get(api(a, `/${s.contactId}/merges`)).auth(a.agent.token, { type: 'bearer' }).expect(200)).body;
    const manual = history.find((m: { reason: string }) => m.reason === 'manual');
    expect(manual).toMatchObject({ survivorContactId: s.contactId, mergedContactId: o.contactId, channelIds: [o.contactChannelId], createdBy: a.agent.id, undoneAt: null });
    // The tombstone's history is readable, so the merge can be found and undone from either side.
    const fromTombstone = (await http().get(api(a, `/${o.contactId}/merges`)).auth(a.agent.token, { type: 'bearer' }).expect(200)).body;
    expect(fromTombstone.map((m: { id: string }) => m.id)).toContain(manual.id);

    const forbidden = await http().post(api(a, `/merges/${manual.id}/undo`)).auth(a.agent.token, { type: 'bearer' }).expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const undone = await http().post(api(a, `/merges/${manual.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(200);
    expect(undone.body.merge).toMatchObject({ id: manual.id, undoneBy: a.admin.id, undoneAt: expect.any(String) });
    expect(undone.body.survivor).toEqual(before.s);
    expect(undone.body.restored).toEqual(before.o);
    expect(await view(a, s.contactId)).toEqual(before.s);
    expect(await view(a, o.contactId)).toEqual(before.o);

    const twice = await http().post(api(a, `/merges/${manual.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(409);
    expect(twice.body.error.code).toBe('CONFLICT');
  });

  it('undoes a same-phone link by giving the channel a contact of its own', async () => {
    const phone = '+8613600136000';
    const first = await arrive(a, smsA, phone, 'phone');
    const second = await arrive(a, waA, phone, 'phone', { name: 'Wang Fang' });
    expect((await view(a, first.contactId)).name).toBe('Wang Fang');
    const [link] = await merges(first.contactId);

    const undone = await http().post(api(a, `/merges/${link!.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(200);
    expect(undone.body.survivor).toMatchObject({ id: first.contactId, name: null, phone, channels: [{ id: first.contactChannelId }] });
    expect(undone.body.restored).toMatchObject({ name: 'Wang Fang', phone, channels: [{ id: second.contactChannelId, kind: 'phone' }] });
    expect((await contacts.summariesByChannel(a.accountId, [second.contactChannelId])).get(second.contactChannelId)?.id).toBe(undone.body.restored.id);
    // The detached contact's history still shows the link it came from.
    const history = (await http().get(api(a, `/${undone.body.restored.id}/merges`)).auth(a.admin.token, { type: 'bearer' }).expect(200)).body;
    expect(history.map((m: { id: string }) => m.id)).toEqual([link!.id]);
  });

  it('refuses to undo a merge whose survivor was merged again, until that one is undone', async () => {
    const [x, y, z] = await Promise.all(['X', 'Y', 'Z'].map(async (name) => (await http().post(api(a, '')).auth(a.agent.token, { type: 'bearer' }).send({ name }).expect(201)).body.id as string));
    await http().post(api(a, `/${y}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: x }).expect(200);
    await http().post(api(a, `/${z}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: y }).expect(200);
    const [xy] = (await merges(x)).filter((m) => m.merged_contact_id === x);
    const [yz] = (await merges(y)).filter((m) => m.merged_contact_id === y);
    const res = await http().post(api(a, `/merges/${xy!.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(409);
    expect(res.body.error.code).toBe('CONFLICT');
    await http().post(api(a, `/merges/${yz!.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(200);
    await http().post(api(a, `/merges/${xy!.id}/undo`)).auth(a.admin.token, { type: 'bearer' }).expect(200);
    for (const id of [x, y, z]) await view(a, id);
    // Merging a contact into itself is a mistake, not a no-op.
    await http().post(api(a, `/${x}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: x }).expect(400);
  });

  it('answers 404 for another brand\'s ids and changes nothing', async () => {
    const mine = (await http().post(api(a, '')).auth(a.agent.token, { type: 'bearer' }).send({ name: 'Mine', email: 'mine@a.test' }).expect(201)).body;
    const spare = (await http().post(api(a, '')).auth(a.agent.token, { type: 'bearer' }).send({ name: 'Spare' }).expect(201)).body;
    const theirs = (await http().post(api(b, '')).auth(b.agent.token, { type: 'bearer' }).send({ name: 'Theirs' }).expect(201)).body;
    await http().post(api(a, `/${mine.id}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: spare.id }).expect(200);
    const [mergeA] = (await merges(mine.id)).filter((m) => m.reason === 'manual');

    const attempts: [method: 'get' | 'post', path: string, token: string, body?: object][] = [
      ['post', api(b, `/${theirs.id}/merge`), b.admin.token, { contactId: mine.id }],
      ['post', api(b, `/${mine.id}/merge`), b.admin.token, { contactId: theirs.id }],
      ['get', api(b, `/${mine.id}/merges`), b.admin.token],
      ['post', api(b, `/merges/${mergeA!.id}/undo`), b.admin.token],
      ['post', api(a, `/${mine.id}/merge`), a.agent.token, { contactId: theirs.id }],
      // Brand A's route with brand B's token: to B, brand A does not exist.
      ['post', api(a, `/merges/${mergeA!.id}/undo`), b.admin.token],
      ['post', api(a, `/${spare.id}/merge`), b.admin.token, { contactId: theirs.id }],
    ];
    for (const [method, path, token, body] of attempts) {
      const req = (method === 'get' ? http().get(path) : http().post(path).send(body ?? {})).auth(token, { type: 'bearer' });
      const res = await req;
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    expect(await view(b, theirs.id)).toMatchObject({ name: 'Theirs', channels: [] });
    expect(await view(a, mine.id)).toMatchObject({ name: 'Mine' });
    const [{ undone_at }] = await ds.query('SELECT undone_at FROM contact_merge WHERE id = $1', [mergeA!.id]);
    expect(undone_at).toBeNull();
    // Scoped at the service too, not only by the route guard.
    await expect(contacts.merge({ accountId: b.accountId, role: 'admin', agent: { id: b.admin.id, name: '', email: '' } }, theirs.id, mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(contacts.undoMerge({ accountId: b.accountId, role: 'admin', agent: { id: b.admin.id, name: '', email: '' } }, mergeA!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('hides tombstones from lists, searches and summaries', async () => {
    const keep = await arrive(a, smsA, '+8613500135000', 'phone', { name: 'Tombstone Test Keep' });
    const lose = await arrive(a, webA, `visitor:${newId()}`, 'visitor', { name: 'Tombstone Test Lose' });
    await http().post(api(a, `/${keep.contactId}/merge`)).auth(a.agent.token, { type: 'bearer' }).send({ contactId: lose.contactId }).expect(200);

    const listed = (await http().get(api(a, '?q=Tombstone%20Test&limit=100')).auth(a.agent.token, { type: 'bearer' }).expect(200)).body;
    expect(listed.data.map((c: { id: string }) => c.id)).toEqual([keep.contactId]);
    const all = (await http().get(api(a, '?limit=100')).auth(a.agent.token, { type: 'bearer' }).expect(200)).body;
    expect(all.data.map((c: { id: string }) => c.id)).not.toContain(lose.contactId);
    expect(await contacts.searchIds(a.accountId, 'Tombstone Test')).toEqual([keep.contactId]);
    expect((await contacts.searchChannelIds(a.accountId, 'Tombstone Test')).sort()).toEqual([keep.contactChannelId, lose.contactChannelId].sort());
    expect([...(await contacts.summaries(a.accountId, [keep.contactId, lose.contactId])).keys()]).toEqual([keep.contactId]);
    const byChannel = await contacts.summariesByChannel(a.accountId, [keep.contactChannelId, lose.contactChannelId]);
    expect(byChannel.get(lose.contactChannelId)).toEqual({ id: keep.contactId, name: 'Tombstone Test Keep', email: null, phone: '+8613500135000' });
    // Another brand asking for these channels gets nothing.
    expect((await contacts.summariesByChannel(b.accountId, [keep.contactChannelId])).size).toBe(0);
    expect(await contacts.searchChannelIds(b.accountId, 'Tombstone Test')).toEqual([]);
  });
});
