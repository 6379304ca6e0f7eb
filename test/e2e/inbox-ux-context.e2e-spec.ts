import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InboundIngest } from '@concierge/inbox';
import type { Socket } from 'socket.io-client';
import { CASES, channelInput } from '../support/channels.js';
import { addAgent, agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connected, emitAck, nextEvent } from '../support/sockets.js';

/** Contact history across channels, the presence snapshot, message templates and tenant isolation of the new routes. */
describe('agent inbox context', () => {
  let hub: TestHub;
  let a: Brand;
  let b: Brand;
  const sockets: Socket[] = [];
  const as = (who: { token: string }) => ({ Authorization: `Bearer ${who.token}` });
  const urlA = () => `/api/v1/accounts/${a.accountId}`;
  const urlB = () => `/api/v1/accounts/${b.accountId}`;
  // Provider inboxes pointed at a closed port: these tests only ingest, they never deliver.
  const providerInbox = async (brand: Brand, type: 'twilio_sms' | 'whatsapp_cloud') => {
    const c = CASES.find((x) => x.type === type)!;
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).set(as(brand.admin)).send({ name: type, channel: channelInput(c, 'http://127.0.0.1:9') }).expect(201);
    return res.body.id as string;
  };
  const ingest = (accountId: string, inboxId: string, channelType: string, address: string, text: string) =>
    hub.app.get(InboundIngest).ingest({
      accountId, inboxId, channelType, address, addressKind: 'phone', sourceId: `src-${randomUUID()}`, content: { type: 'text', text },
    } as Parameters<InboundIngest['ingest']>[0]);

  beforeAll(async () => {
    hub = await startHub();
    a = await createBrand(hub, 'Context A');
    b = await createBrand(hub, 'Context B');
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await hub.close();
  });

  it('documents every new route in OpenAPI', async () => {
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body;
    const t = '/api/v1/accounts/{accountId}';
    for (const path of [
      `${t}/labels`, `${t}/labels/{labelId}`, `${t}/conversations/{conversationId}/labels`, `${t}/conversations/counts`,
      `${t}/canned-responses`, `${t}/canned-responses/{cannedResponseId}`, `${t}/notifications`, `${t}/notifications/read-all`,
      `${t}/notifications/{notificationId}/read`, `${t}/contacts/{contactId}/conversations`, `${t}/inboxes/{inboxId}/templates`,
      `${t}/inboxes/{inboxId}/templates/{templateId}`,
    ]) expect(Object.keys(doc.paths)).toContain(path);
    const conversation = doc.components.schemas.ConversationDto.properties;
    expect(Object.keys(conversation)).toEqual(expect.arrayContaining(['labels', 'unreadCount', 'customerWindowExpiresAt']));
    expect(Object.keys(doc.components.schemas.SendMessageDto.properties)).toContain('mentions');
  });

  it("lists a contact's conversations across its channels, newest first, only in inboxes the caller may see", async () => {
    const sms = await providerInbox(a, 'twilio_sms');
    const wa = await providerInbox(a, 'whatsapp_cloud');
    const phone = '+8613800138001';
    const first = await ingest(a.accountId, sms, 'twilio_sms', phone, 'order 1 by SMS');
    await hub.http().patch(`${urlA()}/conversations/${first.conversationId}`).set(as(a.admin)).send({ status: 'resolved' }).expect(200);
    const second = await ingest(a.accountId, wa, 'whatsapp_cloud', phone, 'hello on WhatsApp');
    const third = await ingest(a.accountId, sms, 'twilio_sms', phone, 'back on SMS');
    await ingest(a.accountId, sms, 'twilio_sms', '+8613800138002', 'someone else');
    const contactId = (await hub.http().get(`${urlA()}/conversations/${second.conversationId}`).set(as(a.admin)).expect(200)).body.contact.id;

    const history = await hub.http().get(`${urlA()}/contacts/${contactId}/conversations`).set(as(a.admin)).expect(200);
    expect(history.body.map((c: { id: string }) => c.id)).toEqual([third.conversationId, second.conversationId, first.conversationId]);
    expect(history.body[0]).toMatchObject({ inboxId: sms, contact: { id: contactId, phone }, status: 'open', labels: [], unreadCount: 1 });
    expect(new Set(history.body.map((c: { inboxId: string }) => c.inboxId))).toEqual(new Set([sms, wa]));

    const agent = await addAgent(hub, a, 'agent');
    await hub.http().patch(`${urlA()}/inboxes/${wa}`).set(as(a.admin)).send({ agentIds: [agent.id] }).expect(200);
    const limited = await hub.http().get(`${urlA()}/contacts/${contactId}/conversations`).set(as(agent)).expect(200);
    expect(limited.body.map((c: { id: string }) => c.id)).toEqual([second.conversationId]);
    await hub.http().get(`${urlA()}/contacts/${randomUUID()}/conversations`).set(as(a.admin)).expect(404);
    await hub.http().get(`${urlA()}/contacts/not-a-uuid/conversations`).set(as(a.admin)).expect(404);
  });

  it('sends a presence snapshot of the brand on connect', async () => {
    const mate = await addAgent(hub, a, 'agent');
    const adminSocket = agentSocket(hub, a.admin.token);
    sockets.push(adminSocket);
    const adminSnapshot = nextEvent(adminSocket, 'presence.snapshot', (p) => p.accountId === a.accountId);
    await connected(adminSocket);
    const first = await adminSnapshot;
    expect(first.agents).toEqual(expect.arrayContaining([{ agentId: a.admin.id, status: 'online' }, { agentId: mate.id, status: 'offline' }]));

    const busy = nextEvent(adminSocket, 'presence.updated', (p) => p.status === 'busy');
    adminSocket.emit('presence.set', { status: 'busy' });
    await busy;
    const mateSocket = agentSocket(hub, mate.token);
    sockets.push(mateSocket);
    const snapshot = await nextEvent(mateSocket, 'presence.snapshot');
    expect(snapshot.accountId).toBe(a.accountId);
    const statuses = Object.fromEntries(snapshot.agents.map((x: { agentId: string; status: string }) => [x.agentId, x.status]));
    expect(statuses).toMatchObject({ [a.admin.id]: 'busy', [mate.id]: 'online' });
    // Another brand's agents are never listed.
    expect(snapshot.agents.map((x: { agentId: string }) => x.agentId)).not.toContain(b.admin.id);
  });

  it('keeps message templates per inbox: members read them, admins write them', async () => {
    const wa = await providerInbox(a, 'whatsapp_cloud');
    const other = await createWebchatInbox(hub, a, { name: 'Other site' });
    const member = await addAgent(hub, a, 'agent');
    const stranger = await addAgent(hub, a, 'agent');
    await hub.http().patch(`${urlA()}/inboxes/${wa}`).set(as(a.admin)).send({ agentIds: [member.id] }).expect(200);
    const url = `${urlA()}/inboxes/${wa}/templates`;
    const body = { name: 'order_update', language: 'en_US', body: 'Hi {{1}}, your order {{2}} shipped. {{1}}, thanks!' };
    const created = await hub.http().post(url).set(as(a.admin)).send(body).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), inboxId: wa, ...body, providerTemplateId: null, variables: ['1', '2'], createdAt: expect.any(String) });
    await hub.http().post(url).set(as(a.admin)).send({ ...body, language: 'zh_CN', providerTemplateId: `HX${'a'.repeat(32)}` }).expect(201);
    expect((await hub.http().post(url).set(as(a.admin)).send(body).expect(409)).body.error.code).toBe('CONFLICT');
    for (const bad of [{ ...body, name: 'Order Update' }, { ...body, language: 'english' }, { ...body, body: '' }, { ...body, providerTemplateId: 'HX12' }]) {
      await hub.http().post(url).set(as(a.admin)).send(bad).expect(400);
    }
    await hub.http().post(url).set(as(member)).send({ ...body, name: 'mine' }).expect(403);

    const listed = await hub.http().get(url).set(as(member)).expect(200);
    expect(listed.body.map((t: { language: string }) => t.language)).toEqual(['en_US', 'zh_CN']);
    await hub.http().get(url).set(as(stranger)).expect(404);
    expect((await hub.http().get(`${urlA()}/inboxes/${other.id}/templates`).set(as(a.admin)).expect(200)).body).toEqual([]);

    const patched = await hub.http().patch(`${url}/${created.body.id}`).set(as(a.admin)).send({ body: 'Hello {{1}}', providerTemplateId: `HX${'b'.repeat(32)}` }).expect(200);
    expect(patched.body).toMatchObject({ body: 'Hello {{1}}', variables: ['1'], providerTemplateId: `HX${'b'.repeat(32)}` });
    await hub.http().patch(`${url}/${created.body.id}`).set(as(a.admin)).send({ language: 'zh_CN' }).expect(409);
    await hub.http().patch(`${url}/${created.body.id}`).set(as(member)).send({ body: 'x' }).expect(403);
    // A template is addressed through its own inbox only.
    await hub.http().patch(`${urlA()}/inboxes/${other.id}/templates/${created.body.id}`).set(as(a.admin)).send({ body: 'x' }).expect(404);
    await hub.http().delete(`${url}/${created.body.id}`).set(as(member)).expect(403);
    await hub.http().delete(`${url}/${created.body.id}`).set(as(a.admin)).expect(204);
    await hub.http().delete(`${url}/${created.body.id}`).set(as(a.admin)).expect(404);
  });

  it("answers 404 for another brand's labels, canned responses, notifications, templates, contacts and conversations, changing nothing", async () => {
    const inbox = await createWebchatInbox(hub, a, { name: 'Iso site' });
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    const conversationId = (await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'isolation' } })).message.conversationId;
    v.disconnect();
    const contactId = (await hub.http().get(`${urlA()}/conversations/${conversationId}`).set(as(a.admin)).expect(200)).body.contact.id;
    const label = (await hub.http().post(`${urlA()}/labels`).set(as(a.admin)).send({ name: 'Secret' }).expect(201)).body;
    await hub.http().put(`${urlA()}/conversations/${conversationId}/labels`).set(as(a.admin)).send({ labelIds: [label.id] }).expect(200);
    const canned = (await hub.http().post(`${urlA()}/canned-responses`).set(as(a.admin)).send({ shortCode: 'secret', content: 'A only' }).expect(201)).body;
    const template = (await hub.http().post(`${urlA()}/inboxes/${inbox.id}/templates`).set(as(a.admin)).send({ name: 'hello', language: 'en', body: 'Hi' }).expect(201)).body;
    const mate = await addAgent(hub, a, 'admin');
    await hub.http().post(`${urlA()}/conversations/${conversationId}/messages`).set(as(a.admin))
      .send({ content: { type: 'text', text: 'see this' }, private: true, mentions: [mate.id] }).expect(201);
    const notification = (await hub.http().get(`${urlA()}/notifications`).set(as(mate)).expect(200)).body.data[0];
    const labelB = (await hub.http().post(`${urlB()}/labels`).set(as(b.admin)).send({ name: 'Mine' }).expect(201)).body;

    const routes: [string, string, object?][] = [
      ['patch', `${urlB()}/labels/${label.id}`, { name: 'stolen' }],
      ['delete', `${urlB()}/labels/${label.id}`],
      ['put', `${urlB()}/conversations/${conversationId}/labels`, { labelIds: [labelB.id] }],
      ['put', `${urlB()}/conversations/${conversationId}/labels`, { labelIds: [] }],
      ['patch', `${urlB()}/canned-responses/${canned.id}`, { content: 'stolen' }],
      ['delete', `${urlB()}/canned-responses/${canned.id}`],
      ['post', `${urlB()}/notifications/${notification.id}/read`],
      ['get', `${urlB()}/inboxes/${inbox.id}/templates`],
      ['post', `${urlB()}/inboxes/${inbox.id}/templates`, { name: 'x', language: 'en', body: 'x' }],
      ['patch', `${urlB()}/inboxes/${inbox.id}/templates/${template.id}`, { body: 'stolen' }],
      ['delete', `${urlB()}/inboxes/${inbox.id}/templates/${template.id}`],
      ['get', `${urlB()}/contacts/${contactId}/conversations`],
      ['post', `${urlB()}/conversations/${conversationId}/read`],
      ['get', `${urlA()}/labels`],
      ['get', `${urlA()}/canned-responses`],
      ['get', `${urlA()}/notifications`],
      ['get', `${urlA()}/conversations/counts`],
    ];
    for (const [method, path, body] of routes) {
      const req = (hub.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method]!(path).set(as(b.admin));
      const res = await (body ? req.send(body) : req);
      expect([path, res.status]).toEqual([path, 404]);
    }
    // A's label on B's conversation list, and B's label on A's conversation: nothing to see, nothing set.
    await hub.http().put(`${urlA()}/conversations/${conversationId}/labels`).set(as(a.admin)).send({ labelIds: [labelB.id] }).expect(404);
    expect((await hub.http().get(`${urlB()}/conversations`).set(as(b.admin)).query({ labelId: label.id, status: 'all' }).expect(200)).body.data).toEqual([]);
    expect((await hub.http().get(`${urlB()}/conversations/counts`).set(as(b.admin)).query({ inboxId: inbox.id }).expect(200)).body).toEqual({ mine: 0, unassigned: 0, all: 0 });
    expect((await hub.http().get(`${urlB()}/canned-responses`).set(as(b.admin)).query({ q: 'secret' }).expect(200)).body).toEqual([]);

    expect(await hub.query('SELECT name, color FROM label WHERE id = $1', [label.id])).toEqual([{ name: 'Secret', color: '#6b7280' }]);
    expect(await hub.query('SELECT label_id FROM conversation_label WHERE conversation_id = $1', [conversationId])).toEqual([{ label_id: label.id }]);
    expect(await hub.query('SELECT content FROM canned_response WHERE id = $1', [canned.id])).toEqual([{ content: 'A only' }]);
    expect(await hub.query('SELECT read_at FROM notification WHERE id = $1', [notification.id])).toEqual([{ read_at: null }]);
    expect(await hub.query('SELECT body FROM message_template WHERE inbox_id = $1', [inbox.id])).toEqual([{ body: 'Hi' }]);
    expect(await hub.query('SELECT count(*)::int AS n FROM conversation_read WHERE conversation_id = $1', [conversationId])).toEqual([{ n: 0 }]);
  });
});
