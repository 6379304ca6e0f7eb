import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AutomationListener } from '@concierge/automation';
import { Clock, FixedClock } from '@concierge/common';
import type { Socket } from 'socket.io-client';
import { addAgent, agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { emitAck, nextEvent, record } from '../support/sockets.js';

/**
 * Automation through the real hub: business hours, out-of-office with the loop guard, greeting,
 * intents, auto-assignment with presence, SLA warnings. The hub's Clock singleton is driven by a
 * FixedClock (no sleeps); periodic work runs by calling the listener's tick().
 */
/**
 * The hub sends the presence snapshot once it has put an agent socket in its rooms and marked the agent
 * online: from then on the socket hears every event (a bare `connect` can come before that).
 */
const ready = (socket: Parameters<typeof nextEvent>[0]) => nextEvent(socket, 'presence.snapshot');

describe('automation end to end', () => {
  let hub: TestHub;
  let brand: Brand;
  let listener: AutomationListener;
  const clock = new FixedClock(new Date('2026-01-10T10:00:00Z')); // Saturday 11:00 in Paris
  const sockets: Socket[] = [];
  const track = <S extends Socket>(s: S): S => (sockets.push(s), s);
  const base = () => `/api/v1/accounts/${brand.accountId}`;
  const admin = () => ({ Authorization: `Bearer ${brand.admin.token}` });
  const PARIS_WEEKDAYS = { timeZone: 'Europe/Paris', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })) };

  const send = (v: Socket, text: string) => emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
  const visitor = async (websiteToken: string) => {
    const v = track(visitorSocket(hub, { websiteToken }));
    await nextEvent(v, 'session');
    return v;
  };
  const botMessages = (conversationId: string) =>
    hub.query<{ text: string; status: string }>(
      `SELECT content->>'text' AS text, status FROM message WHERE conversation_id = $1 AND sender_type = 'bot' ORDER BY seq`,
      [conversationId],
    );
  const setup = async (hours: object | null, settings: object, agentIds: string[] = []) => {
    const inbox = await createWebchatInbox(hub, brand, agentIds.length ? { agentIds } : {});
    if (hours) await hub.http().put(`${base()}/inboxes/${inbox.id}/business-hours`).set(admin()).send(hours).expect(200);
    await hub.http().put(`${base()}/inboxes/${inbox.id}/automation`).set(admin()).send(settings).expect(200);
    return inbox;
  };

  beforeAll(async () => {
    hub = await startHub();
    // Every time-dependent component reads the same Clock singleton: drive it from the test.
    Object.assign(hub.app.get(Clock), { now: () => clock.now() });
    listener = hub.app.get(AutomationListener);
    brand = await createBrand(hub, 'Maison Automation');
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await hub.close();
  });

  it('validates configuration per field and lets only admins write it', async () => {
    const inbox = await createWebchatInbox(hub, brand);
    const bad = await hub.http().put(`${base()}/inboxes/${inbox.id}/business-hours`).set(admin())
      .send({ timeZone: 'Europe/Pariss', weekly: [{ day: 0, open: '9am', close: '18:00' }], holidays: [{ date: '2026-13-01', name: 'x' }] }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['holidays[0].date', 'timeZone', 'weekly[0].day', 'weekly[0].open']);
    const badSettings = await hub.http().put(`${base()}/inboxes/${inbox.id}/automation`).set(admin()).send({ assignment: { mode: 'capacity' }, sla: { firstResponseMinutes: 0 } }).expect(400);
    expect(badSettings.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['assignment.maxOpenPerAgent', 'sla.firstResponseMinutes']);
    const unknownTeam = await hub.http().put(`${base()}/inboxes/${inbox.id}/automation`).set(admin()).send({ assignment: { teamId: randomUUID() } }).expect(400);
    expect(unknownTeam.body.error.details[0].field).toBe('assignment.teamId');

    const member = await addAgent(hub, brand);
    await hub.http().patch(`${base()}/inboxes/${inbox.id}`).set(admin()).send({ agentIds: [member.id] }).expect(200);
    const asMember = { Authorization: `Bearer ${member.token}` };
    await hub.http().put(`${base()}/inboxes/${inbox.id}/business-hours`).set(asMember).send(PARIS_WEEKDAYS).expect(403);
    expect((await hub.http().get(`${base()}/inboxes/${inbox.id}/business-hours`).set(asMember).expect(200)).body).toMatchObject({ configured: false });
    expect((await hub.http().get(`${base()}/inboxes/${inbox.id}/automation`).set(asMember).expect(200)).body.assignment.mode).toBe('none');
    const other = await createBrand(hub, 'Other Brand');
    await hub.http().get(`/api/v1/accounts/${other.accountId}/inboxes/${inbox.id}/business-hours`).auth(other.admin.token, { type: 'bearer' }).expect(404);
  });

  it('outside business hours: exactly one out-of-office reply with the next opening in the inbox zone, even for 40 messages', async () => {
    clock.set('2026-01-10T10:00:00Z');
    const inbox = await setup(PARIS_WEEKDAYS, { locales: ['en', 'zh-CN'], intents: { enabled: true } });
    const availability = await hub.http().get(`${base()}/inboxes/${inbox.id}/availability`).set(admin()).expect(200);
    expect(availability.body).toEqual({ open: false, nextOpenAt: '2026-01-12T08:00:00.000Z', closesAt: null, timeZone: 'Europe/Paris', configured: true });

    const v = track(visitorSocket(hub, { websiteToken: inbox.websiteToken }));
    // The widget's offline banner says when the brand is back, from the same hours.
    expect(await nextEvent(v, 'session')).toMatchObject({ online: false, nextOpenAt: '2026-01-12T08:00:00.000Z' });
    const reply = nextEvent(v, 'message.created', (m) => m.sender.type === 'bot');
    const first = await send(v, 'Hello, is the Kelly still available?');
    expect(first.ok).toBe(true);
    const ooo = await reply;
    expect(ooo.content.text).toContain('Monday 12 January, 09:00 (Europe/Paris time)');
    expect(ooo.sender).toEqual({ type: 'bot', name: null });

    // Another bot answers with a burst: 39 more messages within the same 30 s, each one an intent the bot
    // would otherwise answer — the loop guard keeps it to the single reply.
    const seen = record(v, 'message.created');
    await Promise.all(Array.from({ length: 39 }, (_, i) => send(v, `AUTO-REPLY ${i}: where is my order 1001?`)));
    await listener.idle();
    clock.advance(20_000);
    await send(v, 'still there?');
    await listener.idle();
    const conversationId = first.message.conversationId as string;
    expect(await botMessages(conversationId)).toHaveLength(1);
    expect(seen.filter((m) => m.sender.type === 'bot')).toHaveLength(0);
    // The bot reply is in the thread for assistants, marked as from the bot, and delivered.
    const thread = await hub.http().get(`${base()}/conversations/${conversationId}/messages`).set(admin()).expect(200);
    expect(thread.body.data.filter((m: { sender: { type: string } }) => m.sender.type === 'bot')).toHaveLength(1);
  });

  it('a second inbox in another zone answers in Chinese with greeting and opening hours', async () => {
    clock.set('2026-01-12T09:00:00Z'); // Monday 17:00 in Shanghai (open), 10:00 in Paris
    const inbox = await setup(
      { timeZone: 'Asia/Shanghai', weekly: [1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '10:00', close: '20:00' })), holidays: [{ date: '2026-02-17', name: '春节' }] },
      { locales: ['zh-CN', 'en'], greeting: { enabled: true, texts: { 'zh-CN': '欢迎光临 Maison！', en: 'Welcome to Maison!' } }, intents: { enabled: true } },
    );
    const v = await visitor(inbox.websiteToken);
    const reply = nextEvent(v, 'message.created', (m) => m.sender.type === 'bot');
    await send(v, '几点开门？');
    expect((await reply).content.text).toBe('欢迎光临 Maison！\n\n我们现在营业中，今天营业至 20:00（Asia/Shanghai 时间）。营业时间：周一 10:00–20:00，周二 10:00–20:00，周三 10:00–20:00，周四 10:00–20:00，周五 10:00–20:00，周六 10:00–20:00。');

    // Brand FAQ, then "talk to a human" (nobody online: the bot says so and hands over).
    await hub.http().post(`${base()}/inboxes/${inbox.id}/faqs`).set(admin())
      .send({ title: 'Returns', phrases: { en: ['return policy'], 'zh-CN': ['退货政策', '可以退货吗'] }, answers: { en: 'Returns within 30 days.', 'zh-CN': '30天内可退货。' } }).expect(201);
    clock.advance(10_000);
    const faq = nextEvent(v, 'message.created', (m) => m.sender.type === 'bot');
    await send(v, 'What is your return policy?');
    expect((await faq).content.text).toBe('Returns within 30 days.');
    clock.advance(10_000);
    const human = nextEvent(v, 'message.created', (m) => m.sender.type === 'bot');
    await send(v, '转人工');
    expect((await human).content.text).toBe('已为您转接人工客服，顾问上线后会立即回复您。');
  });

  it('inside hours: assigned to the online assistant, reassigned when they stay offline, sticky for the returning customer', async () => {
    clock.set('2026-01-12T09:00:00Z'); // Monday 10:00 Paris
    const mei = await addAgent(hub, brand);
    const tom = await addAgent(hub, brand);
    const inbox = await setup(PARIS_WEEKDAYS, { assignment: { mode: 'round_robin', offlineGraceSeconds: 120 } }, [mei.id, tom.id]);
    const meiSocket = track(agentSocket(hub, mei.token));
    await ready(meiSocket);

    const v = await visitor(inbox.websiteToken);
    const assigned = nextEvent(meiSocket, 'conversation.updated', (c) => c.assignee?.id === mei.id);
    const notified = nextEvent(meiSocket, 'notification.created', (n) => n.type === 'assigned');
    const first = await send(v, 'Bonjour');
    const conversationId = first.message.conversationId as string;
    expect((await assigned).id).toBe(conversationId);
    expect(await notified).toMatchObject({ conversationId, agentId: mei.id, actorId: null, actorName: 'Automation' });
    const activity = await hub.query<{ text: string }>(`SELECT content->>'text' AS text FROM message WHERE conversation_id = $1 AND kind = 'activity'`, [conversationId]);
    expect(activity.map((a) => a.text)).toEqual([expect.stringMatching(/^Assigned to .+ automatically \(round robin\)$/)]);

    // Tom comes online; Mei leaves. Before the grace period nothing moves; after it Tom takes over.
    const tomSocket = track(agentSocket(hub, tom.token));
    await ready(tomSocket);
    meiSocket.disconnect();
    await nextEvent(tomSocket, 'presence.updated', (p) => p.agentId === mei.id && p.status === 'offline');
    clock.advance(60_000);
    await listener.tick();
    expect((await hub.http().get(`${base()}/conversations/${conversationId}`).set(admin()).expect(200)).body.assignee.id).toBe(mei.id);
    clock.advance(61_000);
    const moved = nextEvent(tomSocket, 'conversation.updated', (c) => c.id === conversationId && c.assignee?.id === tom.id);
    await listener.tick();
    await moved;

    // Resolved; the same customer comes back while both are online: back to Tom (sticky), not round robin.
    await hub.http().patch(`${base()}/conversations/${conversationId}`).set(admin()).send({ status: 'resolved' }).expect(200);
    const meiAgain = track(agentSocket(hub, mei.token));
    await ready(meiAgain);
    clock.advance(60_000);
    const again = await send(v, 'Me again about my order');
    await listener.idle();
    expect(again.message.conversationId).not.toBe(conversationId);
    expect((await hub.http().get(`${base()}/conversations/${again.message.conversationId}`).set(admin()).expect(200)).body.assignee.id).toBe(tom.id);
  });

  it('SLA: the first-response clock is visible, warns and breaches over the agent socket, pauses outside hours, and reports count business time only', async () => {
    clock.set('2026-01-12T09:00:00Z'); // Monday 10:00 Paris
    const inbox = await setup(PARIS_WEEKDAYS, { sla: { firstResponseMinutes: 10, resolutionMinutes: 600, warnBeforeMinutes: 3 } });
    const agent = track(agentSocket(hub, brand.admin.token));
    await ready(agent);
    const slaEvents = record(agent, 'conversation.sla');
    const v = await visitor(inbox.websiteToken);
    const { message } = await send(v, 'Can I book a fitting?');
    await listener.idle();
    const id = message.conversationId as string;

    const sla = await hub.http().get(`${base()}/conversations/${id}/sla`).set(admin()).expect(200);
    expect(sla.body).toMatchObject({ paused: false, timeZone: 'Europe/Paris', firstResponse: { targetMinutes: 10, dueAt: '2026-01-12T09:10:00.000Z', state: 'running', remainingSeconds: 600 } });

    clock.advance(8 * 60_000);
    const warning = nextEvent(agent, 'conversation.sla', (e) => e.conversationId === id && e.state === 'warning');
    await listener.tick();
    expect(await warning).toEqual({ accountId: brand.accountId, conversationId: id, inboxId: inbox.id, kind: 'first_response', state: 'warning', dueAt: '2026-01-12T09:10:00.000Z' });
    await listener.tick(); // a second tick does not repeat it
    clock.advance(3 * 60_000);
    const breached = nextEvent(agent, 'conversation.sla', (e) => e.conversationId === id && e.state === 'breached');
    await listener.tick();
    await breached;
    expect(slaEvents.filter((e) => e.conversationId === id).map((e) => e.state)).toEqual(['warning', 'breached']);

    // The assistant replies (a bot message would not count); the tick records it.
    await hub.http().post(`${base()}/conversations/${id}/messages`).set(admin()).send({ content: { type: 'text', text: 'Of course!' } }).expect(201);
    await listener.tick();
    const after = await hub.http().get(`${base()}/conversations/${id}/sla`).set(admin()).expect(200);
    expect(after.body.firstResponse).toMatchObject({ state: 'missed', elapsedSeconds: 660 });

    // Friday 17:55 Paris: a 10-minute target is due Monday 09:05; over the weekend the clock is paused.
    clock.set('2026-01-16T16:55:00Z');
    const v2 = await visitor(inbox.websiteToken);
    const late = await send(v2, 'One more question before the weekend');
    await listener.idle();
    clock.set('2026-01-17T12:00:00Z');
    const paused = await hub.http().get(`${base()}/conversations/${late.message.conversationId}/sla`).set(admin()).expect(200);
    expect(paused.body).toMatchObject({ paused: true, firstResponse: { dueAt: '2026-01-19T08:05:00.000Z', state: 'paused', elapsedSeconds: 300, remainingSeconds: 300 } });

    const report = await hub.http().get(`${base()}/reports/sla`).query({ from: '2026-01-12T00:00:00Z', to: '2026-01-18T00:00:00Z', inboxId: inbox.id }).set(admin()).expect(200);
    expect(report.body).toMatchObject({ conversations: 2, firstResponse: { count: 1, medianSeconds: 660, p90Seconds: 660, breached: 1, met: 0 } });
    await hub.http().get(`${base()}/reports/sla`).query({ from: 'yesterday' }).set(admin()).expect(400);
  });
});
