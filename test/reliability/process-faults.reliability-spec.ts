import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/hub.js';
import pg from 'pg';
import { HealthWatch } from './support/health.js';
import { hubProcess, WORKER_MAIN, type HubProcess } from './support/hub-process.js';
import { faultUnderLoad } from './support/fault-run.js';
import { seedWorld, type World } from './support/world.js';

const KILLS = 3;
/** RELIABILITY.md asks for a kill every 10–30 s; the CI budget allows the lower end. */
const KILL_EVERY_MS: [number, number] = [10_000, 14_000];

/**
 * `kill -9` of the hub (and of the worker, when the build has one) while customers write and agents
 * reply. A supervisor (systemd, docker) starts a replacement at once, on the same port, DATA_DIR and
 * database: it serves, nothing acknowledged is lost (webhooks are answered only once committed or
 * spooled to disk, replies once their outbox row is committed) and agents see nothing twice.
 */
describe('processes killed with SIGKILL under load', () => {
  let db: TestDatabase;
  let world: World;
  let hub: HubProcess;
  let worker: HubProcess | null = null;
  let health: HealthWatch;
  let pool: pg.Pool;
  const withWorker = existsSync(WORKER_MAIN);

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    world = await seedWorld({ databaseUrl: db.url, port, name: 'kill' });
    // With a worker build, the processors run there (the hub only serves), as in a scaled deployment.
    hub = hubProcess({ name: 'hub', port, env: { ...world.env, ...(withWorker && { RUN_PROCESSORS: 'false' }) }, logFile: join(world.env.DATA_DIR!, 'hub.log') });
    await hub.start();
    if (withWorker) {
      worker = hubProcess({ name: 'worker', main: WORKER_MAIN, port: await freePort(), env: world.env, logFile: join(world.env.DATA_DIR!, 'worker.log') });
      await worker.start();
    }
    health = new HealthWatch(hub.url);
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // Idle clients see the server restart too; the pool replaces them (an unhandled 'error' would fail the suite).
    pool.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await worker?.stop();
    await hub?.stop();
    await pool?.end();
    await world?.close();
    await db?.drop();
  }, 60_000);

  it(`survives ${KILLS} SIGKILLs of the hub${withWorker ? ' and the worker' : ''}, replaced by a supervisor`, async () => {
    const recoveries: number[] = [];
    const kind = `SIGKILL hub${withWorker ? ' + worker' : ''}, restarted`;
    const outcome = await faultUnderLoad({
      kind,
      checker: world.checker(kind, {
        ratePerSecond: 15,
        outbound: { accountId: world.brand.accountId, ratePerSecond: 2, providerTexts: () => world.sandbox.store.outbox.map((o) => String(o.request.Body ?? '')) },
      }),
      health,
      warmupMs: 3_000,
      inject: async () => {
        for (let i = 0; i < KILLS; i++) {
          if (i > 0) await sleep(KILL_EVERY_MS[0] + Math.random() * (KILL_EVERY_MS[1] - KILL_EVERY_MS[0]));
          const killedAt = Date.now();
          // The worker goes down with every other hub kill, and on its own in between.
          if (worker && i % 2 === 1) await worker.kill();
          await hub.kill();
          await hub.start();
          if (worker && i % 2 === 1) await worker.start();
          recoveries.push((await health.readyAfter(killedAt)) - killedAt);
        }
      },
      query: async (sql, params) => (await pool.query(sql, params)).rows as never[],
      survived: () => hub.alive() && hub.crashes().length === 0 && (!worker || (worker.alive() && worker.crashes().length === 0)),
      count: KILLS,
      recoveryOf: () => Math.max(...recoveries),
      detail: () => `ready again ${recoveries.map((ms) => `${ms} ms`).join(', ')} after each kill`,
    });
    const r = outcome.result;
    expect(r.errors).toEqual([]);
    expect(r.lostTexts).toEqual([]);
    expect({ storedDuplicates: r.storedDuplicates, agentDuplicates: r.agentDuplicates }).toEqual({ storedDuplicates: 0, agentDuplicates: 0 });
    expect(r.acked).toBeGreaterThan(100);
    expect(outcome.degraded).toBeGreaterThan(0);
    expect(r.outbound.acked).toBeGreaterThan(10);
    expect(r.outbound.stuckTexts).toEqual([]);
    expect(hub.crashes()).toEqual([]);
    // A reply whose send was in flight when the process died is retried: the provider may see it twice
    // (no provider here offers an idempotency key). Counted in the report, not hidden.
    expect(r.outbound.duplicated).toBeLessThanOrEqual(KILLS);
  }, 180_000);
});
