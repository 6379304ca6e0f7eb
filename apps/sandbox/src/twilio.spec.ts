import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { startFakeHub, type FakeHub } from '../../../test/sandbox/fake-hub.js';
import { RedirectingRequestClient, startSandbox, type SandboxHandle, type TwilioLineConfig } from './sandbox.js';

const SID = 'AC' + 'a'.repeat(32);
const TOKEN = 'twilio-auth-token';
const SMS = '+15550001111';
const WA = '+15550002222';
const CUSTOMER = '+14155550123';

describe('fake Twilio', () => {
  let hub: FakeHub;
  let sandbox: SandboxHandle;
  let client: twilio.Twilio;
  let now = Date.parse('2030-01-01T12:00:00Z');

  const line = (provider: TwilioLineConfig['provider'], phoneNumber: string, extra: Partial<TwilioLineConfig> = {}): TwilioLineConfig => ({
    provider,
    accountSid: SID,
    authToken: TOKEN,
    phoneNumber,
    webhookUrl: `${hub.url}/webhooks/twilio/${provider}`,
    ...extra,
  });
  const phoneSend = async (lineKey: string, body: Record<string, unknown>) => {
    const res = await fetch(`${sandbox.url}/sandbox/api/phones/${encodeURIComponent(lineKey)}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const restError = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as { status?: number; code?: number } | undefined;
    expect(error).toBeDefined();
    return { status: error!.status, code: error!.code };
  };

  beforeAll(async () => {
    hub = await startFakeHub();
    sandbox = await startSandbox({
      statusDelayMs: 5,
      clock: () => now,
      retry: { twilioDelaysMs: [20], metaDelaysMs: [], timeoutMs: 2000 },
      lines: [line('twilio_sms', SMS, { messagingServiceSid: 'MG' + 'b'.repeat(32) })],
    });
    sandbox.addLine(line('twilio_whatsapp', WA, { ratePerSecond: 3 }));
    client = twilio(SID, TOKEN, { httpClient: new RedirectingRequestClient(sandbox.url) });
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

  it('accepts an SMS from the real SDK (201, Twilio resource) and sends signed status callbacks', async () => {
    const statusCallback = `${hub.url}/webhooks/twilio/in1/status?x=1`;
    const message = await client.messages.create({ from: SMS, to: CUSTOMER, body: 'Your order shipped', statusCallback });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({ accountSid: SID, to: CUSTOMER, from: SMS, body: 'Your order shipped', status: 'queued', direction: 'outbound-api', numSegments: '1', numMedia: '0', errorCode: null });
    expect(message.dateCreated).toEqual(new Date(now - (now % 1000)));
    expect(message.uri).toBe(`/2010-04-01/Accounts/${SID}/Messages/${message.sid}.json`);

    const delivered = await hub.waitFor((r) => r.form.MessageStatus === 'delivered');
    const sent = hub.requests.find((r) => r.form.MessageStatus === 'sent')!;
    for (const callback of [sent, delivered]) {
      expect(callback.url).toBe(statusCallback);
      expect(callback.form).toMatchObject({ MessageSid: message.sid, SmsSid: message.sid, AccountSid: SID, From: SMS, To: CUSTOMER, ApiVersion: '2010-04-01' });
      expect(callback.form.SmsStatus).toBe(callback.form.MessageStatus);
      const signature = String(callback.headers['x-twilio-signature']);
      expect(twilio.validateRequest(TOKEN, signature, statusCallback, callback.form)).toBe(true);
      expect(twilio.validateRequest('other-token', signature, statusCallback, callback.form)).toBe(false);
    }
    expect(hub.requests.indexOf(sent)).toBeLessThan(hub.requests.indexOf(delivered));
    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.status).toBe('delivered');
    expect(sandbox.store.outbox[0]!.statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
  });

  it('answers 401 with error 20003 for a wrong auth token', async () => {
    const wrong = twilio(SID, 'nope', { httpClient: new RedirectingRequestClient(sandbox.url) });
    expect(await restError(wrong.messages.create({ from: SMS, to: CUSTOMER, body: 'hi' }))).toEqual({ status: 401, code: 20003 });
    const raw = await fetch(`${sandbox.url}/2010-04-01/Accounts/${SID}/Messages.json`, { method: 'POST' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ code: 20003, status: 401, more_info: 'https://www.twilio.com/docs/errors/20003' });
    expect(sandbox.store.outbox).toHaveLength(0);
  });

  it('rejects a To that is not E.164 with 21211', async () => {
    expect(await restError(client.messages.create({ from: SMS, to: '555-0123', body: 'hi' }))).toEqual({ status: 400, code: 21211 });
    expect(sandbox.store.rejections[0]).toMatchObject({ httpStatus: 400, code: 21211 });
  });

  it('refuses sends to a phone that texted STOP (21610) until it texts START', async () => {
    expect((await phoneSend(SMS, { from: CUSTOMER, text: 'stop' })).json.status).toBe(200);
    expect(await restError(client.messages.create({ from: SMS, to: CUSTOMER, body: 'Sale!' }))).toEqual({ status: 400, code: 21610 });
    // The STOP message itself still reached the hub.
    expect(hub.requests.some((r) => r.form.Body === 'stop')).toBe(true);
    await phoneSend(SMS, { from: CUSTOMER, text: 'START' });
    const ok = await client.messages.create({ messagingServiceSid: 'MG' + 'b'.repeat(32), to: CUSTOMER, body: 'Welcome back' });
    expect(ok.status).toBe('accepted');
  });

  it('fails free-form WhatsApp outside the 24-hour window with 63016 (status callback), lets ContentSid through', async () => {
    const statusCallback = `${hub.url}/status`;
    const freeform = await client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, body: 'Hello?', statusCallback });
    expect(freeform.status).toBe('queued');
    const failed = await hub.waitFor((r) => r.form.MessageStatus === 'failed');
    expect(failed.form).toMatchObject({ MessageSid: freeform.sid, ErrorCode: '63016', From: `whatsapp:${WA}`, To: `whatsapp:${CUSTOMER}` });
    expect(twilio.validateRequest(TOKEN, String(failed.headers['x-twilio-signature']), statusCallback, failed.form)).toBe(true);
    expect((await client.messages(freeform.sid).fetch()).errorCode).toBe(63016);

    const template = await client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, contentSid: 'HX' + 'c'.repeat(32), contentVariables: '{"1":"Ada"}', statusCallback });
    await hub.waitFor((r) => r.form.MessageSid === template.sid && r.form.MessageStatus === 'delivered');

    await phoneSend(WA, { from: CUSTOMER, profileName: 'Ada', text: 'hi' });
    const reply = await client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, body: 'Hi Ada', statusCallback });
    await hub.waitFor((r) => r.form.MessageSid === reply.sid && r.form.MessageStatus === 'delivered');
    now += 24 * 3600 * 1000;
    const late = await client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, body: 'Still there?', statusCallback });
    await hub.waitFor((r) => r.form.MessageSid === late.sid && r.form.ErrorCode === '63016');
  });

  it('answers 429 (20429, Retry-After) above the line rate and recovers a second later', async () => {
    await phoneSend(WA, { from: CUSTOMER, text: 'hi' });
    const send = () =>
      fetch(`${sandbox.url}/2010-04-01/Accounts/${SID}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ From: `whatsapp:${WA}`, To: `whatsapp:${CUSTOMER}`, Body: 'x' }),
      });
    expect((await Promise.all([send(), send(), send()])).map((r) => r.status)).toEqual([201, 201, 201]);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ code: 20429, status: 429 });
    expect(await restError(client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, body: 'x' }))).toEqual({ status: 429, code: 20429 });
    now += 1000;
    expect((await send()).status).toBe(201);
  });

  it('builds a signed inbound SMS webhook and retries once when the hub fails', async () => {
    hub.respondWith([500, 200]);
    const result = await phoneSend(SMS, { from: CUSTOMER, text: 'Where is my order #1001?' });
    expect(result.json).toMatchObject({ status: 500, willRetry: true });
    await sandbox.idle();
    const [first, retry] = hub.requests;
    expect(retry).toBeDefined();
    const url = `${hub.url}/webhooks/twilio/twilio_sms`;
    expect(first!.form).toMatchObject({
      MessageSid: result.json.messageId,
      SmsSid: result.json.messageId,
      SmsMessageSid: result.json.messageId,
      AccountSid: SID,
      MessagingServiceSid: 'MG' + 'b'.repeat(32),
      From: CUSTOMER,
      To: SMS,
      Body: 'Where is my order #1001?',
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      FromCountry: 'US',
      ApiVersion: '2010-04-01',
    });
    expect(twilio.validateRequest(TOKEN, String(first!.headers['x-twilio-signature']), url, first!.form)).toBe(true);
    expect(retry!.headers['i-twilio-idempotency-token']).toBe(first!.headers['i-twilio-idempotency-token']);
    expect(retry!.rawBody).toBe(first!.rawBody);
    const webhook = sandbox.store.webhooks.find((w) => w.kind === 'inbound')!;
    expect(webhook.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(webhook.delivered).toBe(true);
  });

  it('serves WhatsApp media behind Basic auth and sends WhatsApp fields', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    await phoneSend(WA, { from: CUSTOMER, profileName: 'Ada', text: 'my receipt', media: { mimeType: 'image/png', dataBase64: png.toString('base64') } });
    const { form } = hub.requests[0]!;
    expect(form).toMatchObject({ From: `whatsapp:${CUSTOMER}`, To: `whatsapp:${WA}`, ProfileName: 'Ada', WaId: CUSTOMER.slice(1), MessageType: 'image', NumMedia: '1', MediaContentType0: 'image/png' });
    expect(form.MessageSid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(form.MediaUrl0).toMatch(new RegExp(`^${sandbox.url}/2010-04-01/Accounts/${SID}/Messages/${form.MessageSid}/Media/ME[0-9a-f]{32}$`));
    expect((await fetch(form.MediaUrl0!)).status).toBe(401);
    const media = await fetch(form.MediaUrl0!, { headers: { Authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}` } });
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer())).toEqual(png);
  });

  it('renders Content API quick replies, answers button taps with ButtonPayload and shows typing', async () => {
    await phoneSend(WA, { from: CUSTOMER, text: 'menu' });
    const inboundSid = hub.requests[0]!.form.MessageSid!;
    const typing = await client.messaging.v2.typingIndicator.create({ channel: 'whatsapp', messageId: inboundSid });
    expect(typing.success).toBe(true);
    expect(sandbox.store.findInbound(inboundSid)!.readAt).toBeDefined();

    const content = await client.content.v1.contents.create({
      friendly_name: 'order_menu',
      language: 'en',
      variables: { '1': 'there' },
      types: { 'twilio/quick-reply': { body: 'Hi {{1}}, what next?', actions: [{ title: 'Track order', id: 'track' }, { title: 'Talk to us', id: 'agent' }] } },
    } as never);
    expect(content.sid).toMatch(/^HX[0-9a-f]{32}$/);
    const message = await client.messages.create({ from: `whatsapp:${WA}`, to: `whatsapp:${CUSTOMER}`, contentSid: content.sid, contentVariables: JSON.stringify({ 1: 'Ada' }) });
    const record = sandbox.store.findOutbound(message.sid)!;
    expect(record.content).toMatchObject({ types: { 'twilio/quick-reply': { body: 'Hi Ada, what next?' } } });

    await phoneSend(WA, { from: CUSTOMER, replyTo: { buttonId: 'track', title: 'Track order', messageId: message.sid } });
    const tap = hub.requests.at(-1)!.form;
    expect(tap).toMatchObject({ ButtonPayload: 'track', ButtonText: 'Track order', Body: 'Track order', MessageType: 'button', OriginalRepliedMessageSid: message.sid });
  });
});
