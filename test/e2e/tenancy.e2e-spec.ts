import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addAgent, agentSocket, createBrand, createWebchatInbox, login, startHub, visitorSocket, PASSWORD, type Brand, type TestHub } from '../support/hub.js';
import { connectError, connected, emitAck, nextEvent, record } from '../support/sockets.js';

describe('auth and tenant isolation', () => {
  let hub: TestHub;
  let a: Brand;
  let b: Brand;
  let inboxA: { id: string; websiteToken: string };
  let conversationA: string;
  let contactA: string;

  beforeAll(async () => {
    hub = await startHub({ LOGIN_RATE_LIMIT: '8' });
    a = await createBrand(hub, 'Brand A');
    b = await createBrand(hub, 'Brand B');
    inboxA = await createWebchatInbox(hub, a);
    const v = visitorSocket(hub, { websiteToken: inboxA.websiteToken });
    await nextEvent(v, 'session');
    const ack = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'hello A' } });
    conversationA = ack.message.conversationId;
    v.disconnect();
    const conv = await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations/${conversationA}`).auth(a.admin.token, { type: 'bearer' }).expect(200);
    contactA = conv.body.contact.id;
  });

  afterAll(() => hub.close());

  it('logs in per the contract and refuses bad credentials without saying which part was wrong', async () => {
    const ok = await hub.http().post('/api/v1/auth/login').send({ email: a.admin.email.toUpperCase(), password: PASSWORD }).expect(200);
    expect(ok.body).toMatchObject({ agent: { email: a.admin.email, name: 'Brand A Admin' }, accounts: [{ id: a.accountId, name: 'Brand A', role: 'admin' }] });
    const wrong = await hub.http().post('/api/v1/auth/login').send({ email: a.admin.email, password: 'nope-nope' }).expect(401);
    const unknown = await hub.http().post('/api/v1/auth/login').send({ email: 'nobody@x.test', password: 'nope-nope' }).expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.requestId).toEqual(expect.any(String));
  });

  it('answers invalid DTOs with 400 and field details, bad tokens with 401', async () => {
    const res = await hub.http().post('/api/v1/auth/login').send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
    await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations`).expect(401);
    await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations`).auth('forged.token.value', { type: 'bearer' }).expect(401);
  });

  it('answers 404 for another brand on every tenant route', async () => {
    const routes: [string, string, object?][] = [
      ['get', `/api/v1/accounts/${a.accountId}/conversations`],
      ['get', `/api/v1/accounts/${a.accountId}/inboxes`],
      ['get', `/api/v1/accounts/${a.accountId}/contacts`],
      ['get', `/api/v1/accounts/${a.accountId}/agents`],
      ['get', `/api/v1/accounts/${a.accountId}/teams`],
      ['get', `/api/v1/accounts/${b.accountId}/conversations/${conversationA}`],
      ['patch', `/api/v1/accounts/${b.accountId}/conversations/${conversationA}`, { status: 'resolved' }],
      ['get', `/api/v1/accounts/${b.accountId}/conversations/${conversationA}/messages`],
      ['post', `/api/v1/accounts/${b.accountId}/conversations/${conversationA}/messages`, { content: { type: 'text', text: 'hi' } }],
      ['get', `/api/v1/accounts/${b.accountId}/inboxes/${inboxA.id}`],
      ['patch', `/api/v1/accounts/${b.accountId}/inboxes/${inboxA.id}`, { name: 'mine' }],
      ['delete', `/api/v1/accounts/${b.accountId}/inboxes/${inboxA.id}`],
      ['get', `/api/v1/accounts/${b.accountId}/contacts/${contactA}`],
      ['patch', `/api/v1/accounts/${b.accountId}/contacts/${contactA}`, { name: 'x' }],
      ['patch', `/api/v1/accounts/${b.accountId}/agents/${a.admin.id}`, { role: 'agent' }],
      ['delete', `/api/v1/accounts/${b.accountId}/agents/${a.admin.id}`],
      ['get', `/api/v1/accounts/not-a-uuid/conversations`],
      ['get', `/api/v1/accounts/${b.accountId}/conversations/not-a-uuid`],
    ];
    for (const [method, path, body] of routes) {
      const req = (hub.http() as unknown as Record<string, (p: string) => any>)[method]!(path).auth(b.admin.token, { type: 'bearer' });
      const res = await (body ? req.send(body) : req);
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
    }
    // Nothing was changed by those attempts.
    const conv = await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations/${conversationA}`).auth(a.admin.token, { type: 'bearer' }).expect(200);
    expect(conv.body.status).toBe('open');
  });

  it('keeps another brand out of the realtime stream', async () => {
    const spyB = agentSocket(hub, b.admin.token);
    await connected(spyB);
    const leaked = [...['message.created', 'conversation.created', 'conversation.updated'].flatMap((e) => record(spyB, e))];
    const ownerA = agentSocket(hub, a.admin.token);
    await connected(ownerA);
    const v = visitorSocket(hub, { websiteToken: inboxA.websiteToken });
    await nextEvent(v, 'session');
    const seen = nextEvent(ownerA, 'message.created', (m) => m.content.text === 'secret A');
    await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'secret A' } });
    await seen;
    spyB.emit('typing', { conversationId: conversationA, typing: true });
    await nextEvent(v, 'conversation.typing', () => true, 300).then(() => { throw new Error('typing leaked to visitor'); }, () => undefined);
    expect(leaked).toHaveLength(0);
    for (const s of [spyB, ownerA, v]) s.disconnect();
  });

  it('refuses sockets with a missing or forged token', async () => {
    expect((await connectError(agentSocket(hub, ''))).message).toMatch(/^UNAUTHENTICATED/);
    expect((await connectError(agentSocket(hub, 'eyJhbGciOiJIUzI1NiJ9.e30.forged'))).message).toMatch(/^UNAUTHENTICATED/);
  });

  it('gives agents 403 on admin routes and hides inboxes they are not members of', async () => {
    const agent = await addAgent(hub, a, 'agent');
    await hub.http().post(`/api/v1/accounts/${a.accountId}/inboxes`).auth(agent.token, { type: 'bearer' }).send({ name: 'x', channel: { type: 'webchat' } }).expect(403);
    await hub.http().post(`/api/v1/accounts/${a.accountId}/agents`).auth(agent.token, { type: 'bearer' }).send({ name: 'x', email: 'x@x.test', role: 'admin', password: 'long-enough-pw' }).expect(403);
    await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations/${conversationA}`).auth(agent.token, { type: 'bearer' }).expect(404);
    const list = await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations`).auth(agent.token, { type: 'bearer' }).expect(200);
    expect(list.body.data).toHaveLength(0);
    await hub.http().patch(`/api/v1/accounts/${a.accountId}/inboxes/${inboxA.id}`).auth(a.admin.token, { type: 'bearer' }).send({ agentIds: [agent.id] }).expect(200);
    await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations/${conversationA}`).auth(agent.token, { type: 'bearer' }).expect(200);
  });

  it('drops the sockets of an agent removed from the brand', async () => {
    const agent = await addAgent(hub, a, 'agent');
    const socket = agentSocket(hub, agent.token);
    await connected(socket);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    await hub.http().delete(`/api/v1/accounts/${a.accountId}/agents/${agent.id}`).auth(a.admin.token, { type: 'bearer' }).expect(204);
    expect(await dropped).toBe('io server disconnect');
    await hub.http().get(`/api/v1/accounts/${a.accountId}/conversations`).auth(agent.token, { type: 'bearer' }).expect(404);
  });

  it('lets an agent create another brand and become its admin', async () => {
    const res = await hub.http().post('/api/v1/accounts').auth(b.admin.token, { type: 'bearer' }).send({ name: 'Brand B Outlet' }).expect(201);
    const list = await hub.http().get('/api/v1/accounts').auth(b.admin.token, { type: 'bearer' }).expect(200);
    expect(list.body).toEqual(expect.arrayContaining([{ id: res.body.id, name: 'Brand B Outlet', role: 'admin' }]));
  });

  it('throttles repeated sign-in attempts with 429 and Retry-After', async () => {
    const email = `victim-${randomUUID()}@x.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await hub.http().post('/api/v1/auth/login').send({ email, password: 'guess-' + i })).status);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    const limited = await hub.http().post('/api/v1/auth/login').send({ email, password: 'again' }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other people signing in from elsewhere are not affected.
    await login(hub, a.admin.email);
  });
});
