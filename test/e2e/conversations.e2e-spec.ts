import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addAgent, agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connected, emitAck, nextEvent } from '../support/sockets.js';

describe('conversations, messages and operations', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string };
  const base = () => `/api/v1/accounts/${brand.accountId}`;
  const auth = () => ({ Authorization: `Bearer ${brand.admin.token}` });

  async function newVisitorConversation(text: string): Promise<string> {
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    const ack = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
    v.disconnect();
    return ack.message.conversationId as string;
  }

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Ops Brand');
    inbox = await createWebchatInbox(hub, brand);
  });

  afterAll(() => hub.close());

  it('serves health and a complete OpenAPI document', async () => {
    expect((await hub.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await hub.http().get('/health/ready').expect(200)).body).toMatchObject({ status: 'ok', checks: { database: 'up' } });
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/accounts',
      '/api/v1/accounts/{accountId}/agents',
      '/api/v1/accounts/{accountId}/inboxes',
      '/api/v1/accounts/{accountId}/conversations',
      '/api/v1/accounts/{accountId}/conversations/{conversationId}',
      '/api/v1/accounts/{accountId}/conversations/{conversationId}/messages',
      '/api/v1/accounts/{accountId}/contacts',
      '/api/v1/accounts/{accountId}/teams',
      '/health/ready',
    ]) expect(Object.keys(doc.paths)).toContain(path);
    await hub.http().get('/api/docs').expect(200);
    const res = await hub.http().get('/health/live').set('X-Request-Id', 'trace-12345678');
    expect(res.headers['x-request-id']).toBe('trace-12345678');
  });

  it('pages through conversations newest first with a stable cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newVisitorConversation(`page test ${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, q: 'page test', cursor } : { limit: 2, q: 'page test' };
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await hub.http().get(`${base()}/conversations`).set(auth()).query(query).expect(200);
      seen.push(...res.body.data.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    await hub.http().get(`${base()}/conversations`).set(auth()).query({ cursor: 'garbage' }).expect(400);
    await hub.http().get(`${base()}/conversations`).set(auth()).query({ status: 'bogus' }).expect(400);
  });

  it('treats search text literally (no SQL or LIKE injection)', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '\\', "'); DROP TABLE message; --"]) {
      const res = await hub.http().get(`${base()}/conversations`).set(auth()).query({ q, status: 'all' }).expect(200);
      expect(res.body.data).toHaveLength(0);
    }
  });

  it('assigns, snoozes, resolves and reopens with activity lines and live updates', async () => {
    const id = await newVisitorConversation('please help');
    const mate = await addAgent(hub, brand, 'agent');
    const socket = agentSocket(hub, brand.admin.token);
    await connected(socket);
    const updated = nextEvent(socket, 'conversation.updated', (c) => c.id === id && c.assignee?.id === mate.id);
    const assigned = await hub.http().patch(`${base()}/conversations/${id}`).set(auth()).send({ assigneeId: mate.id }).expect(200);
    expect(assigned.body.assignee).toEqual({ id: mate.id, name: expect.any(String) });
    await updated;

    await hub.http().patch(`${base()}/conversations/${id}`).set(auth()).send({ status: 'snoozed' }).expect(400);
    await hub.http().patch(`${base()}/conversations/${id}`).set(auth()).send({ status: 'snoozed', snoozedUntil: '2001-01-01T00:00:00Z' }).expect(400);
    await hub.http().patch(`${base()}/conversations/${id}`).set(auth()).send({ assigneeId: randomUUID() }).expect(404);
    await hub.http().patch(`${base()}/conversations/${id}`).set(auth()).send({ status: 'resolved' }).expect(200);

    const mine = await hub.http().get(`${base()}/conversations`).set({ Authorization: `Bearer ${mate.token}` }).query({ assignee: 'me', status: 'resolved' }).expect(200);
    expect(mine.body.data).toHaveLength(0); // not a member of the inbox yet
    const all = await hub.http().get(`${base()}/conversations`).set(auth()).query({ status: 'resolved' }).expect(200);
    expect(all.body.data.map((c: { id: string }) => c.id)).toContain(id);

    const history = await hub.http().get(`${base()}/conversations/${id}/messages`).set(auth()).expect(200);
    const activity = history.body.data.filter((m: { kind: string }) => m.kind === 'activity').map((m: { content: { event: string } }) => m.content.event);
    expect(activity).toEqual(['assigned', 'status_resolved']);
    socket.disconnect();
  });

  it('reopens a resolved conversation as a new one when the customer writes again', async () => {
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    const { visitorToken } = await nextEvent(v, 'session');
    const first = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'order question' } });
    await hub.http().patch(`${base()}/conversations/${first.message.conversationId}`).set(auth()).send({ status: 'resolved' }).expect(200);
    const again = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'one more thing' } });
    expect(again.message.conversationId).not.toBe(first.message.conversationId);
    await hub.http().patch(`${base()}/conversations/${first.message.conversationId}`).set(auth()).send({ status: 'open' }).expect(409);
    v.disconnect();
    expect(visitorToken).toBeTruthy();
  });

  it('pages message history backwards and refuses bad sends clearly', async () => {
    const id = await newVisitorConversation('m0');
    const url = `${base()}/conversations/${id}/messages`;
    for (let i = 1; i <= 4; i++) await hub.http().post(url).set(auth()).send({ content: { type: 'text', text: `m${i}` } }).expect(201);
    const page1 = await hub.http().get(url).set(auth()).query({ limit: 3 }).expect(200);
    expect(page1.body.data.map((m: { content: { text: string } }) => m.content.text)).toEqual(['m2', 'm3', 'm4']);
    const page2 = await hub.http().get(url).set(auth()).query({ limit: 3, before: page1.body.nextCursor }).expect(200);
    expect(page2.body.data.map((m: { content: { text: string } }) => m.content.text)).toEqual(['m0', 'm1']);
    expect(page2.body.nextCursor).toBeNull();

    const clientMessageId = randomUUID();
    const a = await hub.http().post(url).set(auth()).send({ content: { type: 'text', text: 'once' }, clientMessageId }).expect(201);
    const b = await hub.http().post(url).set(auth()).send({ content: { type: 'text', text: 'once' }, clientMessageId }).expect(200);
    expect(b.body.id).toBe(a.body.id);

    const bad = await hub.http().post(url).set(auth()).send({ content: { type: 'text' } }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('content.text');
    await hub.http().post(url).set(auth()).send({ content: { type: 'text', text: 'x'.repeat(4097) } }).expect(413);
    await hub.http().post(url).set(auth()).send({ content: { type: 'text', text: 'x'.repeat(300_000) } }).expect(413);
    await hub.http().post(url).set(auth()).set('content-type', 'application/json').send('{"content":').expect(400);
    await hub.http().post(`${base()}/conversations/${randomUUID()}/messages`).set(auth()).send({ content: { type: 'text', text: 'hi' } }).expect(404);
  });
});
