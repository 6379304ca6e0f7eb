import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createBrand, createWebchatInbox, startHub, visitorSocket, type TestHub } from '../support/hub.js';
import { privateRedis, type PrivateRedis } from '../support/private-redis.js';
import { emitAck, nextEvent } from '../support/sockets.js';

jest.setTimeout(60_000);

/**
 * The widget's "request a video call" limit holds across hub instances: two hubs on one database and one
 * Redis (REDIS_URL mode, a redis-server of the suite's own). A customer who asked through one hub is told
 * to wait by the other, with the contract's error shape and a Retry-After.
 */
/**
 * A closed hub's socket.io stream reader hangs up after its blocking read in progress (≤ 1 s). Redis is stopped
 * only once every hub connection is gone: a read cut off by a dead Redis would wait for it forever.
 */
async function hubsGone(url: string): Promise<void> {
  const client = new Redis(url);
  try {
    for (let i = 0; i < 100 && /name=concierge-/.test(String(await client.client('LIST'))); i++) await new Promise((r) => setTimeout(r, 50));
  } finally {
    client.disconnect();
  }
}

describe('call requests across two hubs', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  const hubs: TestHub[] = [];
  const sockets: Socket[] = [];
  let headers: Record<string, string>;
  let conversationId: string;

  beforeAll(async () => {
    redis = await privateRedis();
    db = await createTestDatabase();
    const env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `callreq${randomBytes(3).toString('hex')}`,
      TOKEN_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    };
    // One after the other: the first runs the migrations.
    hubs.push(await startHub(env, db));
    hubs.push(await startHub(env, db));
    const brand = await createBrand(hubs[0]!, 'Maison Requests');
    const inbox = await createWebchatInbox(hubs[0]!, brand);
    const visitor = visitorSocket(hubs[0]!, { websiteToken: inbox.websiteToken });
    sockets.push(visitor);
    const session = await nextEvent<{ visitorToken: string }>(visitor, 'session');
    const sent = await emitAck<{ ok: true; message: { conversationId: string } }>(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'Can I see it on video?' } });
    conversationId = sent.message.conversationId;
    headers = { 'X-Website-Token': inbox.websiteToken, 'X-Visitor-Token': session.visitorToken };
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const hub of hubs) await hub.close();
    await db?.drop();
    if (redis) await hubsGone(redis.url);
    await redis?.close();
  });

  it('a customer who asked through one hub is told to wait by the other (429, Retry-After, one line in the thread)', async () => {
    const [a, b] = hubs as [TestHub, TestHub];
    await a.http().post('/webchat/call-requests').set(headers).send({}).expect(202, { requested: true });

    const again = await b.http().post('/webchat/call-requests').set(headers).send({}).expect(429);
    expect(again.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/already asked/) }, requestId: expect.any(String) });
    const retryAfter = Number(again.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    await a.http().post('/webchat/call-requests').set(headers).send({}).expect(429);

    const lines = await a.query<{ e: string }>(`SELECT content->>'event' AS e FROM message WHERE conversation_id = $1 AND kind = 'activity'`, [conversationId]);
    expect(lines.map((l) => l.e)).toEqual(['call_requested']);
  });
});
