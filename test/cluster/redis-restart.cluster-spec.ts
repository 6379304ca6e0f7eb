import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { freePort } from '../support/hub.js';
import { connected, nextEvent } from '../support/sockets.js';
import { allMessages, api, customerSends, liveAgent, pointLineAt, requireClusterEnv, seed, spawnNode, waitUntil, type Proc, type Seeded } from './cluster.js';
import { privateRedis, type PrivateRedis } from '../support/private-redis.js';

/**
 * Two hubs and a worker on a Redis of the suite's own, which is stopped (SIGTERM) while a customer keeps
 * writing to hub A and an agent watches from hub B, then started again, empty, on the same port. What the
 * agent sees is modelled on apps/inbox (state/realtime.ts): live socket events, plus a REST re-sync of the
 * conversation whenever the socket reconnects. Nothing the hubs acknowledged may be missing from that view.
 */
jest.setTimeout(90_000);

const OUTAGE_MS = 5_000;

interface AgentView {
  socket: Socket;
  /** message.created payloads, in arrival order, with arrival time. */
  events: { message: MessageView; at: number }[];
  reconnects: number;
  /** Ids the app re-fetched after a reconnect (what it shows besides the events). */
  resynced: Set<string>;
}

describe('scale-out: Redis restarted under traffic', () => {
  requireClusterEnv();
  let s: Seeded;
  let redis: PrivateRedis;
  let a: Proc;
  let b: Proc;
  let worker: Proc;
  let agent: AgentView;
  let conversationId = '';

  beforeAll(async () => {
    redis = await privateRedis();
    s = await seed();
    const env = { ...s.env, DATABASE_URL: s.db.url, REDIS_URL: redis.url, QUEUE_PREFIX: `rr${randomBytes(4).toString('hex')}`, RUN_PROCESSORS: 'false' };
    const bPort = await freePort();
    [a, b, worker] = await Promise.all([
      spawnNode('hub-a', 'hub', env),
      spawnNode('hub-b', 'hub', env, bPort),
      spawnNode('worker', 'worker', { ...env, PUBLIC_URL: `http://127.0.0.1:${bPort}` }),
    ]);
    pointLineAt(s, a.url);
    agent = watch(b.url, s.brand.admin.token, () => conversationId);
    await connected(agent.socket);
  }, 120_000);

  afterAll(async () => {
    agent?.socket.disconnect();
    await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
    await redis?.close();
    await s?.sandbox.close();
    await s?.db.drop();
  }, 60_000);

  function watch(url: string, token: string, conversation: () => string): AgentView {
    const socket = liveAgent(url, token);
    const view: AgentView = { socket, events: [], reconnects: 0, resynced: new Set() };
    let first = true;
    socket.on('message.created', (message: MessageView) => view.events.push({ message, at: Date.now() }));
    socket.on('connect', () => {
      if (first) return void (first = false);
      // The inbox app's onResync(): re-read what may have been missed while the socket was away.
      view.reconnects += 1;
      if (conversation()) void allMessages(url, token, s.brand.accountId, conversation()).then((all) => all.forEach((m) => view.resynced.add(m.id)), () => undefined);
    });
    return view;
  }

  it('acknowledges only stored messages throughout, and the agent on hub B ends up missing none', async () => {
    const acked: { text: string; at: number; ms: number }[] = [];
    const refused: string[] = [];
    let sending = true;
    let n = 0;
    const loop = (async () => {
      while (sending) {
        const text = `festival message ${++n}`;
        const started = Date.now();
        try {
          await customerSends(s, text);
          acked.push({ text, at: Date.now(), ms: Date.now() - started });
        } catch (error) {
          refused.push(`${text}: ${(error as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await waitUntil(() => agent.events.length >= 5, 15_000, 'traffic reaching B before the outage');
    conversationId = agent.events[0]!.message.conversationId;
    const stoppedAt = Date.now();
    await redis.stop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    // Every process is still up through the outage (PostgreSQL is, and webhooks need only it).
    for (const p of [a, b, worker]) expect({ name: p.name, exit: p.child.exitCode }).toEqual({ name: p.name, exit: null });
    const restartedAt = Date.now();
    const duringOutage = acked.filter((x) => x.at > stoppedAt && x.at <= restartedAt);
    await redis.start();
    await new Promise((r) => setTimeout(r, 3_000));
    sending = false;
    await loop;
    const lastAcked = acked.at(-1)!;

    const texts = (v: AgentView) => new Set(v.events.map((e) => e.message.content.type === 'text' ? e.message.content.text : ''));
    // New events flow to B again: the last message, sent after the restart, arrives live.
    await waitUntil(() => texts(agent).has(lastAcked.text), 30_000, 'a message sent after the restart reaching B', () => `events at B: ${agent.events.length}, acked ${acked.length}`);
    const firstAfterRestart = acked.find((x) => x.at > restartedAt)!;
    const liveAgain = agent.events.find((e) => e.message.content.type === 'text' && e.message.content.text === firstAfterRestart.text);

    const stored = (await allMessages(b.url, s.brand.admin.token, s.brand.accountId, conversationId)).filter((m) => m.direction === 'in');
    const storedTexts = stored.map((m) => m.content.text);
    // Acknowledged means committed: every acknowledged text is stored, exactly once.
    expect(refused).toEqual([]);
    expect(acked.map((x) => x.text).filter((t) => !storedTexts.includes(t))).toEqual([]);
    expect(new Set(storedTexts).size).toBe(storedTexts.length);
    // The agent's view: events (and a re-sync if the socket dropped) hold every stored message.
    await waitUntil(() => stored.every((m) => agent.events.some((e) => e.message.id === m.id) || agent.resynced.has(m.id)), 30_000, 'the agent view to hold every stored message',
      () => `missing: ${stored.filter((m) => !agent.events.some((e) => e.message.id === m.id) && !agent.resynced.has(m.id)).map((m) => m.content.text).join(', ')}`);
    const viaEvents = stored.filter((m) => agent.events.some((e) => e.message.id === m.id)).length;
    const eventIds = agent.events.map((e) => e.message.id);
    const duplicates = eventIds.length - new Set(eventIds).size;

    const outageTexts = new Set(duringOutage.map((x) => x.text));
    const backlogAt = Math.max(...agent.events.filter((e) => e.message.content.type === 'text' && outageTexts.has(e.message.content.text)).map((e) => e.at));
    // Both hubs report ready again (their Redis check passes).
    for (const hub of [a, b]) await waitUntil(async () => (await fetch(`${hub.url}/health/ready`)).status === 200, 15_000, `${hub.name} ready again`);
    console.log([
      `Redis restart under traffic: ${acked.length} webhooks acknowledged (${duringOutage.length} during the ${OUTAGE_MS / 1000} s outage, slowest ack then ${Math.max(...duringOutage.map((x) => x.ms))} ms), ${stored.length} stored, 0 refused`,
      `agent at B: ${viaEvents}/${stored.length} through socket events, ${agent.resynced.size} re-synced over REST after ${agent.reconnects} reconnect(s), ${duplicates} duplicate event(s)`,
      `recovery: first post-restart message at B ${liveAgain ? liveAgain.at - firstAfterRestart.at : 'n/a'} ms after its webhook; events of the outage all at B ${backlogAt - restartedAt} ms after Redis restarted`,
    ].join('\n'));
    expect(duringOutage.length).toBeGreaterThan(10);
    expect(stored.length).toBe(acked.length);
  });

  it('has the worker send a reply posted at B after the restart, and B\'s agent sees it sent', async () => {
    const sent = nextEvent<MessageView>(agent.socket, 'message.updated', (m) => m.direction === 'out' && m.status !== 'queued', 20_000);
    const res = await api<MessageView>(b.url, s.brand.admin.token, `/accounts/${s.brand.accountId}/conversations/${conversationId}/messages`, { method: 'POST', body: { content: { type: 'text', text: 'Back after the blip.' } } });
    expect(res.status).toBe(201);
    // The queue lives in the restarted (empty) Redis: the worker's blocking reads must have resumed on it.
    expect((await sent).id).toBe(res.body.id);
  });
});
