import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../support/hub.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { HealthWatch } from './support/health.js';
import { hubProcess, type HubProcess } from './support/hub-process.js';
import { faultUnderLoad, type FaultOutcome } from './support/fault-run.js';
import { startOwnPostgres, type OwnPostgres } from './support/postgres.js';
import { seedWorld, type World } from './support/world.js';

/**
 * The database misbehaves under load while the hub (a real `node dist/apps/hub/src/main.js` process)
 * serves Twilio webhooks and web-chat visitors: PostgreSQL restarted (fast and immediate shutdown) and
 * its backends killed, then latency, a blackhole and connection resets between the hub and PostgreSQL
 * (through the suite's TCP fault proxy). Each time: the process stays up, health turns degraded and
 * recovers, nothing acknowledged is lost and agents see nothing twice.
 */
describe('database faults under load', () => {
  let postgres: OwnPostgres;
  let proxy: TcpProxy;
  let world: World;
  let hub: HubProcess;
  let health: HealthWatch;
  let db: pg.Pool;
  const database = 'concierge_rel_db';

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    await postgres.createDatabase(database);
    proxy = await startTcpProxy({ host: '127.0.0.1', port: postgres.port });
    const port = await freePort();
    // The hub reaches PostgreSQL through the fault proxy; restarts act on the server behind it.
    const hubDbUrl = `postgres://postgres@127.0.0.1:${proxy.port}/${database}`;
    world = await seedWorld({ databaseUrl: postgres.url(database), port, name: 'db' });
    hub = hubProcess({ name: 'hub', port, env: { ...world.env, DATABASE_URL: hubDbUrl }, logFile: join(world.env.DATA_DIR!, 'hub.log') });
    await hub.start();
    health = new HealthWatch(hub.url);
    db = new pg.Pool({ connectionString: postgres.url(database), max: 2 });
    // Idle clients see the server restart too; the pool replaces them (an unhandled 'error' would fail the suite).
    db.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await hub?.stop();
    await db?.end();
    await world?.close();
    await proxy?.close();
    await postgres?.stop();
  }, 60_000);

  const run = (kind: string, inject: () => Promise<void>) =>
    faultUnderLoad({
      kind,
      checker: world.checker(kind),
      health,
      inject,
      query: async (sql, params) => (await db.query(sql, params)).rows as never[],
      survived: () => hub.alive() && hub.crashes().length === 0,
    });

  const expectSurvived = (outcome: FaultOutcome) => {
    expect(outcome.result.errors).toEqual([]);
    expect(outcome.result.lostTexts).toEqual([]);
    expect({ storedDuplicates: outcome.result.storedDuplicates, agentDuplicates: outcome.result.agentDuplicates }).toEqual({ storedDuplicates: 0, agentDuplicates: 0 });
    expect(outcome.result.acked).toBeGreaterThan(20);
    // Each sender waits for one acknowledgement before its next message: stored order must be send order.
    expect(outcome.result.reordered).toBe(0);
    expect(hub.alive()).toBe(true);
    expect(hub.crashes()).toEqual([]);
  };

  // A real restart of a loaded server takes seconds: the server stays down 3 s between stop and start.
  const restart = (mode: 'fast' | 'immediate') => async () => {
    await postgres.restart(mode, 3_000);
  };

  it('survives PostgreSQL restarted with fast shutdown', async () => {
    const outcome = await run('postgres restart -m fast', restart('fast'));
    expectSurvived(outcome);
    expect(outcome.degraded).toBeGreaterThan(0);
  }, 90_000);

  it('survives PostgreSQL restarted with immediate shutdown (crash recovery)', async () => {
    const outcome = await run('postgres restart -m immediate', restart('immediate'));
    expectSurvived(outcome);
    expect(outcome.degraded).toBeGreaterThan(0);
  }, 90_000);

  it('survives its backends killed (pg_terminate_backend) three times', async () => {
    let killed = 0;
    const outcome = await run('postgres backends killed ×3', async () => {
      for (let i = 0; i < 3; i++) {
        killed += await postgres.terminateBackends(database);
        await sleep(1_500);
      }
    });
    expect(killed).toBeGreaterThan(0);
    expectSurvived(outcome);
  }, 90_000);

  it('survives 300 ms of latency each way between the hub and PostgreSQL', async () => {
    const outcome = await run('db link latency 300 ms for 6 s', async () => {
      proxy.mode({ kind: 'latency', latencyMs: 300 });
      await sleep(6_000);
      proxy.mode({ kind: 'pass' });
    });
    expectSurvived(outcome);
  }, 90_000);

  it('survives a blackholed route to PostgreSQL', async () => {
    const outcome = await run('db link blackhole 8 s', async () => {
      proxy.mode({ kind: 'blackhole' });
      await sleep(8_000);
      proxy.mode({ kind: 'pass' });
    });
    expectSurvived(outcome);
    expect(outcome.degraded).toBeGreaterThan(0);
  }, 90_000);

  it('survives connection resets between the hub and PostgreSQL', async () => {
    const outcome = await run('db link resets 5 s', async () => {
      proxy.mode({ kind: 'reset' });
      await sleep(5_000);
      proxy.mode({ kind: 'pass' });
    });
    expectSurvived(outcome);
    expect(outcome.degraded).toBeGreaterThan(0);
  }, 90_000);
});
