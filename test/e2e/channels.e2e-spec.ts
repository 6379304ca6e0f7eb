import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelInput, channelWorld, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

/**
 * The "done when", through the real HTTP paths: the sandbox plays Twilio and Meta (signed
 * webhooks, REST APIs, status callbacks), the hub runs its real adapters, an agent watches the socket.
 */
describe('provider channels end to end (offline sandbox)', () => {
  let w: ChannelWorld;

  beforeAll(async () => {
    w = await channelWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  const lastInboundWebhook = (lineKey: string) => w.sandbox.store.webhooks.filter((x) => x.kind === 'inbound' && x.line === lineKey).at(-1)!;

  describe.each(CASES.map((c) => [c.type, c] as const))('%s', (_type, c) => {
    it('a signed inbound message reaches the agent live; the reply reaches the provider; statuses update the view', async () => {
      const inbox = w.inboxes.get(c.type)!;
      const message = await w.inbound(c, 'Is the Kelly bag in stock?', { profileName: 'Ana Souza' });
      expect(message).toMatchObject({ content: { type: 'text', text: 'Is the Kelly bag in stock?' }, status: 'received', sender: { type: 'contact' } });
      expect(await w.messageCount(inbox.id)).toBe(1);

      const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === message.conversationId && m.status === 'delivered');
      const reply = await w.reply(message.conversationId, { type: 'text', text: 'Yes — in gold, size 28.' });
      expect(reply.status).toBe(201);
      expect(reply.body.status).toBe('queued');
      expect((await delivered).id).toBe(reply.body.id);

      const request = w.sandbox.store.outbox.filter((o) => o.line === c.lineKey).at(-1)!.request;
      if (c.type === 'whatsapp_cloud') {
        expect(request).toMatchObject({ messaging_product: 'whatsapp', to: c.customer.slice(1), type: 'text', text: { body: 'Yes — in gold, size 28.' } });
      } else {
        const prefix = c.type === 'twilio_whatsapp' ? 'whatsapp:' : '';
        expect(request).toMatchObject({ To: `${prefix}${c.customer}`, From: `${prefix}${c.lineKey}`, Body: 'Yes — in gold, size 28.', StatusCallback: inbox.webhookUrls.status });
      }
      const stored = await w.hub.query<{ source_id: string }>('SELECT source_id FROM message WHERE id = $1', [reply.body.id]);
      expect(stored[0]!.source_id).toMatch(c.type === 'whatsapp_cloud' ? /^wamid\./ : /^SM[0-9a-f]{32}$/);
      const events = await w.hub.query<{ status: string }>('SELECT status FROM message_status_event WHERE message_id = $1 ORDER BY id', [reply.body.id]);
      expect(events.map((e) => e.status)).toEqual(expect.arrayContaining(['queued', 'sent', 'delivered']));
    });

    it('refuses forged, tampered and unsigned webhooks with nothing stored', async () => {
      const inbox = w.inboxes.get(c.type)!;
      const before = await w.messageCount(inbox.id);
      const record = lastInboundWebhook(c.lineKey);
      const post = (body: string, headers: Record<string, string>) => fetch(record.url, { method: 'POST', headers: { 'content-type': record.contentType, ...headers }, body });
      const header = c.type === 'whatsapp_cloud' ? 'x-hub-signature-256' : 'x-twilio-signature';
      const genuine = Object.entries(record.headers).find(([k]) => k.toLowerCase() === header)![1];
      const tampered = record.body.replace('Kelly', 'Birkin');
      expect(tampered).not.toBe(record.body);

      const forged = await post(record.body, { [header]: c.type === 'whatsapp_cloud' ? `sha256=${'0'.repeat(64)}` : 'bm90IGEgc2lnbmF0dXJl' });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('INVALID_SIGNATURE');
      expect((await post(tampered, { [header]: genuine })).status).toBe(401);
      expect((await post(record.body, {})).status).toBe(401);
      expect(await w.messageCount(inbox.id)).toBe(before);
    });

    it('stores a provider message delivered 50 times concurrently exactly once, with one agent event', async () => {
      const inbox = w.inboxes.get(c.type)!;
      const seen: MessageView[] = [];
      const listener = (m: MessageView) => void (m.inboxId === inbox.id && m.content.type === 'text' && m.content.text === 'once' && seen.push(m));
      w.agent.on('message.created', listener);
      await w.inbound(c, 'once');
      const before = await w.messageCount(inbox.id);
      const record = lastInboundWebhook(c.lineKey);
      const replies = await Promise.all(
        Array.from({ length: 50 }, () => fetch(record.url, { method: 'POST', headers: { 'content-type': record.contentType, ...record.headers }, body: record.body })),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(await w.messageCount(inbox.id)).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 100));
      w.agent.off('message.created', listener);
      expect(seen).toHaveLength(1);
    });
  });

  it('refuses a Twilio webhook signed for another account (403) and a WhatsApp handshake with a wrong token', async () => {
    const sms = CASES[0]!;
    const inbox = w.inboxes.get(sms.type)!;
    const { default: twilio } = await import('twilio');
    const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: `AC${randomBytes(16).toString('hex')}`, From: sms.customer, To: sms.lineKey, Body: 'hi', NumMedia: '0' };
    const signature = twilio.getExpectedTwilioSignature(sms.secrets.authToken!, inbox.webhookUrls.events, params);
    const res = await fetch(inbox.webhookUrls.events, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ACCOUNT_MISMATCH');

    const cloud = CASES[2]!;
    const url = w.inboxes.get(cloud.type)!.webhookUrls.events;
    const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${cloud.secrets.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });

  it('answers 404 for unknown inboxes and for a provider path that is not the inbox’s', async () => {
    const cloudInbox = w.inboxes.get('whatsapp_cloud')!;
    expect((await fetch(cloudInbox.webhookUrls.events.replace('/whatsapp/', '/twilio/'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${w.hub.url}/webhooks/twilio/${randomBytes(16).toString('hex')}`, { method: 'POST' })).status).toBe(404);
  });
});

describe('provider base URLs in production', () => {
  it('refuses an apiBaseUrl on a private or loopback address unless allowed', async () => {
    const { startHub, createBrand } = await import('../support/hub.js');
    const hub = await startHub({ ALLOW_PRIVATE_PROVIDER_URLS: 'false' });
    try {
      const brand = await createBrand(hub, 'Maison Prod');
      const res = await hub.http()
        .post(`/api/v1/accounts/${brand.accountId}/inboxes`)
        .auth(brand.admin.token, { type: 'bearer' })
        .send({ name: 'SMS', channel: { ...channelInput(CASES[0]!, 'http://127.0.0.1:9'), type: 'twilio_sms' } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'channel.apiBaseUrl' })]);
    } finally {
      await hub.close();
    }
  });
});
