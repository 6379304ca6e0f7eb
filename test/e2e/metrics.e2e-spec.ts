import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

jest.setTimeout(30_000);

const TOKEN = 'metrics-token-0123456789';
const SMS = CASES.find((c) => c.type === 'twilio_sms')!;

function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && want.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('GET /metrics', () => {
  let world: ChannelWorld;
  const scrape = async () => (await world.hub.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    world = await channelWorld({ hubEnv: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => world?.close());

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    await world.hub.http().get('/metrics').expect(401);
    const res = await world.hub.http().get('/metrics').set('authorization', 'Bearer wrong-token-0123456789').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('moves the counters with real traffic', async () => {
    const before = await scrape();
    expect(value(before, 'concierge_connected_sockets', { namespace: 'inbox' })).toBe(1);
    expect(before).toMatch(/^nodejs_eventloop_lag_seconds /m);

    const inbound = await world.inbound(SMS, 'is the Kelly bag in stock?');
    const sent = nextEvent(world.agent, 'message.updated', (m: { direction: string; status: string }) => m.direction === 'out' && m.status !== 'queued', 10_000);
    const reply = await world.reply(inbound.conversationId, { type: 'text', text: 'Yes, in gold.' });
    expect(reply.status).toBe(201);
    await sent;

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta('concierge_messages_total', { channel: 'twilio_sms', direction: 'in' })).toBe(1);
    expect(delta('concierge_messages_total', { channel: 'twilio_sms', direction: 'out' })).toBe(1);
    expect(delta('concierge_first_response_seconds_count')).toBe(1);
    expect(after).toMatch(/^concierge_outbound_queue_jobs\{state="waiting"\} \d+/m);
  });
});
