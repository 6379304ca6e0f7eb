import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelWorld, type ChannelCase, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

/** Channel rules a provider enforces and the hub must honour before calling it: opt-outs, windows, media, order. */
describe('provider channel rules (offline sandbox)', () => {
  let w: ChannelWorld;
  const [sms, twilioWa, cloud] = CASES as [ChannelCase, ChannelCase, ChannelCase];
  const fresh = (c: ChannelCase): ChannelCase => ({ ...c, customer: `+1212555${String(1000 + Math.floor(Math.random() * 8999))}` });

  beforeAll(async () => {
    // One send per second on the SMS line at the fake provider: bursts meet real 429s with Retry-After.
    w = await channelWorld({ sandbox: { statusDelayMs: 0 }, lineRates: { twilio_sms: 1 } });
  });

  afterAll(async () => {
    await w?.close();
  });

  it('records SMS STOP and START per number, refusing replies in between with nothing sent', async () => {
    const c = fresh(sms);
    const stop = await w.inbound(c, 'STOP');
    const outboxBefore = w.sandbox.store.outbox.length;
    const refused = await w.reply(stop.conversationId, { type: 'text', text: 'Sorry to see you go' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('RECIPIENT_OPTED_OUT');
    expect(w.sandbox.store.outbox.length).toBe(outboxBefore);

    await w.inbound(c, 'START');
    const sent = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === stop.conversationId && m.status === 'delivered');
    expect((await w.reply(stop.conversationId, { type: 'text', text: 'Welcome back' })).status).toBe(201);
    await sent;
  });

  const readAt = async (c: ChannelCase): Promise<string | undefined> => {
    const until = Date.now() + 3000;
    const record = () => w.sandbox.store.inbound.filter((r) => r.from === c.customer).at(-1);
    while (!record()?.readAt && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    return record()?.readAt;
  };

  it('marks a WhatsApp Cloud message read when an assistant opens the thread', async () => {
    const c = fresh(cloud);
    const message = await w.inbound(c, 'Can someone read this?');
    expect(w.sandbox.store.inbound.filter((r) => r.from === c.customer).at(-1)!.readAt).toBeUndefined();
    await w.hub.http().post(`/api/v1/accounts/${w.brand.accountId}/conversations/${message.conversationId}/read`).auth(w.brand.admin.token, { type: 'bearer' }).expect(204);
    expect(await readAt(c)).toBeDefined();
  });

  it('shows the WhatsApp customer that an assistant is typing (Twilio typing indicator, which also marks read)', async () => {
    const c = fresh(twilioWa);
    const message = await w.inbound(c, 'Anyone there?');
    w.agent.emit('typing', { conversationId: message.conversationId, typing: true });
    expect(await readAt(c)).toBeDefined();
  });

  it('exposes SMS segments for the composer', async () => {
    const inboxId = w.inboxes.get('twilio_sms')!.id;
    const measure = (text: string) =>
      w.hub.http().post(`/api/v1/accounts/${w.brand.accountId}/inboxes/${inboxId}/measure`).auth(w.brand.admin.token, { type: 'bearer' }).send({ text });
    expect((await measure('a'.repeat(160))).body).toEqual({ characters: 160, segments: 1, encoding: 'GSM-7' });
    expect((await measure('a'.repeat(161))).body).toMatchObject({ segments: 2, encoding: 'GSM-7' });
    expect((await measure('Merci 😊')).body).toMatchObject({ segments: 1, encoding: 'UCS-2' });
  });

  it('tracks the WhatsApp 24-hour window per conversation and allows only templates once it closed', async () => {
    const c = fresh(cloud);
    const first = await w.inbound(c, 'Hello from WhatsApp');
    const view = await w.hub.http().get(`/api/v1/accounts/${w.brand.accountId}/conversations/${first.conversationId}`).auth(w.brand.admin.token, { type: 'bearer' });
    const expires = Date.parse(view.body.customerWindowExpiresAt);
    expect(Math.abs(expires - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);

    await w.hub.query(`UPDATE conversation SET customer_window_expires_at = now() - interval '1 minute' WHERE id = $1`, [first.conversationId]);
    const outboxBefore = w.sandbox.store.outbox.length;
    const refused = await w.reply(first.conversationId, { type: 'text', text: 'Are you still there?' });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('CUSTOMER_WINDOW_CLOSED');
    expect(w.sandbox.store.outbox.length).toBe(outboxBefore);

    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === first.conversationId && m.status === 'delivered');
    const template = await w.reply(first.conversationId, { type: 'template', name: 'order_update', language: 'en_US', variables: { '1': 'Ana' }, preview: 'Hi Ana, your order shipped' });
    expect(template.status).toBe(201);
    await delivered;
    expect(w.sandbox.store.outbox.at(-1)!.request).toMatchObject({
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] },
    });
  });

  it.each([
    ['twilio_whatsapp', twilioWa],
    ['whatsapp_cloud', cloud],
  ] as const)('stores inbound %s media in the hub and serves it at a capability URL', async (_name, base) => {
    const c = fresh(base);
    // The PNG signature, then noise: the hub checks that a file is what its type says (magic bytes).
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2040)]);
    const seen = nextEvent<MessageView>(w.agent, 'message.created', (m) => m.direction === 'in' && m.content.type === 'media');
    await w.phoneSend(c, { text: 'This one?', media: { mimeType: 'image/png', dataBase64: png.toString('base64'), filename: 'bag.png' } });
    const message = await seen;
    expect(message.content).toMatchObject({ type: 'media', mediaType: 'image', mimeType: 'image/png', caption: 'This one?', sizeBytes: 2048 });
    const url = (message.content as { url: string }).url;
    expect(url.startsWith(`${w.hub.url}/media/`)).toBe(true);
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(url.replace(/\/[^/]+$/, '/forged'))).status).toBe(404);
  });

  it('quarantines a malformed item of a Cloud API batch and stores the rest (200)', async () => {
    const inbox = w.inboxes.get('whatsapp_cloud')!;
    const from = '15005550006';
    const value = (message: Record<string, unknown>) => ({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '12025550143', phone_number_id: cloud.lineKey },
      contacts: [{ profile: { name: 'Batch' }, wa_id: from }],
      messages: [message],
    });
    const good = { from, id: `wamid.${randomBytes(12).toString('hex')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'good item' } };
    const poison = { from, timestamp: 'soon', type: 'text', text: 42 };
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: value(poison) }, { field: 'messages', value: value(good) }] }] });
    const signature = `sha256=${createHmac('sha256', cloud.secrets.appSecret!).update(body).digest('hex')}`;
    const quarantinedBefore = Number((await w.hub.query<{ n: string }>('SELECT count(*) AS n FROM webhook_quarantine WHERE inbox_id = $1', [inbox.id]))[0]!.n);
    const res = await fetch(inbox.webhookUrls.events, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    expect(res.status).toBe(200);
    expect(await w.hub.query('SELECT 1 FROM message WHERE source_id = $1', [good.id])).toHaveLength(1);
    const quarantined = Number((await w.hub.query<{ n: string }>('SELECT count(*) AS n FROM webhook_quarantine WHERE inbox_id = $1', [inbox.id]))[0]!.n);
    expect(quarantined).toBe(quarantinedBefore + 1);
  });

  it('keeps every status event and shows the strongest, whatever order and however often they arrive', async () => {
    const c = fresh(cloud);
    const inbox = w.inboxes.get('whatsapp_cloud')!;
    const first = await w.inbound(c, 'status order please');
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === first.conversationId && m.status === 'delivered');
    const reply = await w.reply(first.conversationId, { type: 'text', text: 'tracking statuses' });
    await delivered;
    const [{ source_id: wamid }] = (await w.hub.query<{ source_id: string }>('SELECT source_id FROM message WHERE id = $1', [reply.body.id])) as [{ source_id: string }];
    const statusWebhook = async (status: string, errors?: unknown[]) => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '12025550143', phone_number_id: cloud.lineKey },
          statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: c.customer.slice(1), ...(errors && { errors }) }],
        } }] }],
      });
      const signature = `sha256=${createHmac('sha256', cloud.secrets.appSecret!).update(body).digest('hex')}`;
      const res = await fetch(inbox.webhookUrls.events, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
      expect(res.status).toBe(200);
    };
    await statusWebhook('read');
    await statusWebhook('delivered');
    await statusWebhook('read');
    await statusWebhook('failed', [{ code: 131026, title: 'Message undeliverable' }]);
    const [row] = await w.hub.query<{ status: string }>('SELECT status FROM message WHERE id = $1', [reply.body.id]);
    expect(row!.status).toBe('read');
    const events = await w.hub.query<{ status: string }>('SELECT status FROM message_status_event WHERE message_id = $1 ORDER BY id', [reply.body.id]);
    expect(events.filter((e) => e.status === 'read')).toHaveLength(2);
    expect(events.map((e) => e.status)).toContain('failed');
  });

  it('keeps per-conversation order through provider 429s, retrying after Retry-After', async () => {
    const c = fresh(sms);
    const first = await w.inbound(c, 'Send me the details');
    const texts = ['one', 'two', 'three'];
    const lastDelivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.content.type === 'text' && m.content.text === 'three' && m.status === 'delivered', 15_000);
    for (const text of texts) expect((await w.reply(first.conversationId, { type: 'text', text })).status).toBe(201);
    await lastDelivered;
    const bodies = w.sandbox.store.outbox.filter((o) => o.to === c.customer).map((o) => o.request.Body);
    expect(bodies).toEqual(texts);
    expect(w.sandbox.store.rejections.some((r) => r.httpStatus === 429)).toBe(true);
  }, 20_000);

  it('joins the same phone on SMS and WhatsApp into one contact, and 20 concurrent first messages into one conversation', async () => {
    const phone = `+1617555${String(1000 + Math.floor(Math.random() * 8999))}`;
    const onSms = await w.inbound({ ...sms, customer: phone }, 'via sms');
    const onWa = await w.inbound({ ...twilioWa, customer: phone }, 'via whatsapp');
    const contactOf = async (conversationId: string) =>
      (await w.hub.http().get(`/api/v1/accounts/${w.brand.accountId}/conversations/${conversationId}`).auth(w.brand.admin.token, { type: 'bearer' })).body.contact.id;
    expect(await contactOf(onSms.conversationId)).toBe(await contactOf(onWa.conversationId));

    const burst = { ...cloud, customer: `+1415555${String(1000 + Math.floor(Math.random() * 8999))}` };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => w.phoneSend(burst, { text: `burst ${i}` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await w.hub.query<{ conversations: string; contacts: string; messages: string }>(
      `SELECT count(DISTINCT c.id) AS conversations, count(DISTINCT cc.contact_id) AS contacts, count(m.id) AS messages
         FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN contact_channel cc ON cc.id = c.contact_channel_id
        WHERE cc.address = $1`,
      [burst.customer],
    );
    expect(rows[0]).toEqual({ conversations: '1', contacts: '1', messages: '20' });
  });

  it('pauses an inbox whose credentials the provider refuses (190), tells the agents, and resumes when they are fixed', async () => {
    const c = fresh(cloud);
    const inboxId = w.inboxes.get('whatsapp_cloud')!.id;
    const patch = (channel: Record<string, unknown>) =>
      w.hub.http().patch(`/api/v1/accounts/${w.brand.accountId}/inboxes/${inboxId}`).auth(w.brand.admin.token, { type: 'bearer' }).send({ channel });
    const first = await w.inbound(c, 'Token test');
    expect((await patch({ accessToken: 'EAAG-revoked-token' })).status).toBe(200);

    const paused = nextEvent<{ inboxId: string; status: string; detail: string }>(w.agent, 'inbox.status', (p) => p.inboxId === inboxId && p.status === 'paused');
    const failed = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === first.conversationId && m.status === 'failed');
    expect((await w.reply(first.conversationId, { type: 'text', text: 'Will this go?' })).status).toBe(201);
    expect((await failed).error).toMatchObject({ code: 'AUTH_FAILED' });
    await paused;
    const refused = await w.reply(first.conversationId, { type: 'text', text: 'And this?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('INBOX_PAUSED');

    const resumed = await patch({ accessToken: cloud.secrets.accessToken });
    expect(resumed.body).toMatchObject({ status: 'active', statusDetail: null });
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === first.conversationId && m.status === 'delivered');
    expect((await w.reply(first.conversationId, { type: 'text', text: 'Back in business' })).status).toBe(201);
    await delivered;
  });
});
