import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { MessageView } from '@concierge/contracts';
import bullmq from 'bullmq';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { nextEvent } from '../support/sockets.js';
import { allMessages, api, customerSends, liveAgent, pointLineAt, requireClusterEnv, seed, spawnNode, waitUntil, type Proc, type Seeded } from './cluster.js';

/** Each send waits this long at the fake Twilio, so the worker can be killed while one is in flight. */
const PROVIDER_LATENCY_MS = 3_000;
/**
 * A supervisor replaces a killed worker at once; the reply it was sending must go out again soon, not
 * after BullMQ's default 30 s lock plus a 30 s stalled check (the reliability suite's SIGKILL run saw
 * replies still queued a minute later). Lock 10 s + two 5 s checks + the provider's 3 s ≈ 23 s at worst.
 */
const RESENT_WITHIN_MS = 28_000;

jest.setTimeout(90_000);

describe('a worker killed in the middle of a send', () => {
  const redisUrl = requireClusterEnv();
  let s: Seeded;
  let hub: Proc;
  let worker: Proc;
  let agent: Socket;
  let redis: Redis;
  let queue: bullmq.Queue;
  let env: Record<string, string>;

  beforeAll(async () => {
    s = await seed({ latencyMs: PROVIDER_LATENCY_MS });
    env = { ...s.env, DATABASE_URL: s.db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: `cl${randomBytes(4).toString('hex')}` };
    hub = await spawnNode('hub', 'hub', { ...env, RUN_PROCESSORS: 'false' });
    worker = await spawnNode('worker', 'worker', { ...env, PUBLIC_URL: hub.url });
    pointLineAt(s, hub.url);
    agent = liveAgent(hub.url, s.brand.admin.token);
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queue = new bullmq.Queue('outbound', { connection: redis, prefix: env.QUEUE_PREFIX });
  }, 120_000);

  afterAll(async () => {
    agent?.disconnect();
    await queue?.close();
    redis?.disconnect();
    await Promise.all([hub?.stop(), worker?.stop()]);
    await s?.sandbox.close();
    await s?.db.drop();
  }, 60_000);

  it('has the replacement worker send the reply, without waiting for a minute-long lock', async () => {
    const first = nextEvent<MessageView>(agent, 'message.created', (m) => m.direction === 'in', 10_000);
    await customerSends(s, 'Can you hold the red one?');
    const { conversationId } = await first;
    const path = `/accounts/${s.brand.accountId}/conversations/${conversationId}/messages`;
    const text = 'Held for you until Friday.';
    const res = await api<MessageView>(hub.url, s.brand.admin.token, path, { method: 'POST', body: { content: { type: 'text', text } } });
    expect(res.status).toBe(201);

    await waitUntil(async () => (await queue.getJobState(res.body.id)) === 'active', 10_000, 'the worker to take the send');
    await worker.stop('SIGKILL');
    const killedAt = Date.now();
    worker = await spawnNode('worker-2', 'worker', { ...env, PUBLIC_URL: hub.url });

    const status = async () => (await allMessages(hub.url, s.brand.admin.token, s.brand.accountId, conversationId)).find((m) => m.id === res.body.id)?.status;
    await waitUntil(async () => (await status()) !== 'queued', RESENT_WITHIN_MS - (Date.now() - killedAt), 'the replacement worker to send the reply', () => worker.output.join('').slice(-3000));
    expect(['sent', 'delivered']).toContain(await status());
    // The killed worker's request may have reached the provider too (no provider offers an idempotency key).
    const atProvider = s.sandbox.store.outbox.filter((o) => String(o.request.Body ?? '') === text).length;
    expect(atProvider).toBeGreaterThanOrEqual(1);
    expect(atProvider).toBeLessThanOrEqual(2);
  });
});
