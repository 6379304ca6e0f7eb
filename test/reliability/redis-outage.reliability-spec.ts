import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/hub.js';
import { HealthWatch } from './support/health.js';
import { hubProcess, type HubProcess } from './support/hub-process.js';
import { faultUnderLoad } from './support/fault-run.js';
import { privateRedis, type PrivateRedis } from '../support/private-redis.js';
import { seedWorld, type World } from './support/world.js';

const OUTAGE_MS = 60_000;

/**
 * Redis (the hub's queue backend in REDIS_URL mode) dies and stays away for 60 s, then comes back
 * empty (no persistence: every queued job is gone). Customers keep writing and agents keep replying
 * throughout: inbound never needed Redis; replies wait in the outbox table and the sweeper re-enqueues
 * them once Redis is back. Health says degraded meanwhile.
 */
describe('Redis stopped for 60 s under load', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let world: World;
  let hub: HubProcess;
  let health: HealthWatch;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await privateRedis();
    const port = await freePort();
    world = await seedWorld({ databaseUrl: db.url, port, name: 'redis' });
    hub = hubProcess({ name: 'hub', port, env: { ...world.env, REDIS_URL: redis.url, QUEUE_PREFIX: 'rel' }, logFile: join(world.env.DATA_DIR!, 'hub.log') });
    await hub.start();
    health = new HealthWatch(hub.url);
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // Idle clients see the server restart too; the pool replaces them (an unhandled 'error' would fail the suite).
    pool.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await hub?.stop();
    await pool?.end();
    await world?.close();
    await redis?.close();
    await db?.drop();
  }, 60_000);

  it('keeps every message and delivers every reply once Redis is back', async () => {
    const kind = 'redis killed, down 60 s, back empty';
    const outcome = await faultUnderLoad({
      kind,
      checker: world.checker(kind, {
        ratePerSecond: 10,
        outbound: { accountId: world.brand.accountId, ratePerSecond: 1, providerTexts: () => world.sandbox.store.outbox.map((o) => String(o.request.Body ?? '')) },
      }),
      health,
      warmupMs: 3_000,
      inject: async () => {
        await redis.stop('SIGKILL');
        await sleep(OUTAGE_MS);
        await redis.start();
      },
      query: async (sql, params) => (await pool.query(sql, params)).rows as never[],
      survived: () => hub.alive() && hub.crashes().length === 0,
    });
    const r = outcome.result;
    expect(r.errors).toEqual([]);
    expect(r.lostTexts).toEqual([]);
    expect({ storedDuplicates: r.storedDuplicates, agentDuplicates: r.agentDuplicates }).toEqual({ storedDuplicates: 0, agentDuplicates: 0 });
    expect(r.acked).toBeGreaterThan(200);
    expect(outcome.reported.join(' ')).toMatch(/redis=(down|timeout)/);
    // During the outage each reply request waits up to 2 s for the enqueue (then the outbox sweeper owns it).
    expect(r.outbound.acked).toBeGreaterThan(15);
    expect(r.outbound.stuckTexts).toEqual([]);
    expect(r.outbound.duplicated).toBe(0);
    expect(hub.crashes()).toEqual([]);
  }, 180_000);
});
