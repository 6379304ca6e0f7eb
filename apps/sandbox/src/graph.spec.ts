import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeHub, type CapturedRequest, type FakeHub } from '../../../test/sandbox/fake-hub.js';
import { startSandbox, type CloudLineConfig, type SandboxHandle } from './sandbox.js';

const TOKEN = 'EAAG-test-token';
const SECRET = 'app-secret';
const PHONE_ID = '106540352242922';
const CUSTOMER = '+14155550123';
const WA_ID = '14155550123';

type Json = Record<string, any>;

/** Independent check of X-Hub-Signature-256 (not the sandbox's own helper). */
function verifyMeta(req: CapturedRequest): boolean {
  const header = String(req.headers['x-hub-signature-256'] ?? '');
  const expected = 'sha256=' + createHmac('sha256', SECRET).update(req.rawBody).digest('hex');
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

describe('fake WhatsApp Cloud API', () => {
  let hub: FakeHub;
  let sandbox: SandboxHandle;
  let line: CloudLineConfig;
  let now = Date.parse('2030-01-01T12:00:00Z');

  const graph = async (path: string, body?: unknown, token = TOKEN, method = 'POST') => {
    const res = await fetch(`${sandbox.url}/v21.0/${path}`, {
      method: body === undefined ? 'GET' : method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const send = (message: Json, path = `${PHONE_ID}/messages`, token = TOKEN) => graph(path, { messaging_product: 'whatsapp', to: CUSTOMER, ...message }, token);
  const phoneSend = async (body: Json) => {
    const res = await fetch(`${sandbox.url}/sandbox/api/phones/${PHONE_ID}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: CUSTOMER, profileName: 'Ada', ...body }),
    });
    return (await res.json()) as Json;
  };
  const statusesOf = (id: string) => hub.requests.map((r) => r.json as Json).flatMap((j) => j?.entry?.[0]?.changes?.[0]?.value?.statuses ?? []).filter((s: Json) => s.id === id);

  beforeAll(async () => {
    hub = await startFakeHub();
    line = { provider: 'whatsapp_cloud', phoneNumberId: PHONE_ID, displayPhoneNumber: '+1 555-078-3881', wabaId: '102290129340398', accessToken: TOKEN, appSecret: SECRET, webhookUrl: `${hub.url}/webhooks/whatsapp/inbox-1`, ratePerSecond: 5 };
    sandbox = await startSandbox({ statusDelayMs: 5, clock: () => now, retry: { metaDelaysMs: [10, 20], timeoutMs: 2000 }, lines: [line] });
  });
  afterEach(async () => {
    await sandbox.idle();
    sandbox.store.clear(true);
    hub.requests.length = 0;
    hub.respondWith([200]);
    now += 10_000;
  });
  afterAll(async () => {
    await sandbox?.close();
    await hub?.close();
  });

  it('answers 401 / OAuthException 190 for a wrong token and 400 / 100 for a number it does not own', async () => {
    const bad = await send({ text: { body: 'hi' } }, undefined, 'wrong');
    expect(bad.status).toBe(401);
    expect(bad.json.error).toMatchObject({ type: 'OAuthException', code: 190 });
    expect(bad.json.error.fbtrace_id).toEqual(expect.any(String));
    const other = await send({ text: { body: 'hi' } }, '999/messages');
    expect(other.status).toBe(400);
    expect(other.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it.each([
    ['missing messaging_product', 100, { messaging_product: undefined, text: { body: 'x' } }],
    ['missing text body', 100, { type: 'text', text: {} }],
    ['text over 4096 chars', 100, { text: { body: 'x'.repeat(4097) } }],
    ['unknown type', 100, { type: 'hologram', hologram: {} }],
    ['image without link or id', 131008, { type: 'image', image: { caption: 'x' } }],
    ['audio with a caption', 131009, { type: 'audio', audio: { link: 'https://x.test/a.ogg', caption: 'no' } }],
    ['location out of range', 131009, { type: 'location', location: { latitude: 91, longitude: 0 } }],
    ['four reply buttons', 131009, { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [1, 2, 3, 4].map((n) => ({ type: 'reply', reply: { id: `b${n}`, title: `B${n}` } })) } } }],
    ['button title of 21 chars', 131009, { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] } } }],
    ['list with 11 rows', 131009, { type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Options', sections: [{ title: 'S', rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` })) }] } } }],
    ['cta_url without a URL', 100, { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Go' }, action: { name: 'cta_url', parameters: { display_text: 'Open' } } } }],
    ['product without retailer id', 100, { type: 'interactive', interactive: { type: 'product', action: { catalog_id: 'c1' } } }],
    ['product_list without header', 100, { type: 'interactive', interactive: { type: 'product_list', body: { text: 'Ours' }, action: { catalog_id: 'c1', sections: [{ title: 'All', product_items: [{ product_retailer_id: 'p1' }] }] } } }],
    ['template without language', 100, { type: 'template', template: { name: 'order_update' } }],
  ])('rejects %s with Graph error %i', async (_name, code, message) => {
    const { status, json } = await send(message as Json);
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code, type: 'OAuthException', message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)) });
    if (code === 131009) expect(json.error.error_data).toEqual({ messaging_product: 'whatsapp', details: expect.any(String) });
    expect(sandbox.store.outbox).toHaveLength(0);
  });

  it('accepts valid interactive, media and template payloads', async () => {
    await phoneSend({ text: 'hello' });
    const payloads: Json[] = [
      { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } } },
      { type: 'interactive', interactive: { type: 'list', header: { type: 'text', text: 'Menu' }, body: { text: 'Pick' }, action: { button: 'Options', sections: [{ title: 'S', rows: [{ id: 'r1', title: 'One', description: 'first' }] }] } } },
      { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Track' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://shop.test/t/1' } } } },
      { type: 'interactive', interactive: { type: 'product', action: { catalog_id: 'c1', product_retailer_id: 'p1' } } },
      { type: 'image', image: { link: 'https://shop.test/p.png', caption: 'Our best seller' } },
      { type: 'location', location: { latitude: 52.5, longitude: 13.4, name: 'Store' } },
      { type: 'template', template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '#1001' }] }] } },
    ];
    for (const payload of payloads) {
      now += 250; // stay under the line's 5 messages per second
      const { status, json } = await send(payload);
      expect(status).toBe(200);
      expect(json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: CUSTOMER, wa_id: WA_ID }], messages: [{ id: expect.stringMatching(/^wamid\./), ...(payload.type === 'template' ? { message_status: 'accepted' } : {}) }] });
    }
    expect(sandbox.store.outbox.map((r) => r.kind)).toEqual(['interactive:button', 'interactive:list', 'interactive:cta_url', 'interactive:product', 'image', 'location', 'template']);
  });

  it('sends Meta-shaped, signed sent/delivered/read status webhooks', async () => {
    await phoneSend({ text: 'hi' });
    const { json } = await send({ text: { body: 'Hi Ada' } });
    const id = json.messages[0].id as string;
    await hub.waitFor(() => statusesOf(id).some((s: Json) => s.status === 'delivered'));
    const read = await fetch(`${sandbox.url}/sandbox/api/phones/${PHONE_ID}/read`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: CUSTOMER, messageIds: [id] }) });
    expect(await read.json()).toEqual({ read: [id] });
    await hub.waitFor(() => statusesOf(id).some((s: Json) => s.status === 'read'));

    const hooks = hub.requests.filter((r) => (r.json as Json).entry[0].changes[0].value.statuses);
    expect(hooks).toHaveLength(3);
    for (const hook of hooks) {
      expect(verifyMeta(hook)).toBe(true);
      expect(hook.headers['content-type']).toMatch(/^application\/json/);
      expect(hook.json).toMatchObject({
        object: 'whatsapp_business_account',
        entry: [{ id: line.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID } } }] }],
      });
    }
    const [sent, delivered, readStatus] = statusesOf(id);
    expect(sent).toMatchObject({ status: 'sent', recipient_id: WA_ID, timestamp: String(Math.floor(now / 1000)), pricing: { pricing_model: 'CBP', category: 'service' }, conversation: { origin: { type: 'service' } } });
    expect(delivered.status).toBe('delivered');
    expect(readStatus).toEqual({ id, status: 'read', timestamp: expect.any(String), recipient_id: WA_ID });
  });

  it('accepts free-form outside the 24-hour window, then reports failed / 131047', async () => {
    const { status, json } = await send({ text: { body: 'Are you there?' } });
    expect(status).toBe(200);
    const id = json.messages[0].id as string;
    const hook = await hub.waitFor(() => statusesOf(id).length > 0);
    expect(verifyMeta(hook)).toBe(true);
    expect(statusesOf(id)).toEqual([
      { id, status: 'failed', timestamp: expect.any(String), recipient_id: WA_ID, errors: [expect.objectContaining({ code: 131047, title: 'Re-engagement message', error_data: { details: expect.any(String) } })] },
    ]);
    const template = await send({ type: 'template', template: { name: 'hello', language: { code: 'en' } } }, `${PHONE_ID}/messages`);
    await hub.waitFor(() => statusesOf(template.json.messages[0].id).some((s: Json) => s.status === 'delivered'));
  });

  it('limits throughput per number with 130429', async () => {
    const template = { type: 'template', template: { name: 'hello', language: { code: 'en' } } };
    const results = await Promise.all(Array.from({ length: 7 }, () => send(template)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = results.find((r) => r.status !== 200)!;
    expect(limited.status).toBe(400);
    expect(limited.json.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit' });
    now += 1000;
    expect((await send(template)).status).toBe(200);
  });

  it('marks inbound messages read and records the typing indicator', async () => {
    const events: Json[] = [];
    const listen = (event: Json) => events.push(event);
    sandbox.store.events.on('event', listen);
    const inbound = await phoneSend({ text: 'is it in stock?' });
    const { status, json } = await send({ status: 'read', message_id: inbound.messageId, typing_indicator: { type: 'text' } });
    sandbox.store.events.off('event', listen);
    expect({ status, json }).toEqual({ status: 200, json: { success: true } });
    expect(sandbox.store.findInbound(inbound.messageId)!.readAt).toBeDefined();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['inbound.read', 'typing']));
    expect((await send({ status: 'read', message_id: 'wamid.unknown' })).status).toBe(400);
  });

  it('builds signed inbound webhooks, retries with backoff, and serves media behind the bearer token', async () => {
    hub.respondWith([500, 503, 200]);
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    const result = await phoneSend({ text: 'the damaged box', media: { mimeType: 'image/jpeg', dataBase64: jpeg.toString('base64') } });
    expect(result).toMatchObject({ status: 500, willRetry: true });
    await sandbox.idle();
    expect(hub.requests).toHaveLength(3);
    expect(new Set(hub.requests.map((r) => r.rawBody)).size).toBe(1);
    const hook = hub.requests[0]!;
    expect(verifyMeta(hook)).toBe(true);
    const value = (hook.json as Json).entry[0].changes[0].value;
    expect(value.contacts).toEqual([{ profile: { name: 'Ada' }, wa_id: WA_ID }]);
    expect(value.messages[0]).toMatchObject({ from: WA_ID, id: result.messageId, timestamp: String(Math.floor(now / 1000)), type: 'image', image: { caption: 'the damaged box', mime_type: 'image/jpeg', id: expect.any(String) } });
    expect(sandbox.store.webhooks[0]!.attempts.map((a) => a.statusCode)).toEqual([500, 503, 200]);

    const mediaId = value.messages[0].image.id as string;
    const info = await graph(mediaId);
    expect(info.json).toMatchObject({ messaging_product: 'whatsapp', mime_type: 'image/jpeg', file_size: jpeg.length, id: mediaId, sha256: value.messages[0].image.sha256 });
    expect((await fetch(info.json.url)).status).toBe(401);
    const bytes = await fetch(info.json.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(jpeg);
    expect((await graph(mediaId, undefined, 'wrong')).status).toBe(401);
  });

  it('uploads media (multipart) and sends it by id; answers button replies with context', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/png');
    form.set('file', new Blob([Buffer.from('89504e47', 'hex')], { type: 'image/png' }), 'p.png');
    const upload = await fetch(`${sandbox.url}/v21.0/${PHONE_ID}/media`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: form });
    const { id } = (await upload.json()) as { id: string };
    expect(id).toMatch(/^\d{16}$/);
    await phoneSend({ text: 'hi' });
    expect((await send({ type: 'image', image: { id } })).status).toBe(200);
    expect((await send({ type: 'image', image: { id: '123' } })).json.error.code).toBe(131009);

    const buttons = await send({ type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } } });
    const wamid = buttons.json.messages[0].id as string;
    const tap = await phoneSend({ replyTo: { buttonId: 'yes', title: 'Yes', messageId: wamid } });
    const hook = await hub.waitFor((r) => (r.json as Json).entry[0].changes[0].value.messages?.[0]?.id === tap.messageId);
    const reply = (hook.json as Json).entry[0].changes[0].value.messages[0];
    expect(reply).toMatchObject({ context: { from: '15550783881', id: wamid }, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } });
  });
});
