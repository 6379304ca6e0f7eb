import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CASES, channelWorld, type ChannelCase, type ChannelWorld } from '../support/channels.js';

/**
 * A reply is checked and stored in one transaction. Every read inside it (the inbox, the customer's
 * SMS opt-out) must use that transaction's connection: asking the pool for a second one while holding
 * the first starves a small pool as soon as as many replies are in flight as it has connections (each
 * waits for a connection the others hold, until 503 after 5 s). Pool of 2, 12 concurrent replies.
 */
describe('agent replies under a small connection pool', () => {
  let w: ChannelWorld;
  const [sms] = CASES as [ChannelCase];

  beforeAll(async () => {
    w = await channelWorld({ hubEnv: { DATABASE_POOL_SIZE: '2' }, sandbox: { statusDelayMs: 0 } });
  }, 30_000);

  // Shutting down waits for the 12 replies still being sent through 2 connections.
  afterAll(async () => {
    await w?.close();
  }, 30_000);

  it('stores 12 concurrent SMS replies without waiting on itself for connections', async () => {
    const message = await w.inbound({ ...sms, customer: '+12125550177' }, 'Do you ship to Lyon?');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        w.hub
          .http()
          .post(`/api/v1/accounts/${w.brand.accountId}/conversations/${message.conversationId}/messages`)
          .auth(w.brand.admin.token, { type: 'bearer' })
          .send({ clientMessageId: randomUUID(), content: { type: 'text', text: `Yes, reply ${i}` } }),
      ),
    );
    // Starved, replies fail with 503 once the pool's 5 s wait for a connection runs out.
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 201));
  });
});
