import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeHub, type FakeHub } from '../../../test/sandbox/fake-hub.js';
import { rewriteTwilioUri, startSandbox, type LineConfig, type SandboxHandle } from './sandbox.js';

const SECRETS = ['tw-secret-token', 'cloud-access-token', 'cloud-app-secret'];

describe('sandbox JSON API, events and phone UI', () => {
  let hub: FakeHub;
  let sandbox: SandboxHandle;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };
  const sms = (): LineConfig => ({ provider: 'twilio_sms', accountSid: 'AC' + '1'.repeat(32), authToken: SECRETS[0]!, phoneNumber: '+15550001111', webhookUrl: `${hub.url}/webhooks/twilio/a` });
  const cloud = (): LineConfig => ({
    provider: 'whatsapp_cloud',
    phoneNumberId: '100000000000001',
    displayPhoneNumber: '15550003333',
    wabaId: '200000000000001',
    accessToken: SECRETS[1]!,
    appSecret: SECRETS[2]!,
    webhookUrl: `${hub.url}/webhooks/whatsapp/b`,
  });

  beforeAll(async () => {
    hub = await startFakeHub();
    sandbox = await startSandbox({ statusDelayMs: 5, retry: { timeoutMs: 2000, metaDelaysMs: [], twilioDelaysMs: [] } });
  });
  afterAll(async () => {
    await sandbox?.close();
    await hub?.close();
  });

  it('registers lines at runtime and never echoes their secrets', async () => {
    const created = await call('POST', '/sandbox/api/lines', sms());
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ key: '+15550001111', provider: 'twilio_sms', address: '+15550001111', ratePerSecond: 80 });
    expect((await call('POST', '/sandbox/api/lines', cloud())).json).toMatchObject({ key: '100000000000001', address: '+15550003333' });
    const listed = await call('GET', '/sandbox/api/lines');
    expect(listed.json).toHaveLength(2);
    for (const secret of SECRETS) expect(listed.text + created.text).not.toContain(secret);
    const bad = await call('POST', '/sandbox/api/lines', { provider: 'twilio_sms', phoneNumber: '5550001111' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('INVALID_LINE');
  });

  it('validates phone input and unknown lines', async () => {
    expect((await call('POST', '/sandbox/api/phones/+19999999999/send', { from: '+14155550123', text: 'hi' })).status).toBe(404);
    expect((await call('POST', '/sandbox/api/phones/+15550001111/send', { from: '4155550123', text: 'hi' })).status).toBe(400);
    expect((await call('POST', '/sandbox/api/phones/+15550001111/send', { from: '+14155550123', location: { latitude: 1, longitude: 2 } })).json.error.message).toMatch(/SMS/);
    expect((await call('POST', '/sandbox/api/phones/+15550001111/send', { from: '+14155550123' })).status).toBe(400);
  });

  it('lists accepted messages and webhook deliveries, filters them and clears them', async () => {
    const before = Date.now();
    const inbound = await call('POST', '/sandbox/api/phones/100000000000001/send', { from: '+14155550123', text: 'hello' });
    expect(inbound.json).toMatchObject({ status: 200, body: 'EVENT_RECEIVED', willRetry: false, messageId: expect.stringMatching(/^wamid\./) });
    const sent = await fetch(`${sandbox.url}/v23.0/100000000000001/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SECRETS[1]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '14155550123', text: { body: 'hi there' } }),
    });
    const wamid = ((await sent.json()) as { messages: { id: string }[] }).messages[0]!.id;
    await sandbox.idle();

    const outbox = await call('GET', `/sandbox/api/outbox?line=100000000000001&to=%2B14155550123&since=${before}`);
    expect(outbox.json).toEqual([
      expect.objectContaining({
        id: wamid,
        provider: 'whatsapp_cloud',
        to: '14155550123',
        request: { messaging_product: 'whatsapp', to: '14155550123', text: { body: 'hi there' } },
        statuses: [expect.objectContaining({ status: 'sent', webhookId: expect.any(String) }), expect.objectContaining({ status: 'delivered' })],
      }),
    ]);
    expect((await call('GET', '/sandbox/api/outbox?to=%2B14155550000')).json).toEqual([]);
    expect((await call('GET', `/sandbox/api/outbox?since=${Date.now() + 60_000}`)).json).toEqual([]);

    const webhooks = await call('GET', '/sandbox/api/webhooks?kind=inbound');
    expect(webhooks.json).toEqual([expect.objectContaining({ url: `${hub.url}/webhooks/whatsapp/b`, delivered: true, attempts: [expect.objectContaining({ statusCode: 200 })] })]);
    expect((await call('GET', '/sandbox/api/webhooks?kind=status')).json).toHaveLength(2);
    expect((await call('GET', '/sandbox/api/stats')).json).toMatchObject({ accepted: 1, inbound: 1, webhooksDelivered: 3, pendingTasks: 0 });
    const thread = await call('GET', '/sandbox/api/phones/100000000000001/thread?phone=%2B14155550123');
    expect(thread.json.outbound).toHaveLength(1);
    expect(thread.json.inbound).toHaveLength(1);

    expect((await call('DELETE', '/sandbox/api/records')).status).toBe(204);
    expect((await call('GET', '/sandbox/api/outbox')).json).toEqual([]);
    expect((await call('GET', '/sandbox/api/webhooks')).json).toEqual([]);
  });

  it('records a hub that is down as failed attempts', async () => {
    const line = { ...cloud(), phoneNumberId: '100000000000009', webhookUrl: 'http://127.0.0.1:9/unreachable' };
    sandbox.addLine(line);
    const result = await call('POST', '/sandbox/api/phones/100000000000009/send', { from: '+14155550123', text: 'anyone?' });
    expect(result.json).toMatchObject({ status: null, error: expect.any(String), willRetry: false });
    expect(sandbox.store.webhooks.at(-1)).toMatchObject({ delivered: false, pending: false, attempts: [expect.objectContaining({ statusCode: null })] });
  });

  it('streams events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${sandbox.url}/sandbox/api/events?line=%2B15550001111`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let received = '';
    await call('POST', '/sandbox/api/phones/%2B15550001111/send', { from: '+14155550123', text: 'live?' });
    while (!received.includes('event: webhook.attempt')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(received).toContain('event: inbound.created');
    expect(received).toMatch(/data: \{.*"text":"live\?"/);
    expect(received).not.toContain('100000000000001');
  });

  it('serves the phone UI with a strict CSP and no inline script', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('<script type="module" src="app.js"></script>');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = await call('GET', '/app.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).not.toContain('innerHTML');
  });

  it('rewrites every Twilio host to the sandbox, keeping path and query', () => {
    expect(rewriteTwilioUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', 'http://127.0.0.1:3100/')).toBe('http://127.0.0.1:3100/2010-04-01/Accounts/AC1/Messages.json');
    expect(rewriteTwilioUri('https://content.twilio.com/v1/Content?PageSize=50', 'http://h:1')).toBe('http://h:1/v1/Content?PageSize=50');
    expect(rewriteTwilioUri('https://messaging.twilio.com:443/v2/Indicators/Typing.json', 'http://h:1')).toBe('http://h:1/v2/Indicators/Typing.json');
    expect(rewriteTwilioUri('https://twilio.com.evil.test/x', 'http://h:1')).toBe('https://twilio.com.evil.test/x');
  });
});
