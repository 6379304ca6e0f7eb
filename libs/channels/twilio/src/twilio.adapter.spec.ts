import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelError, type OutboundRequest } from '@concierge/channels-core';
import type { MessageContent } from '@concierge/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ACCOUNT_SID, CUSTOMER, SMS_NUMBER, WHATSAPP_NUMBER } from './__fixtures__/inbound.js';
import { rewriteTwilioUri } from './twilio-client.js';
import { TwilioAdapter, twilioAdapters } from './twilio.adapter.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${TOKEN}`).toString('base64')}`;
const SID = 'SM0011223344556677889900aabbccddee';
const sms = new TwilioAdapter('twilio_sms');
const whatsapp = new TwilioAdapter('twilio_whatsapp');

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang-up';

/** A stand-in for api.twilio.com on loopback that records what the SDK sends. */
const seen: Seen[] = [];
let reply: Reply;
let baseUrl: string;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, form: new URLSearchParams(Buffer.concat(chunks).toString()) });
    if (reply === 'hang-up') return void req.socket.destroy();
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
});

function messageResource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_sid: ACCOUNT_SID,
    api_version: '2010-04-01',
    body: 'x',
    date_created: 'Thu, 13 Jun 2024 10:00:00 +0000',
    date_sent: null,
    date_updated: 'Thu, 13 Jun 2024 10:00:00 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    num_media: '0',
    num_segments: '1',
    sid: SID,
    status: 'queued',
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${SID}.json`,
    ...overrides,
  };
}

function request(content: MessageContent, config: Record<string, unknown> = {}): OutboundRequest {
  return {
    accountId: 'acc-1',
    inboxId: 'inbox-1',
    config: { accountSid: ACCOUNT_SID, phoneNumber: SMS_NUMBER, apiBaseUrl: baseUrl, ...config },
    credentials: { authToken: TOKEN },
    recipient: { contactChannelId: 'cc-1', address: CUSTOMER },
    message: { id: 'm-1', conversationId: 'c-1', direction: 'out', sender: { type: 'agent', name: 'Tom' }, content, status: 'queued', clientMessageId: null, createdAt: '2024-06-13T10:00:00Z' },
    statusCallbackUrl: 'https://hub.example.com/webhooks/twilio/inbox-1/status',
  };
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  reply = { status: 201, body: messageResource() };
});

describe('TwilioAdapter declaration', () => {
  it('declares one adapter per inbox type with its capabilities and setup', () => {
    expect(twilioAdapters().map((a) => a.type)).toEqual(['twilio_sms', 'twilio_whatsapp']);
    expect(sms.capabilities).toEqual({ contentTypes: ['text', 'media'], maxTextLength: 1600, customerWindowHours: null, keywordOptOut: true, addressKind: 'phone', cardsAsText: true });
    expect(whatsapp.capabilities).toEqual({ contentTypes: ['text', 'media', 'template'], maxTextLength: 1600, customerWindowHours: 24, keywordOptOut: false, addressKind: 'phone' });
    expect(sms.setup).toMatchObject({ secretFields: ['authToken', 'webhookSharedKeySecret'], addressField: 'phoneNumber' });
    expect(sms.webhooks.provider).toBe('twilio');
  });

  it('validates the setup DTO, type included', async () => {
    const errorsOf = async (adapter: TwilioAdapter, input: Record<string, unknown>) =>
      (await validate(plainToInstance(adapter.setup.schema, input))).map((e) => e.property).sort();
    const valid = { type: 'twilio_sms', accountSid: ACCOUNT_SID, authToken: TOKEN, phoneNumber: SMS_NUMBER };
    expect(await errorsOf(sms, valid)).toEqual([]);
    expect(await errorsOf(sms, { ...valid, messagingServiceSid: 'MG00112233445566778899aabbccddeeff', apiBaseUrl: 'http://127.0.0.1:4010' })).toEqual([]);
    expect(await errorsOf(whatsapp, valid)).toEqual(['type']);
    expect(await errorsOf(sms, { ...valid, accountSid: 'AC0123456789ABCDEF0123456789ABCDEF', phoneNumber: '4155550100', authToken: '' })).toEqual(['accountSid', 'authToken', 'phoneNumber']);
    expect(await errorsOf(sms, { ...valid, messagingServiceSid: 'MG123', apiBaseUrl: 'ftp://files.example' })).toEqual(['apiBaseUrl', 'messagingServiceSid']);
  });

  it('measures SMS segments (GSM-7 160/153, UCS-2 70/67) and WhatsApp as one message', () => {
    expect(sms.measure('a'.repeat(160))).toEqual({ characters: 160, segments: 1, encoding: 'GSM-7' });
    expect(sms.measure('a'.repeat(161))).toEqual({ characters: 161, segments: 2, encoding: 'GSM-7' });
    expect(sms.measure('a'.repeat(306)).segments).toBe(2);
    expect(sms.measure('a'.repeat(307)).segments).toBe(3);
    // One emoji switches to UCS-2, where it takes two of the 70 (single) or 67 (per part) code units.
    expect(sms.measure(`😀${'a'.repeat(68)}`)).toEqual({ characters: 69, segments: 1, encoding: 'UCS-2' });
    expect(sms.measure(`😀${'a'.repeat(69)}`)).toEqual({ characters: 70, segments: 2, encoding: 'UCS-2' });
    expect(sms.measure(`😀${'a'.repeat(132)}`).segments).toBe(2);
    expect(sms.measure(`😀${'a'.repeat(133)}`).segments).toBe(3);
    expect(whatsapp.measure(`😀${'a'.repeat(1000)}`)).toEqual({ characters: 1001, segments: 1, encoding: 'UCS-2' });
  });

  it('rewrites only *.twilio.com URIs, and only for a non-default base', () => {
    const uri = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?x=1`;
    expect(rewriteTwilioUri(uri, new URL('https://api.twilio.com'))).toBe(uri);
    expect(rewriteTwilioUri(uri, new URL('http://127.0.0.1:4010'))).toBe(`http://127.0.0.1:4010/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?x=1`);
    expect(rewriteTwilioUri('https://messaging.twilio.com/v2/Indicators/Typing.json', new URL('http://127.0.0.1:4010/fake/'))).toBe('http://127.0.0.1:4010/fake/v2/Indicators/Typing.json');
    expect(rewriteTwilioUri('https://example.com/x', new URL('http://127.0.0.1:4010'))).toBe('https://example.com/x');
  });
});

describe('TwilioAdapter.send against a local Twilio', () => {
  it('posts an SMS with Basic auth, From, To, Body and StatusCallback to the Messages resource', async () => {
    await expect(sms.send(request({ type: 'text', text: 'Your order shipped 📦' }))).resolves.toEqual({ sourceId: SID, status: 'queued' });
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect([call!.method, call!.path, call!.authorization]).toEqual(['POST', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, BASIC]);
    expect(Object.fromEntries(call!.form)).toEqual({ To: CUSTOMER, From: SMS_NUMBER, Body: 'Your order shipped 📦', StatusCallback: 'https://hub.example.com/webhooks/twilio/inbox-1/status' });
  });

  it('honours a path prefix in apiBaseUrl and sends through a Messaging Service when one is set', async () => {
    await sms.send(request({ type: 'text', text: 'hi' }, { apiBaseUrl: `${baseUrl}/twilio`, messagingServiceSid: 'MG00112233445566778899aabbccddee' }));
    expect(seen[0]!.path).toBe(`/twilio/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(seen[0]!.form.get('MessagingServiceSid')).toBe('MG00112233445566778899aabbccddee');
    expect(seen[0]!.form.has('From')).toBe(false);
  });

  it('prefixes WhatsApp addresses and sends media with its caption', async () => {
    const image: MessageContent = { type: 'media', mediaType: 'image', url: 'https://cdn.shop.example/jacket.jpg', caption: 'Blue jacket, size M' };
    await whatsapp.send(request(image, { phoneNumber: WHATSAPP_NUMBER }));
    expect(Object.fromEntries(seen[0]!.form)).toEqual({
      To: `whatsapp:${CUSTOMER}`,
      From: `whatsapp:${WHATSAPP_NUMBER}`,
      Body: 'Blue jacket, size M',
      MediaUrl: 'https://cdn.shop.example/jacket.jpg',
      StatusCallback: 'https://hub.example.com/webhooks/twilio/inbox-1/status',
    });
  });

  it('sends templates as ContentSid + ContentVariables', async () => {
    const variables = { '1': 'Mei', '2': '#1001' };
    await whatsapp.send(request({ type: 'template', name: 'order_update', language: 'en', providerTemplateId: 'HX0123456789abcdef0123456789abcdef', variables }));
    await whatsapp.send(request({ type: 'template', name: 'HXfedcba9876543210fedcba9876543210', language: 'en' }));
    expect(seen.map((s) => [s.form.get('ContentSid'), s.form.get('ContentVariables'), s.form.has('Body')])).toEqual([
      ['HX0123456789abcdef0123456789abcdef', JSON.stringify(variables), false],
      ['HXfedcba9876543210fedcba9876543210', null, false],
    ]);
  });

  it('refuses content it cannot send without calling Twilio', async () => {
    const noSid = await failure(whatsapp.send(request({ type: 'template', name: 'order_update', language: 'en' })));
    const buttons = await failure(whatsapp.send(request({ type: 'buttons', text: 'Pick', buttons: [{ id: 'a', title: 'A' }] })));
    const smsTemplate = await failure(sms.send(request({ type: 'template', name: 'HXfedcba9876543210fedcba9876543210', language: 'en' })));
    expect([noSid.code, buttons.code, smsTemplate.code]).toEqual(['UNSUPPORTED_CONTENT', 'UNSUPPORTED_CONTENT', 'UNSUPPORTED_CONTENT']);
    expect(seen).toHaveLength(0);
  });

  it.each([
    [400, { code: 21211, message: "Invalid 'To' Phone Number", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 }, {}, 'INVALID_RECIPIENT', undefined],
    [400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 }, {}, 'RECIPIENT_OPTED_OUT', undefined],
    [400, { code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.', status: 400 }, {}, 'OUTSIDE_CUSTOMER_WINDOW', undefined],
    [401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }, {}, 'AUTH_FAILED', undefined],
    [429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'Retry-After': '7' }, 'RATE_LIMITED', 7000],
    [429, { code: 20429, message: 'Too Many Requests', status: 429 }, {}, 'RATE_LIMITED', 5000],
    [503, '<html>Service Unavailable</html>', { 'content-type': 'text/html' }, 'PROVIDER_UNAVAILABLE', undefined],
  ] as const)('maps HTTP %s %j to ChannelError', async (status, body, headers, code, retryAfterMs) => {
    reply = { status, body, headers: { ...headers } };
    const error = await failure(sms.send(request({ type: 'text', text: 'hi' })));
    expect([error.code, error.retryAfterMs]).toEqual([code, retryAfterMs]);
    if (typeof body === 'object') expect(error.options.providerCode).toBe(String(body.code));
  });

  it('maps a connection reset and a closed port to PROVIDER_UNAVAILABLE', async () => {
    reply = 'hang-up';
    expect((await failure(sms.send(request({ type: 'text', text: 'hi' })))).code).toBe('PROVIDER_UNAVAILABLE');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(sms.send(request({ type: 'text', text: 'hi' }, { apiBaseUrl: `http://127.0.0.1:${port}` })));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(true);
  });

  it('refuses to send for an inbox without credentials', async () => {
    const error = await failure(sms.send({ ...request({ type: 'text', text: 'hi' }), credentials: null }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(seen).toHaveLength(0);
  });

  it('marks WhatsApp messages read through the typing indicator, on the same base URL', async () => {
    reply = { status: 200, body: { success: true } };
    const ctx = request({ type: 'text', text: '' }, { phoneNumber: WHATSAPP_NUMBER });
    await whatsapp.markRead(ctx, `${SID}:1`, { typing: true });
    await whatsapp.markRead(ctx, SID, { typing: false });
    await sms.markRead(ctx, SID, { typing: true });
    expect(seen.map((s) => [s.path, s.authorization, Object.fromEntries(s.form)])).toEqual([['/v2/Indicators/Typing.json', BASIC, { channel: 'whatsapp', messageId: SID }]]);
  });
});
