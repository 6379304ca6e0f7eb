import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChannelError, type OutboundRequest } from '@concierge/channels-core';
import { startFakeGraph, type FakeGraph, type FakeReply } from './__fixtures__/fake-graph-server.js';
import { WhatsappCloudAdapter } from './whatsapp-cloud.adapter.js';
import { DEFAULT_RATE_LIMIT_BACKOFF_MS, classifyGraphError, webhookError } from './whatsapp-cloud.errors.js';

const adapter = new WhatsappCloudAdapter();
let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(() => graph.close());

function request(apiBaseUrl: string): OutboundRequest {
  return {
    accountId: 'acc-1',
    inboxId: 'inbox-1',
    config: { phoneNumberId: '106540352242922', apiBaseUrl },
    credentials: { accessToken: 'EAAJtoken' },
    recipient: { contactChannelId: 'cc-1', address: '+16505551234' },
    message: { id: 'm', conversationId: 'c', direction: 'out', sender: { type: 'agent', name: null }, content: { type: 'text', text: 'hi' }, status: 'queued', clientMessageId: null, createdAt: '' },
    statusCallbackUrl: null,
  };
}

/** Graph's error envelope (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/). */
const graphError = (status: number, code: number, message: string, details: string, headers?: Record<string, string>): FakeReply => ({
  status,
  headers,
  body: { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details }, fbtrace_id: 'AazTraceId' } },
});

async function sendAgainst(reply: FakeReply, baseUrl = graph.baseUrl): Promise<ChannelError> {
  graph.reply(() => reply);
  try {
    await adapter.send(request(baseUrl));
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

describe('Graph error responses', () => {
  it('maps throughput (130429) to RATE_LIMITED with a default or header-given back-off', async () => {
    const plain = await sendAgainst(graphError(400, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'));
    expect([plain.code, plain.retryable, plain.retryAfterMs, plain.options.providerCode]).toEqual(['RATE_LIMITED', true, DEFAULT_RATE_LIMIT_BACKOFF_MS, '130429']);
    const retryAfter = await sendAgainst(graphError(400, 130429, 'Rate limit hit', '', { 'Retry-After': '12' }));
    expect(retryAfter.retryAfterMs).toBe(12_000);
    const usage = JSON.stringify({ '102290129340398': [{ type: 'whatsapp', call_count: 100, total_cputime: 3, total_time: 3, estimated_time_to_regain_access: 2 }] });
    const buc = await sendAgainst(graphError(400, 80007, 'Rate limit issues', '', { 'X-Business-Use-Case-Usage': usage }));
    expect([buc.code, buc.retryAfterMs]).toEqual(['RATE_LIMITED', 120_000]);
  });

  it('maps the pair rate limit (131056) to RATE_LIMITED after ~6 s', async () => {
    const error = await sendAgainst(graphError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit', 'Too many messages to this user.'));
    expect([error.code, error.retryAfterMs, error.options.providerCode]).toEqual(['RATE_LIMITED', 6_000, '131056']);
  });

  it('maps window, undeliverable, auth and recipient errors as non-retryable', async () => {
    const cases: [FakeReply, string][] = [
      [graphError(400, 131047, 'Re-engagement message', 'More than 24 hours have passed since the customer last replied.'), 'OUTSIDE_CUSTOMER_WINDOW'],
      [graphError(400, 131026, 'Message undeliverable', 'Unable to deliver message.'), 'RECIPIENT_UNREACHABLE'],
      [graphError(401, 190, 'Error validating access token: Session has expired', ''), 'AUTH_FAILED'],
      [graphError(400, 131021, 'Recipient cannot be sender', ''), 'INVALID_RECIPIENT'],
      [graphError(400, 132001, 'Template name does not exist in the translation', 'template name (order_update) does not exist in en_US'), 'UNSUPPORTED_CONTENT'],
      [graphError(400, 131008, 'Required parameter is missing', 'Parameter text is required'), 'UNSUPPORTED_CONTENT'],
      [graphError(400, 100, 'Invalid parameter', 'Unexpected key "foo"'), 'UNSUPPORTED_CONTENT'],
      [graphError(400, 131050, 'Unable to deliver the message', 'User stopped marketing messages'), 'RECIPIENT_OPTED_OUT'],
      [graphError(400, 987654, 'Something new', ''), 'UNKNOWN'],
      [{ status: 401, body: '<html>Unauthorized</html>' }, 'AUTH_FAILED'],
    ];
    for (const [reply, code] of cases) {
      const error = await sendAgainst(reply);
      expect([error.code, error.retryable]).toEqual([code, false]);
    }
    const expired = await sendAgainst(graphError(401, 190, 'Error validating access token', 'Session has expired'));
    expect(expired.message).toBe('(#190) Error validating access token: Session has expired');
  });

  it('maps 5xx, 131000/131016 and a refused connection to PROVIDER_UNAVAILABLE (retryable)', async () => {
    for (const reply of [
      graphError(500, 131000, 'Something went wrong', ''),
      graphError(503, 131016, 'Service unavailable', 'A service is temporarily unavailable.'),
      { status: 502, body: '<html>Bad gateway</html>' },
    ]) {
      const error = await sendAgainst(reply);
      expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    }
    const closed = await startFakeGraph();
    const deadUrl = closed.baseUrl;
    await closed.close();
    const refused = await sendAgainst({}, deadUrl);
    expect([refused.code, refused.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });

  it('treats a 200 without a message id as UNKNOWN rather than success', async () => {
    expect((await sendAgainst({ status: 200, body: { messaging_product: 'whatsapp', messages: [] } })).code).toBe('UNKNOWN');
  });
});

describe('one mapping for responses and failed-status webhooks', () => {
  it('classifies by code first, then by HTTP status', () => {
    expect(classifyGraphError(131047, 400)).toBe('OUTSIDE_CUSTOMER_WINDOW');
    expect(classifyGraphError(132015)).toBe('UNSUPPORTED_CONTENT');
    expect(classifyGraphError(undefined, 503)).toBe('PROVIDER_UNAVAILABLE');
    expect(classifyGraphError(undefined, 429)).toBe('RATE_LIMITED');
    expect(classifyGraphError(undefined, 400)).toBe('UNKNOWN');
  });

  it('maps a webhook errors[] entry and keeps the provider code', () => {
    expect(webhookError([{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Unable to deliver message.' } }])).toEqual({
      code: 'RECIPIENT_UNREACHABLE',
      message: 'Message undeliverable: Unable to deliver message.',
      providerCode: '131026',
    });
    expect(webhookError(undefined)).toMatchObject({ code: 'UNKNOWN' });
  });
});
