import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { MessageView } from '@concierge/contracts';
import bullmq, { type Job, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { OutboundQueue } from '../../libs/inbox/src/outbound/outbound-queue.js';
import { CASES, channelWorld, type ChannelCase, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

const { UnrecoverableError, createPostgresBackend, withBackend } = bullmq;

/**
 * The outbox row is the truth; a queue job can end without the send's outcome (its worker died under it
 * again and again, or every attempt met the database or Redis away). The sweeper must not leave such a
 * reply `queued` forever, holding back every later reply of the conversation: it enqueues lost jobs,
 * starts over jobs that failed for want of infrastructure, and shows as failed (never re-sends unseen)
 * one that stalled out, since it may have reached the customer.
 *
 * The hub here runs no processors: this test plays the worker by hand, through BullMQ's own API.
 */
describe('outbox sweeper: jobs that ended without an outcome', () => {
  let w: ChannelWorld;
  let hand: Worker;
  let redis: Redis | null = null;
  const [sms] = CASES as [ChannelCase];

  beforeAll(async () => {
    w = await channelWorld({ hubEnv: { RUN_PROCESSORS: 'false' }, sandbox: { statusDelayMs: 0 } });
    const { redisUrl, outbound } = w.hub.config;
    if (redisUrl) {
      redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      hand = new bullmq.Worker('outbound', null, { connection: redis, prefix: outbound.queuePrefix, autorun: false });
    } else {
      const { Worker: PgWorker } = withBackend(createPostgresBackend);
      hand = new PgWorker('outbound', null, { connection: { connectionString: w.hub.db.url, schema: 'bullmq' }, autorun: false }) as unknown as Worker;
    }
    await hand.waitUntilReady();
  }, 30_000);

  afterAll(async () => {
    await hand?.close();
    redis?.disconnect();
    await w?.close();
  }, 30_000);

  async function replies(conversationId: string, texts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) {
      const res = await w.reply(conversationId, { type: 'text', text });
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
    return ids;
  }

  /** Takes the next waiting job as a worker would, and ends it with `error` (no attempts left). */
  async function failNext(expectedId: string, error: Error): Promise<void> {
    const token = randomUUID();
    const job = (await hand.getNextJob(token, { block: false })) as Job | undefined;
    expect(job?.id).toBe(expectedId);
    await job!.moveToFailed(error, token);
  }

  const sweeper = () => w.hub.app.get(OutboundQueue);
  const queue = () => sweeper()['queue']!;
  const state = (id: string) => queue().getJobState(id);

  it('fails visibly a reply whose sender died under it repeatedly, and starts over one that met a dead database', async () => {
    const inbound = await w.inbound({ ...sms, customer: '+12125550188' }, 'Is the scarf in navy?');
    const [stalled, starved, lost] = await replies(inbound.conversationId, ['Yes, in navy.', 'Shall I hold one?', 'It ships tomorrow.']);
    await failNext(stalled!, new UnrecoverableError('job stalled more than allowable limit'));
    await failNext(starved!, new UnrecoverableError('Connection terminated unexpectedly'));
    await queue().remove(lost!);
    expect([await state(stalled!), await state(starved!), await state(lost!)]).toEqual(['failed', 'failed', 'unknown']);

    // The sweeper looks at outbox rows older than its grace period.
    await w.hub.query(`UPDATE outbox SET created_at = now() - interval '1 minute'`);
    const failed = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.id === stalled && m.status === 'failed');
    await sweeper().sweep();

    expect((await failed).error).toEqual({ code: 'UNKNOWN', message: expect.stringContaining('may or may not have reached the customer') });
    expect(await w.hub.query('SELECT 1 FROM outbox WHERE message_id = $1', [stalled])).toEqual([]);
    // Nothing sent it: the hub runs no processors and the sweeper never sends.
    expect(w.sandbox.store.outbox.map((o) => String(o.request.Body ?? ''))).not.toContain('Yes, in navy.');
    // Scheduled again with fresh attempts, in the conversation's order.
    expect([await state(starved!), await state(lost!)]).toEqual(['waiting', 'waiting']);
    const again = await queue().getJob(starved!);
    expect(again?.attemptsMade).toBe(0);
    const rows = await w.hub.query<{ id: string; status: string }>('SELECT id, status FROM message WHERE id = ANY($1) ORDER BY seq', [[starved, lost]]);
    expect(rows).toEqual([{ id: starved, status: 'queued' }, { id: lost, status: 'queued' }]);
  });
});
