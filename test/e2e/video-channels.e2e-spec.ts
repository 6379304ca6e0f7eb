import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

/** A call started for WhatsApp and SMS customers (offline sandbox providers): they get a link with the hub's PUBLIC_URL. */
describe('video-call invites on provider channels', () => {
  let w: ChannelWorld;

  beforeAll(async () => {
    w = await channelWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it.each(['whatsapp_cloud', 'twilio_whatsapp', 'twilio_sms'] as const)('%s: the customer receives the join link as text and it opens the call page', async (type) => {
    const c = CASES.find((x) => x.type === type)!;
    const inbound = await w.inbound(c, 'Can I see the watch on video?');
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === inbound.conversationId && m.content.type === 'video_call_invite' && m.status !== 'queued', 5000);
    const res = await w.hub.http().post(`/api/v1/accounts/${w.brand.accountId}/conversations/${inbound.conversationId}/calls`).auth(w.brand.admin.token, { type: 'bearer' }).send({}).expect(201);
    const link: string = res.body.participants.find((p: { role: string }) => p.role === 'customer').joinUrl;
    expect(link.startsWith(`${w.hub.config.publicUrl}/call/`)).toBe(true);
    expect((await delivered).status).toBe('sent');
    const out = w.sandbox.store.outbox.filter((o) => o.line === c.lineKey).at(-1)!;
    const text = type === 'whatsapp_cloud' ? (out.request as { text: { body: string } }).text.body : (out.request as { Body: string }).Body;
    expect(text).toBe(`Join the video call: ${link}`);
    // Short enough for one SMS segment (GSM-7, 160 characters) with a typical public URL.
    expect(text.length).toBeLessThanOrEqual(160);
    await w.hub.http().get(new URL(link).pathname).set('Accept', 'text/html').expect(200);
    const lines = await w.hub.query<{ e: string }>(`SELECT content->>'event' AS e FROM message WHERE conversation_id = $1 AND kind = 'activity'`, [inbound.conversationId]);
    expect(lines.map((l) => l.e)).toEqual(['call_invited']);
  });

  it('WhatsApp outside the 24-hour window: the invite is refused up front and no call is left behind', async () => {
    const c = CASES.find((x) => x.type === 'whatsapp_cloud')!;
    const inbound = await w.inbound(c, 'Old question');
    await w.hub.query(`UPDATE conversation SET customer_window_expires_at = now() - interval '1 minute' WHERE id = $1`, [inbound.conversationId]);
    await w.hub.query(`UPDATE video_call SET status = 'ended' WHERE conversation_id = $1`, [inbound.conversationId]);
    const res = await w.hub.http().post(`/api/v1/accounts/${w.brand.accountId}/conversations/${inbound.conversationId}/calls`).auth(w.brand.admin.token, { type: 'bearer' }).send({}).expect(422);
    expect(res.body.error.code).toBe('CUSTOMER_WINDOW_CLOSED');
    const calls = await w.hub.query<{ status: string }>(`SELECT status FROM video_call WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1`, [inbound.conversationId]);
    expect(calls[0]!.status).toBe('cancelled');
  });

  it('a consultation skips a buyer whose channel refuses the invite, and is refused when nobody can be invited', async () => {
    const closed = CASES.find((x) => x.type === 'whatsapp_cloud')!;
    const sms = CASES.find((x) => x.type === 'twilio_sms')!;
    const a = await w.inbound(closed, 'Consultation?');
    const b = await w.inbound(sms, 'Consultation too?');
    await w.hub.query(`UPDATE conversation SET customer_window_expires_at = now() - interval '1 minute' WHERE id = $1`, [a.conversationId]);
    const url = `/api/v1/accounts/${w.brand.accountId}/consultations`;
    const res = await w.hub.http().post(url).auth(w.brand.admin.token, { type: 'bearer' }).send({ title: 'Watches', conversationIds: [a.conversationId, b.conversationId] }).expect(201);
    expect(res.body.participants.filter((p: { role: string }) => p.role === 'customer').map((p: { conversationId: string }) => p.conversationId)).toEqual([b.conversationId]);
    const refused = await w.hub.http().post(url).auth(w.brand.admin.token, { type: 'bearer' }).send({ title: 'Watches', conversationIds: [a.conversationId] }).expect(422);
    expect(refused.body.error.code).toBe('CUSTOMER_WINDOW_CLOSED');
  });
});
