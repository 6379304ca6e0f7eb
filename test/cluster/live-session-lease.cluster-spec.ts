import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { InboxSessionPayload } from '@concierge/contracts';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { connected, record } from '../support/sockets.js';
import { api, liveAgent, requireClusterEnv, seed, spawnNode, waitUntil, type Proc, type Seeded } from './cluster.js';

/**
 * A WhatsApp Web inbox in a deployment with two workers (real processes): exactly one of them runs the
 * session, the other takes it over when the owner is killed (SIGKILL: the lease must expire first), and an
 * owner that was frozen (SIGSTOP) longer than the lease gives its session up when it wakes. The workers'
 * Chromium path does not exist, so a launch fails at once (no browser, no network): each launch is visible
 * to agents as an `inbox.session` "starting" event, and the next attempt waits 30 s.
 */
jest.setTimeout(90_000);

const LEASE_SECONDS = 3;

describe('scale-out: one WhatsApp Web session per inbox across workers', () => {
  const redisUrl = requireClusterEnv();
  let s: Seeded;
  let env: Record<string, string>;
  let hub: Proc;
  const workers: Proc[] = [];
  let agent: Socket;
  let sessions: InboxSessionPayload[];
  let inboxId: string;
  let pool: pg.Pool;

  beforeAll(async () => {
    s = await seed();
    env = {
      ...s.env, DATABASE_URL: s.db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: `ls${randomBytes(4).toString('hex')}`, RUN_PROCESSORS: 'false',
      LIVE_SESSION_LEASE_SECONDS: String(LEASE_SECONDS), CHROMIUM_PATH: '/nonexistent/chromium',
    };
    hub = await spawnNode('hub', 'hub', env);
    workers.push(...(await Promise.all([spawnNode('worker-1', 'worker', env), spawnNode('worker-2', 'worker', env)])));
    agent = liveAgent(hub.url, s.brand.admin.token);
    sessions = record<InboxSessionPayload>(agent, 'inbox.session');
    await connected(agent);
    pool = new pg.Pool({ connectionString: s.db.url, max: 2 });
  }, 120_000);

  afterAll(async () => {
    agent?.disconnect();
    for (const w of workers) if (w.child.signalCode === null && w.child.exitCode === null) w.child.kill('SIGCONT');
    await Promise.all([hub?.stop(), ...workers.map((w) => w.stop())]);
    await pool?.end();
    await s?.sandbox.close();
    await s?.db.drop();
  }, 60_000);

  const starts = () => sessions.filter((p) => p.inboxId === inboxId && p.state === 'starting').length;
  const lease = async () => (await pool.query<{ owner: string; live: boolean }>('SELECT owner, expires_at > now() AS live FROM live_session_lease WHERE inbox_id = $1', [inboxId])).rows[0];
  /** The worker whose pid is in the lease's owner (`host:pid:random`). */
  const ownerProc = async () => {
    const row = await lease();
    const pid = Number(row?.owner.split(':')[1]);
    return row?.live ? workers.find((w) => w.child.pid === pid) : undefined;
  };
  const hold = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      expect(check()).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('runs the session of a new inbox in exactly one worker', async () => {
    const res = await api<{ id: string }>(hub.url, s.brand.admin.token, `/accounts/${s.brand.accountId}/inboxes`, { method: 'POST', body: { name: 'WhatsApp Web', channel: { type: 'whatsapp_web' } } });
    expect(res.status).toBe(201);
    inboxId = res.body.id;
    // Created through the hub (no processors): the workers find it on their next pass.
    await waitUntil(() => starts() === 1, 10_000, 'one session launch', () => JSON.stringify(sessions));
    expect(await ownerProc()).toBeDefined();
    // Several lease lengths of renewals and takeover attempts: still one launch (the next retry is 30 s away).
    await hold(() => starts() === 1, 3 * LEASE_SECONDS * 1000);
    expect(sessions.find((p) => p.inboxId === inboxId && p.state === 'failed')?.detail).toMatch(/chromium|browser|executable/i);
  });

  it('is taken over by the other worker once a killed owner\'s lease expires', async () => {
    const owner = (await ownerProc())!;
    const survivor = workers.find((w) => w !== owner)!;
    const killedAt = Date.now();
    await owner.stop('SIGKILL');
    await waitUntil(() => starts() === 2, 15_000, 'a second launch, by the survivor');
    const takeoverMs = Date.now() - killedAt;
    expect(await ownerProc()).toBe(survivor);
    // Not before the lease could have expired, and within a renewal interval after.
    expect(takeoverMs).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000 - 500);
    expect(takeoverMs).toBeLessThan(LEASE_SECONDS * 1000 + 3_000);
    console.log(`WhatsApp Web session taken over ${takeoverMs} ms after its owner was killed (lease ${LEASE_SECONDS} s)`);
    workers.splice(workers.indexOf(owner), 1);
  });

  it('makes an owner frozen longer than the lease give the session up when it wakes', async () => {
    workers.push(await spawnNode('worker-3', 'worker', env));
    const frozen = (await ownerProc())!;
    const other = workers.find((w) => w !== frozen)!;
    const before = starts();
    frozen.child.kill('SIGSTOP');
    await waitUntil(() => starts() === before + 1, 15_000, 'a launch by the other worker while the owner is frozen');
    expect(await ownerProc()).toBe(other);
    frozen.child.kill('SIGCONT');
    await waitUntil(() => frozen.output.join('').includes('Live session lease lost'), 10_000, 'the woken owner to give the session up', () => frozen.output.join('').slice(-2000));
    // It does not take the lease back: the other worker keeps renewing it.
    await hold(() => starts() === before + 1, 2 * LEASE_SECONDS * 1000);
    expect(await ownerProc()).toBe(other);
  });
});
