import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { startSandbox, type SandboxHandle } from '../../apps/sandbox/src/sandbox.js';
import { agentSocket, createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';
import { connected, nextEvent } from '../support/sockets.js';

/**
 * The "done when", through the real HTTP paths: the sandbox plays Twilio and Meta (signed
 * webhooks, REST APIs, status callbacks), the hub runs its real adapters, an agent watches the socket.
 */
const hex = (n: number) => randomBytes(n).toString('hex');

interface ChannelCase {
  type: 'twilio_sms' | 'twilio_whatsapp' | 'whatsapp_cloud';
  lineKey: string;
  channel(sandboxUrl: string): Record<string, unknown>;
  secrets: Record<string, string>;
}

const accountSid = `AC${hex(16)}`;
const CASES: ChannelCase[] = [
  {
    type: 'twilio_sms',
    lineKey: '+14155550100',
    secrets: { authToken: hex(16) },
    channel(url) {
      return { type: this.type, accountSid, authToken: this.secrets.authToken, phoneNumber: this.lineKey, apiBaseUrl: url };
    },
  },
  {
    type: 'twilio_whatsapp',
    lineKey: '+14155238886',
    secrets: { authToken: hex(16) },
    channel(url) {
      return { type: this.type, accountSid, authToken: this.secrets.authToken, phoneNumber: this.lineKey, apiBaseUrl: url };
    },
  },
  {
    type: 'whatsapp_cloud',
    lineKey: '109876543210987',
    secrets: { accessToken: `EAAG${hex(24)}`, appSecret: hex(16), verifyToken: hex(8) },
    channel(url) {
      return { type: this.type, phoneNumberId: this.lineKey, phoneNumber: '+12025550143', businessAccountId: '102290129340398', ...this.secrets, apiBaseUrl: url };
    },
  },
];

function line(c: ChannelCase, webhookUrl: string) {
  if (c.type === 'whatsapp_cloud') {
    return { provider: c.type, phoneNumberId: c.lineKey, displayPhoneNumber: '+12025550143', wabaId: '102290129340398', accessToken: c.secrets.accessToken!, appSecret: c.secrets.appSecret!, webhookUrl };
  }
  return { provider: c.type, accountSid, authToken: c.secrets.authToken!, phoneNumber: c.lineKey, webhookUrl };
}

describe('provider channels end to end (offline sandbox)', () => {
  let hub: TestHub;
  let sandbox: SandboxHandle;
  let brand: Brand;
  let agent: Socket;
  const inboxes = new Map<string, { id: string; webhookUrls: { events: string; status: string | null } }>();

  beforeAll(async () => {
    sandbox = await startSandbox({ statusDelayMs: 20, retry: { twilioDelaysMs: [200], metaDelaysMs: [200] } });
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Channels');
    for (const c of CASES) {
      const res = await hub.http()
        .post(`/api/v1/accounts/${brand.accountId}/inboxes`)
        .auth(brand.admin.token, { type: 'bearer' })
        .send({ name: c.type, channel: c.channel(sandbox.url) })
        .expect(201);
      expect(JSON.stringify(res.body)).not.toContain(Object.values(c.secrets)[0]);
      inboxes.set(c.type, res.body);
      sandbox.addLine(line(c, res.body.webhookUrls.events) as never);
    }
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
  });

  afterAll(async () => {
    agent?.disconnect();
    await hub?.close();
    await sandbox?.close();
  });

  const phoneSend = (c: ChannelCase, body: Record<string, unknown>) =>
    fetch(`${sandbox.url}/sandbox/api/phones/${encodeURIComponent(c.lineKey)}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: number; body: string } }));

  const messageCount = async (inboxId: string): Promise<number> =>
    Number((await hub.query<{ n: string }>('SELECT count(*) AS n FROM message WHERE inbox_id = $1', [inboxId]))[0]!.n);

  describe.each(CASES.map((c) => [c.type, c] as const))('%s', (_type, c) => {
    const customer = c.type === 'twilio_sms' ? '+16175550123' : c.type === 'twilio_whatsapp' ? '+12125550199' : '+15017122661';

    it('a signed inbound message reaches the agent live; the reply reaches the provider; statuses update the view', async () => {
      const inbox = inboxes.get(c.type)!;
      const seen = nextEvent<MessageView>(agent, 'message.created', (m) => m.inboxId === inbox.id && m.direction === 'in');
      const sent = await phoneSend(c, { from: customer, profileName: 'Ana Souza', text: 'Is the Kelly bag in stock?' });
      expect(sent.body.status).toBe(200);
      const message = await seen;
      expect(message).toMatchObject({ content: { type: 'text', text: 'Is the Kelly bag in stock?' }, status: 'received', sender: { type: 'contact' } });
      expect(await messageCount(inbox.id)).toBe(1);

      const delivered = nextEvent<MessageView>(agent, 'message.updated', (m) => m.conversationId === message.conversationId && m.status === 'delivered');
      const reply = await hub.http()
        .post(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}/messages`)
        .auth(brand.admin.token, { type: 'bearer' })
        .send({ content: { type: 'text', text: 'Yes — in gold, size 28.' } })
        .expect(201);
      expect(reply.body.status).toBe('queued');
      expect((await delivered).id).toBe(reply.body.id);

      const outbox = (await (await fetch(`${sandbox.url}/sandbox/api/outbox?line=${encodeURIComponent(c.lineKey)}`)).json()) as { request: Record<string, unknown>; to: string }[];
      const request = outbox.at(-1)!.request;
      if (c.type === 'whatsapp_cloud') {
        expect(request).toMatchObject({ messaging_product: 'whatsapp', to: customer.slice(1), type: 'text', text: { body: 'Yes — in gold, size 28.' } });
      } else {
        const prefix = c.type === 'twilio_whatsapp' ? 'whatsapp:' : '';
        expect(request).toMatchObject({ To: `${prefix}${customer}`, From: `${prefix}${c.lineKey}`, Body: 'Yes — in gold, size 28.', StatusCallback: inbox.webhookUrls.status });
      }
      const stored = await hub.query<{ status: string; source_id: string }>('SELECT status, source_id FROM message WHERE id = $1', [reply.body.id]);
      expect(stored[0]!.source_id).toMatch(c.type === 'whatsapp_cloud' ? /^wamid\./ : /^SM[0-9a-f]{32}$/);
    });

    it('refuses forged and tampered webhooks with nothing stored', async () => {
      const inbox = inboxes.get(c.type)!;
      const before = await messageCount(inbox.id);
      const record = sandbox.store.webhooks.filter((w) => w.kind === 'inbound' && w.line === c.lineKey).at(-1)!;
      const post = (body: string, headers: Record<string, string>) =>
        fetch(record.url, { method: 'POST', headers: { 'content-type': record.contentType, ...headers }, body });
      const signatureHeader = c.type === 'whatsapp_cloud' ? 'x-hub-signature-256' : 'x-twilio-signature';
      const genuine = record.headers[signatureHeader] ?? record.headers[signatureHeader.replace(/(^|-)\w/g, (m) => m.toUpperCase())]!;
      const tampered = record.body.replace('Kelly', 'Birkin');
      expect(tampered).not.toBe(record.body);

      const forged = await post(record.body, { [signatureHeader]: c.type === 'whatsapp_cloud' ? `sha256=${'0'.repeat(64)}` : 'bm90IGEgc2lnbmF0dXJl' });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('INVALID_SIGNATURE');
      expect((await post(tampered, { [signatureHeader]: genuine })).status).toBe(401);
      expect((await post(record.body, {})).status).toBe(401);
      expect(await messageCount(inbox.id)).toBe(before);
    });

    it('stores a provider message sent 50 times concurrently exactly once, with one agent event', async () => {
      const inbox = inboxes.get(c.type)!;
      const events: MessageView[] = [];
      const listener = (m: MessageView) => m.inboxId === inbox.id && events.push(m);
      agent.on('message.created', listener);
      const first = nextEvent<MessageView>(agent, 'message.created', (m) => m.inboxId === inbox.id && m.content.type === 'text' && m.content.text === 'once');
      await phoneSend(c, { from: customer, text: 'once' });
      await first;
      const before = await messageCount(inbox.id);
      const record = sandbox.store.webhooks.filter((w) => w.kind === 'inbound' && w.line === c.lineKey).at(-1)!;
      const replies = await Promise.all(
        Array.from({ length: 50 }, () => fetch(record.url, { method: 'POST', headers: { 'content-type': record.contentType, ...record.headers }, body: record.body })),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(await messageCount(inbox.id)).toBe(before);
      agent.off('message.created', listener);
      expect(events.filter((m) => m.content.type === 'text' && m.content.text === 'once')).toHaveLength(1);
    });
  });

  it('refuses a Twilio webhook signed for another account (403) and the WhatsApp handshake with a wrong token', async () => {
    const sms = CASES[0]!;
    const inbox = inboxes.get(sms.type)!;
    const { default: twilio } = await import('twilio');
    const params = { MessageSid: `SM${hex(16)}`, AccountSid: `AC${hex(16)}`, From: '+16175550123', To: sms.lineKey, Body: 'hi', NumMedia: '0' };
    const signature = twilio.getExpectedTwilioSignature(sms.secrets.authToken!, inbox.webhookUrls.events, params);
    const res = await fetch(inbox.webhookUrls.events, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(403);

    const cloud = CASES[2]!;
    const url = inboxes.get(cloud.type)!.webhookUrls.events;
    const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${cloud.secrets.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });
});
