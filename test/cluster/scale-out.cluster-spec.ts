import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { freePort } from '../support/hub.js';
import { connected, nextEvent, record } from '../support/sockets.js';
import { allMessages, api, customerSends, liveAgent, metricValue, pointLineAt, requireClusterEnv, seed, spawnNode, waitUntil, type Proc, type Seeded } from './cluster.js';

/**
 * Two hub processes and a worker on the machine's PostgreSQL and Redis, as a scaled deployment runs:
 * hubs only take requests (RUN_PROCESSORS=false), the worker sends. Nothing here runs in-process.
 */
jest.setTimeout(40_000);

describe('scale-out: two hubs and a worker', () => {
  const redisUrl = requireClusterEnv();
  let s: Seeded;
  let a: Proc;
  let b: Proc;
  let worker: Proc;
  let agentAtB: Socket;
  let seenAtB: MessageView[];
  let conversationId: string;

  beforeAll(async () => {
    s = await seed();
    const env = { ...s.env, DATABASE_URL: s.db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: `cl${randomBytes(4).toString('hex')}`, RUN_PROCESSORS: 'false' };
    a = await spawnNode('hub-a', 'hub', env);
    const bPort = await freePort();
    [b, worker] = await Promise.all([
      spawnNode('hub-b', 'hub', env, bPort),
      // Provider status callbacks go to the public URL, which is any hub (here B).
      spawnNode('worker', 'worker', { ...env, PUBLIC_URL: `http://127.0.0.1:${bPort}` }),
    ]);
    pointLineAt(s, a.url);
    agentAtB = liveAgent(b.url, s.brand.admin.token);
    seenAtB = record<MessageView>(agentAtB, 'message.created');
    await connected(agentAtB);
  }, 120_000);

  afterAll(async () => {
    agentAtB?.disconnect();
    await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
    await s?.sandbox.close();
    await s?.db.drop();
  }, 60_000);

  it('delivers a webhook taken by hub A to an agent connected to hub B', async () => {
    const first = nextEvent<MessageView>(agentAtB, 'message.created', (m) => m.content.type === 'text' && m.content.text === 'hello from the festival', 10_000);
    await customerSends(s, 'hello from the festival');
    conversationId = (await first).conversationId;
    for (let i = 1; i <= 9; i++) await customerSends(s, `order question ${i}`);
    await waitUntil(() => seenAtB.filter((m) => m.direction === 'in').length >= 10, 15_000, '10 messages at B');
  });

  it('counts an agent online on hub B as online on hub A', async () => {
    const second = liveAgent(a.url, s.second.token);
    try {
      const snapshot = await nextEvent<{ agents: { agentId: string; status: string }[] }>(second, 'presence.snapshot', () => true, 10_000);
      expect(snapshot.agents.find((x) => x.agentId === s.brand.admin.id)?.status).toBe('online');
    } finally {
      second.disconnect();
    }
  });

  it('has the worker send a reply posted at hub B, and B\'s agents see it sent', async () => {
    const sent = nextEvent<MessageView>(agentAtB, 'message.updated', (m) => m.direction === 'out' && m.status !== 'queued', 20_000);
    const res = await api<MessageView>(b.url, s.brand.admin.token, `/accounts/${s.brand.accountId}/conversations/${conversationId}/messages`, { method: 'POST', body: { content: { type: 'text', text: 'Bonjour! It ships today.' } } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('queued');
    const update = await sent.catch(async (error: Error) => {
      const stored = await allMessages(b.url, s.brand.admin.token, s.brand.accountId, conversationId);
      throw new Error(`${error.message}; stored: ${JSON.stringify(stored.filter((m) => m.direction === 'out'))}\nworker: ${worker.output.join('').slice(-4000)}`);
    });
    expect(update.id).toBe(res.body.id);
    expect(['sent', 'delivered']).toContain(update.status);
    // The hubs run no processors: only the worker can have sent it.
    expect(await metricValue(worker.url, 'concierge_messages_total', { channel: 'twilio_sms', direction: 'out' })).toBe(1);
    expect(await metricValue(a.url, 'concierge_messages_total', { channel: 'twilio_sms', direction: 'out' })).toBe(0);
    expect(await metricValue(b.url, 'concierge_messages_total', { channel: 'twilio_sms', direction: 'out' })).toBe(0);
    expect(await metricValue(a.url, 'concierge_messages_total', { channel: 'twilio_sms', direction: 'in' })).toBe(10);
  });

  it('keeps serving on hub B after hub A is killed, losing and duplicating nothing', async () => {
    await a.stop('SIGKILL');
    pointLineAt(s, b.url);
    for (let i = 1; i <= 5; i++) await customerSends(s, `after the crash ${i}`);
    await waitUntil(() => seenAtB.filter((m) => m.direction === 'in').length >= 15, 15_000, '15 messages at B');

    const stored = (await allMessages(b.url, s.brand.admin.token, s.brand.accountId, conversationId)).filter((m) => m.direction === 'in');
    const received = seenAtB.filter((m) => m.direction === 'in');
    expect(stored).toHaveLength(15);
    expect(new Set(received.map((m) => m.id)).size).toBe(received.length);
    expect(new Set(received.map((m) => m.id))).toEqual(new Set(stored.map((m) => m.id)));

    const reply = nextEvent<MessageView>(agentAtB, 'message.updated', (m) => m.direction === 'out' && m.status !== 'queued', 20_000);
    const res = await api<MessageView>(b.url, s.brand.admin.token, `/accounts/${s.brand.accountId}/conversations/${conversationId}/messages`, { method: 'POST', body: { content: { type: 'text', text: 'Still here.' } } });
    expect(res.status).toBe(201);
    expect((await reply).id).toBe(res.body.id);
  });
});
