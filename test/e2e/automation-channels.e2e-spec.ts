import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AutomationListener } from '@concierge/automation';
import { Clock, FixedClock } from '@concierge/common';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

/** Out-of-office replies over real provider protocols (offline sandbox): WhatsApp Cloud API and Twilio SMS. */
describe('automation over provider channels', () => {
  let w: ChannelWorld;
  let listener: AutomationListener;
  const clock = new FixedClock(new Date('2026-01-10T10:00:00Z')); // Saturday 11:00 in Paris
  const wa = CASES.find((c) => c.type === 'whatsapp_cloud')!;
  const sms = CASES.find((c) => c.type === 'twilio_sms')!;
  const admin = () => ({ Authorization: `Bearer ${w.brand.admin.token}` });
  const botRows = (inboxId: string) =>
    w.hub.query<{ text: string; status: string }>(`SELECT content->>'text' AS text, status FROM message WHERE inbox_id = $1 AND sender_type = 'bot' ORDER BY seq`, [inboxId]);

  beforeAll(async () => {
    w = await channelWorld();
    Object.assign(w.hub.app.get(Clock), { now: () => clock.now() });
    listener = w.hub.app.get(AutomationListener);
    for (const c of [wa, sms]) {
      const inboxId = w.inboxes.get(c.type)!.id;
      const base = `/api/v1/accounts/${w.brand.accountId}/inboxes/${inboxId}`;
      await w.hub.http().put(`${base}/business-hours`).set(admin())
        .send({ timeZone: 'Europe/Paris', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })) }).expect(200);
      await w.hub.http().put(`${base}/automation`).set(admin())
        .send({ intents: { enabled: true }, outOfOffice: { whatsappTemplate: { name: 'we_are_closed', language: 'en_US' } } }).expect(200);
    }
  });

  afterAll(async () => {
    await w?.close();
  });

  it('WhatsApp Cloud: a message outside hours gets one out-of-office reply through the Graph API, even in a 40-message burst', async () => {
    const inboxId = w.inboxes.get('whatsapp_cloud')!.id;
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.inboxId === inboxId && m.sender.type === 'bot' && m.status === 'delivered', 10_000);
    const first = await w.inbound(wa, 'Hi, where is my order 1001?');
    const reply = await delivered;
    expect(reply.content).toMatchObject({ type: 'text', text: expect.stringContaining('Monday 12 January, 09:00 (Europe/Paris time)') });
    const request = w.sandbox.store.outbox.filter((o) => o.line === wa.lineKey).at(-1)!.request as { type: string; text: { body: string } };
    expect(request).toMatchObject({ type: 'text', text: { body: expect.stringContaining("We're closed right now") } });
    // The order question is answered in the same message (commerce is not there yet: polite fallback).
    expect(reply.content).toMatchObject({ text: expect.stringContaining("can't look up order 1001 automatically") });

    const results = await Promise.all(Array.from({ length: 39 }, (_, i) => w.phoneSend(wa, { text: `AUTO ${i}: where is my order 1001?` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await listener.idle();
    await w.sandbox.idle();
    const rows = await botRows(inboxId);
    expect(rows).toHaveLength(1);
    expect(w.sandbox.store.outbox.filter((o) => o.line === wa.lineKey)).toHaveLength(1);
    // Status callbacks (sent, delivered, read) and our own echo never trigger another reply.
    const conversations = await w.hub.query<{ n: string }>(`SELECT count(*) AS n FROM conversation WHERE id = $1`, [first.conversationId]);
    expect(Number(conversations[0]!.n)).toBe(1);
  });

  it('SMS: nothing is sent to a customer who replied STOP', async () => {
    const inboxId = w.inboxes.get('twilio_sms')!.id;
    await w.inbound(sms, 'STOP');
    clock.advance(60_000);
    await w.inbound(sms, 'hello?');
    await listener.idle();
    await w.sandbox.idle();
    expect(await botRows(inboxId)).toHaveLength(0);
    expect(w.sandbox.store.outbox.filter((o) => o.line === sms.lineKey)).toHaveLength(0);
    expect(await w.hub.query(`SELECT opted_out FROM channel_consent WHERE inbox_id = $1`, [inboxId])).toEqual([{ opted_out: true }]);

    // Another customer on the same number, not opted out, does get the out-of-office text by SMS.
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.inboxId === inboxId && m.sender.type === 'bot' && m.status === 'delivered', 10_000);
    const sent = await w.phoneSend(sms, { from: '+16175550999', text: 'hello' });
    expect(sent.status).toBe(200);
    await delivered;
    expect(await botRows(inboxId)).toHaveLength(1);
    expect(w.sandbox.store.outbox.filter((o) => o.line === sms.lineKey).map((o) => (o.request as { To: string }).To)).toEqual(['+16175550999']);
  });
});
