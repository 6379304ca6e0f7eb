import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { agentSocket, createBrand, createWebchatInbox, login, startHub, visitorSocket, PASSWORD, type Brand, type TestHub } from '../support/hub.js';
import { connected, emitAck, nextEvent, record } from '../support/sockets.js';

type Agent = { id: string; token: string; name: string };

/** Labels, canned responses, mentions and notifications, unread badges and tab counts, over HTTP and sockets. */
describe('agent inbox workspace', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string };
  let mei: Agent;
  let tom: Agent;
  let outsider: Agent;
  const sockets: Socket[] = [];
  const base = () => `/api/v1/accounts/${brand.accountId}`;
  const as = (who: { token: string }) => ({ Authorization: `Bearer ${who.token}` });
  const admin = () => brand.admin;

  async function addNamed(b: Brand, name: string, role: 'admin' | 'agent' = 'agent'): Promise<Agent> {
    const email = `${name.split(' ')[0]!.toLowerCase()}-${randomUUID().slice(0, 8)}@ux.test`;
    const res = await hub.http().post(`/api/v1/accounts/${b.accountId}/agents`).set(as(b.admin)).send({ name, email, role, password: PASSWORD }).expect(201);
    return { id: res.body.id, token: await login(hub, email), name };
  }

  async function socketOf(who: { token: string }): Promise<Socket> {
    const s = agentSocket(hub, who.token);
    sockets.push(s);
    await connected(s);
    return s;
  }

  /** A visitor writes `texts` (one conversation); answers its id. */
  async function visitorConversation(texts: string[], visitorToken?: string): Promise<{ conversationId: string; visitorToken: string }> {
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken, ...(visitorToken && { visitorToken }) });
    const session = await nextEvent(v, 'session');
    let conversationId = '';
    for (const text of texts) conversationId = (await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } })).message.conversationId;
    v.disconnect();
    return { conversationId, visitorToken: session.visitorToken };
  }

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Ux Brand');
    inbox = await createWebchatInbox(hub, brand);
    mei = await addNamed(brand, 'Mei Lin');
    tom = await addNamed(brand, 'Tom Baker');
    outsider = await addNamed(brand, 'Olga Out');
    await hub.http().patch(`${base()}/inboxes/${inbox.id}`).set(as(admin())).send({ agentIds: [mei.id, tom.id] }).expect(200);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await hub.close();
  });

  it('manages labels (admins), tags conversations with activity lines and filters the list by label', async () => {
    const vip = await hub.http().post(`${base()}/labels`).set(as(admin())).send({ name: 'VIP', color: '#E11D48' }).expect(201);
    expect(vip.body).toEqual({ id: expect.any(String), name: 'VIP', color: '#e11d48' });
    const follow = await hub.http().post(`${base()}/labels`).set(as(admin())).send({ name: ' Follow-up ' }).expect(201);
    expect(follow.body).toMatchObject({ name: 'Follow-up', color: '#6b7280' });
    expect((await hub.http().post(`${base()}/labels`).set(as(admin())).send({ name: 'vip' }).expect(409)).body.error.code).toBe('CONFLICT');
    await hub.http().post(`${base()}/labels`).set(as(admin())).send({ name: 'Bad', color: 'red' }).expect(400);
    await hub.http().post(`${base()}/labels`).set(as(admin())).send({ name: '   ' }).expect(400);
    await hub.http().post(`${base()}/labels`).set(as(mei)).send({ name: 'Mine' }).expect(403);
    await hub.http().patch(`${base()}/labels/${vip.body.id}`).set(as(mei)).send({ color: '#000000' }).expect(403);
    await hub.http().patch(`${base()}/labels/${follow.body.id}`).set(as(admin())).send({ name: 'VIP' }).expect(409);
    const list = await hub.http().get(`${base()}/labels`).set(as(mei)).expect(200);
    expect(list.body.map((l: { name: string }) => l.name)).toEqual(['Follow-up', 'VIP']);

    const { conversationId } = await visitorConversation(['I would like the red bag']);
    const other = await visitorConversation(['just browsing']);
    const adminSocket = await socketOf(admin());
    const updated = nextEvent(adminSocket, 'conversation.updated', (c) => c.id === conversationId && c.labels.length === 2);
    const activity = nextEvent(adminSocket, 'message.created', (m) => m.conversationId === conversationId && m.kind === 'activity');
    const tagged = await hub.http().put(`${base()}/conversations/${conversationId}/labels`).set(as(mei)).send({ labelIds: [vip.body.id, follow.body.id] }).expect(200);
    expect(tagged.body.labels).toEqual([follow.body, { ...vip.body }]);
    expect((await updated).unreadCount).toBeNull();
    expect((await activity).content.text).toMatch(/^Mei Lin added label /);

    const filtered = await hub.http().get(`${base()}/conversations`).set(as(mei)).query({ labelId: vip.body.id }).expect(200);
    expect(filtered.body.data.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const listed = await hub.http().get(`${base()}/conversations`).set(as(mei)).expect(200);
    expect(listed.body.data.find((c: { id: string }) => c.id === other.conversationId).labels).toEqual([]);

    await hub.http().put(`${base()}/conversations/${conversationId}/labels`).set(as(mei)).send({ labelIds: [follow.body.id] }).expect(200);
    await hub.http().put(`${base()}/conversations/${conversationId}/labels`).set(as(mei)).send({ labelIds: [follow.body.id] }).expect(200); // no change, no line
    await hub.http().put(`${base()}/conversations/${conversationId}/labels`).set(as(mei)).send({ labelIds: [randomUUID()] }).expect(404);
    await hub.http().put(`${base()}/conversations/${conversationId}/labels`).set(as(mei)).send({ labelIds: ['nope'] }).expect(400);
    const history = await hub.http().get(`${base()}/conversations/${conversationId}/messages`).set(as(mei)).expect(200);
    expect(history.body.data.filter((m: { kind: string }) => m.kind === 'activity').map((m: { content: { text: string } }) => m.content.text).sort()).toEqual(
      ['Mei Lin added label Follow-up', 'Mei Lin added label VIP', 'Mei Lin removed label VIP'],
    );

    await hub.http().delete(`${base()}/labels/${follow.body.id}`).set(as(mei)).expect(403);
    await hub.http().delete(`${base()}/labels/${follow.body.id}`).set(as(admin())).expect(204);
    await hub.http().delete(`${base()}/labels/${follow.body.id}`).set(as(admin())).expect(404);
    expect((await hub.http().get(`${base()}/conversations/${conversationId}`).set(as(mei)).expect(200)).body.labels).toEqual([]);
  });

  it('keeps canned responses: every agent searches them, admins write them, short codes are unique', async () => {
    const make = (shortCode: string, content: string) => hub.http().post(`${base()}/canned-responses`).set(as(admin())).send({ shortCode, content });
    const thanks = (await make('thanks', 'Thank you {{contact.first_name}}!').expect(201)).body;
    expect(thanks).toEqual({ id: expect.any(String), shortCode: 'thanks', content: 'Thank you {{contact.first_name}}!', createdAt: expect.any(String), updatedAt: expect.any(String) });
    await make('thanks-vip', 'Thank you, dear {{contact.name}}').expect(201);
    await make('hours', 'We are open 10:00-19:00; thanks for asking').expect(201);
    expect((await make('thanks', 'again').expect(409)).body.error.code).toBe('CONFLICT');
    await make('Thanks!', 'bad code').expect(400);
    await make('x'.repeat(33), 'too long').expect(400);
    await make('empty', '').expect(400);

    const search = (q?: string) => hub.http().get(`${base()}/canned-responses`).set(as(mei)).query(q === undefined ? {} : { q }).expect(200);
    expect((await search()).body.map((c: { shortCode: string }) => c.shortCode)).toEqual(['hours', 'thanks', 'thanks-vip']);
    // Short-code prefix matches first, then content matches.
    expect((await search('tha')).body.map((c: { shortCode: string }) => c.shortCode)).toEqual(['thanks', 'thanks-vip', 'hours']);
    expect((await search('OPEN 10')).body.map((c: { shortCode: string }) => c.shortCode)).toEqual(['hours']);
    expect((await search('%')).body).toEqual([]);

    await make('mine', 'agents cannot').set(as(mei)).expect(403);
    await hub.http().patch(`${base()}/canned-responses/${thanks.id}`).set(as(mei)).send({ content: 'x' }).expect(403);
    await hub.http().delete(`${base()}/canned-responses/${thanks.id}`).set(as(mei)).expect(403);
    const edited = await hub.http().patch(`${base()}/canned-responses/${thanks.id}`).set(as(admin())).send({ content: 'Many thanks {{contact.first_name}}' }).expect(200);
    expect(edited.body).toMatchObject({ shortCode: 'thanks', content: 'Many thanks {{contact.first_name}}' });
    await hub.http().patch(`${base()}/canned-responses/${thanks.id}`).set(as(admin())).send({ shortCode: 'hours' }).expect(409);
    await hub.http().delete(`${base()}/canned-responses/${thanks.id}`).set(as(admin())).expect(204);
    await hub.http().patch(`${base()}/canned-responses/${thanks.id}`).set(as(admin())).send({ content: 'gone' }).expect(404);
  });

  it('notifies only the mentioned agent, live and over REST, and marks notifications read', async () => {
    const { conversationId } = await visitorConversation(['Can I return the scarf?']);
    const [meiSocket, tomSocket] = await Promise.all([socketOf(mei), socketOf(tom)]);
    const tomSaw = record(tomSocket, 'notification.created');
    const notes = `${base()}/conversations/${conversationId}/messages`;

    await hub.http().post(notes).set(as(admin())).send({ content: { type: 'text', text: 'reply' }, mentions: [mei.id] }).expect(400);
    const live = nextEvent(meiSocket, 'notification.created', (n) => n.type === 'mention');
    const note = await hub.http().post(notes).set(as(admin())).send({
      content: { type: 'text', text: '@Mei Lin can you check the return policy?' },
      private: true,
      mentions: [mei.id, mei.id, admin().id, outsider.id, randomUUID()],
    }).expect(201);
    const pushed = await live;
    expect(pushed).toEqual({
      id: expect.any(String), accountId: brand.accountId, agentId: mei.id, type: 'mention', conversationId, messageId: note.body.id,
      actorId: admin().id, actorName: 'Ux Brand Admin', preview: '@Mei Lin can you check the return policy?', readAt: null, createdAt: expect.any(String),
    });
    // Tom was not mentioned; Olga cannot see the inbox; the author does not notify themself.
    const tomRest = await hub.http().get(`${base()}/notifications`).set(as(tom)).expect(200);
    expect(tomRest.body).toEqual({ data: [], nextCursor: null, unreadCount: 0 });
    expect((await hub.http().get(`${base()}/notifications`).set(as(outsider)).expect(200)).body.data).toEqual([]);
    expect((await hub.http().get(`${base()}/notifications`).set(as(admin())).expect(200)).body.data).toEqual([]);
    expect(tomSaw).toEqual([]);

    const meiRest = await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ unread: 'true' }).expect(200);
    expect(meiRest.body).toEqual({ data: [pushed], nextCursor: null, unreadCount: 1 });
    await hub.http().post(`${base()}/notifications/${pushed.id}/read`).set(as(tom)).expect(404);
    const readEvent = nextEvent(meiSocket, 'notifications.read');
    const read = await hub.http().post(`${base()}/notifications/${pushed.id}/read`).set(as(mei)).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect(await readEvent).toEqual({ accountId: brand.accountId, notificationIds: [pushed.id] });
    expect((await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ unread: true }).expect(200)).body).toMatchObject({ data: [], unreadCount: 0 });

    for (let i = 0; i < 3; i++) {
      await hub.http().post(notes).set(as(tom)).send({ content: { type: 'text', text: `ping ${i}` }, private: true, mentions: [mei.id] }).expect(201);
    }
    const page1 = await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ limit: 2 }).expect(200);
    expect(page1.body.data.map((n: { preview: string }) => n.preview)).toEqual(['ping 2', 'ping 1']);
    expect(page1.body.unreadCount).toBe(3);
    const page2 = await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ limit: 2, cursor: page1.body.nextCursor }).expect(200);
    expect(page2.body.data.map((n: { preview: string }) => n.preview)).toEqual(['ping 0', '@Mei Lin can you check the return policy?']);
    expect(page2.body.nextCursor).toBeNull();
    await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ unread: 'maybe' }).expect(400);

    await hub.http().post(`${base()}/notifications/read-all`).set(as(mei)).expect(204);
    expect((await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ unread: true }).expect(200)).body).toMatchObject({ data: [], unreadCount: 0 });
  });

  it('notifies an agent a conversation is assigned to them, never the one who self-assigns', async () => {
    const { conversationId } = await visitorConversation(['Where is my parcel?']);
    const tomSocket = await socketOf(tom);
    const meiSocket = await socketOf(mei);
    const meiSaw = record(meiSocket, 'notification.created');
    const pushed = nextEvent(tomSocket, 'notification.created', (n) => n.type === 'assigned' && n.conversationId === conversationId);
    await hub.http().patch(`${base()}/conversations/${conversationId}`).set(as(mei)).send({ assigneeId: tom.id }).expect(200);
    expect(await pushed).toMatchObject({ agentId: tom.id, actorId: mei.id, actorName: 'Mei Lin', messageId: null, preview: 'Where is my parcel?' });
    await hub.http().patch(`${base()}/conversations/${conversationId}`).set(as(mei)).send({ assigneeId: mei.id }).expect(200);
    const unassignedAgain = await hub.http().get(`${base()}/notifications`).set(as(mei)).query({ unread: true }).expect(200);
    expect(unassignedAgain.body.data.filter((n: { type: string }) => n.type === 'assigned')).toEqual([]);
    expect(meiSaw).toEqual([]);
    const rows = await hub.query<{ agent_id: string }>("SELECT agent_id FROM notification WHERE conversation_id = $1 AND type = 'assigned'", [conversationId]);
    expect(rows.map((r) => r.agent_id)).toEqual([tom.id]);
  });

  it('counts unread customer messages per agent and resets them when that agent reads the thread', async () => {
    const first = await visitorConversation(['hello', 'anyone there?']);
    const id = first.conversationId;
    const unread = async (who: { token: string }) => (await hub.http().get(`${base()}/conversations/${id}`).set(as(who)).expect(200)).body.unreadCount;
    expect(await unread(mei)).toBe(2);
    expect(await unread(tom)).toBe(2);
    // Notes, replies and activity lines are not the customer's: they never count.
    await hub.http().post(`${base()}/conversations/${id}/messages`).set(as(tom)).send({ content: { type: 'text', text: 'on it' }, private: true }).expect(201);
    await hub.http().post(`${base()}/conversations/${id}/messages`).set(as(tom)).send({ content: { type: 'text', text: 'Hi!' } }).expect(201);
    expect(await unread(mei)).toBe(2);

    const meiSocket = await socketOf(mei);
    const readLive = nextEvent(meiSocket, 'conversation.read', (p) => p.conversationId === id);
    await hub.http().post(`${base()}/conversations/${id}/read`).set(as(mei)).expect(204);
    expect(await readLive).toEqual({ accountId: brand.accountId, conversationId: id, readAt: expect.any(String) });
    expect(await unread(mei)).toBe(0);
    expect(await unread(tom)).toBe(2);

    const shared = nextEvent(meiSocket, 'conversation.updated', (c) => c.id === id && c.lastMessagePreview === 'still there?');
    await visitorConversation(['still there?'], first.visitorToken);
    expect((await shared).unreadCount).toBeNull();
    expect(await unread(mei)).toBe(1);
    expect(await unread(tom)).toBe(3);
    const listed = await hub.http().get(`${base()}/conversations`).set(as(tom)).expect(200);
    expect(listed.body.data.find((c: { id: string }) => c.id === id).unreadCount).toBe(3);
    await hub.http().post(`${base()}/conversations/${id}/read`).set(as(tom)).expect(204);
    expect(await unread(tom)).toBe(0);
    await hub.http().post(`${base()}/conversations/${randomUUID()}/read`).set(as(tom)).expect(404);
    await hub.http().post(`${base()}/conversations/${id}/read`).set(as(outsider)).expect(404);
  });

  it('counts Mine / Unassigned / All with the list filters and access rules', async () => {
    const shop = await createBrand(hub, 'Counts Brand');
    const web = await createWebchatInbox(hub, shop);
    const web2 = await createWebchatInbox(hub, shop, { name: 'Second site' });
    const ana = await addNamed(shop, 'Ana Ruiz');
    await hub.http().patch(`/api/v1/accounts/${shop.accountId}/inboxes/${web2.id}`).set(as(shop.admin)).send({ agentIds: [ana.id] }).expect(200);
    const say = async (websiteToken: string, text: string) => {
      const v = visitorSocket(hub, { websiteToken });
      await nextEvent(v, 'session');
      const ack = await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
      v.disconnect();
      return ack.message.conversationId as string;
    };
    const [c1, c2, c3, c4] = [await say(web.websiteToken, 'one'), await say(web.websiteToken, 'two'), await say(web.websiteToken, 'three'), await say(web2.websiteToken, 'four')];
    const url = `/api/v1/accounts/${shop.accountId}`;
    await hub.http().patch(`${url}/conversations/${c1}`).set(as(shop.admin)).send({ assigneeId: shop.admin.id }).expect(200);
    await hub.http().patch(`${url}/conversations/${c2}`).set(as(shop.admin)).send({ assigneeId: ana.id }).expect(200);
    await hub.http().patch(`${url}/conversations/${c4}`).set(as(shop.admin)).send({ assigneeId: ana.id }).expect(200);
    await hub.http().patch(`${url}/conversations/${c3}`).set(as(shop.admin)).send({ status: 'pending' }).expect(200);
    const label = (await hub.http().post(`${url}/labels`).set(as(shop.admin)).send({ name: 'Hot' }).expect(201)).body;
    await hub.http().put(`${url}/conversations/${c1}/labels`).set(as(shop.admin)).send({ labelIds: [label.id] }).expect(200);

    const counts = async (who: { token: string }, query: Record<string, string> = {}) => (await hub.http().get(`${url}/conversations/counts`).set(as(who)).query(query).expect(200)).body;
    expect(await counts(shop.admin)).toEqual({ mine: 1, unassigned: 0, all: 3 });
    expect(await counts(shop.admin, { status: 'all' })).toEqual({ mine: 1, unassigned: 1, all: 4 });
    expect(await counts(shop.admin, { status: 'pending' })).toEqual({ mine: 0, unassigned: 1, all: 1 });
    expect(await counts(shop.admin, { labelId: label.id })).toEqual({ mine: 1, unassigned: 0, all: 1 });
    expect(await counts(shop.admin, { inboxId: web2.id })).toEqual({ mine: 0, unassigned: 0, all: 1 });
    // Ana works the second site only: c2 is hers but in an inbox she cannot see.
    expect(await counts(ana)).toEqual({ mine: 1, unassigned: 0, all: 1 });
    expect(await counts(ana, { inboxId: web.id })).toEqual({ mine: 0, unassigned: 0, all: 0 });
    const mine = await hub.http().get(`${url}/conversations`).set(as(ana)).query({ assignee: 'me' }).expect(200);
    expect(mine.body.data.map((c: { id: string }) => c.id)).toEqual([c4]);
    await hub.http().get(`${url}/conversations/counts`).set(as(shop.admin)).query({ status: 'bogus' }).expect(400);
    await hub.http().get(`${url}/conversations/counts`).set(as(shop.admin)).query({ labelId: 'x' }).expect(400);
  });
});
