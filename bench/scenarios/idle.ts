import type { Socket } from 'socket.io-client';
import { now, processRss, round, sleep } from '../lib/stats.js';
import type { World } from '../lib/world.js';
import { session, visitorSocket } from './webchat.js';

/** Why connections failed, e.g. `{ "websocket error": 109 }`: a count alone cannot tell the hub from the client. */
type Reasons = Record<string, number>;

function reasonOf(error: unknown): string {
  const e = error as { message?: string; description?: { message?: string } | string } | undefined;
  const detail = typeof e?.description === 'string' ? e.description : e?.description?.message;
  return [e?.message ?? String(error), detail].filter(Boolean).join(': ').slice(0, 120);
}

async function openVisitors(world: World, auths: Record<string, unknown>[], batch: number): Promise<{ sockets: Socket[]; tokens: string[]; failures: number; reasons: Reasons }> {
  const sockets: Socket[] = [];
  const tokens: string[] = [];
  const reasons: Reasons = {};
  let failures = 0;
  for (let i = 0; i < auths.length; i += batch) {
    const group = auths.slice(i, i + batch).map((auth) => visitorSocket(world.hub.url, auth));
    const sessions = await Promise.allSettled(group.map((s) => session(s, 60_000)));
    for (const s of sessions) {
      if (s.status === 'fulfilled') tokens.push(s.value.visitorToken);
      else {
        failures++;
        const reason = reasonOf(s.reason);
        reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
    }
    sockets.push(...group);
  }
  return { sockets, tokens, failures, reasons };
}

/**
 * Scenario 5: `sockets` authenticated widget connections held idle (hub RSS per socket), then all of
 * them dropped and reconnecting at once with their visitor tokens (time until every one has its session).
 */
export async function idleScenario(world: World, plan: { sockets: number }) {
  await sleep(2_000);
  const rssBefore = processRss(world.hub.pid);
  const first = await openVisitors(world, Array.from({ length: plan.sockets }, () => ({ websiteToken: world.webchat.websiteToken })), 500);
  await sleep(5_000);
  const rssAfter = processRss(world.hub.pid);
  for (const s of first.sockets) s.disconnect();
  await sleep(3_000);
  const started = now();
  const storm = await openVisitors(world, first.tokens.map((visitorToken) => ({ websiteToken: world.webchat.websiteToken, visitorToken })), plan.sockets);
  const stormSeconds = (now() - started) / 1000;
  for (const s of storm.sockets) s.disconnect();
  return {
    sockets: plan.sockets,
    connected: first.tokens.length,
    connectFailures: first.failures,
    ...(first.failures > 0 && { connectFailureReasons: first.reasons }),
    hubRssBeforeMiB: round(rssBefore / 2 ** 20, 1),
    hubRssAfterMiB: round(rssAfter / 2 ** 20, 1),
    rssPerSocketKiB: round((rssAfter - rssBefore) / 1024 / Math.max(1, first.tokens.length), 1),
    reconnected: storm.tokens.length,
    reconnectFailures: storm.failures,
    ...(storm.failures > 0 && { reconnectFailureReasons: storm.reasons }),
    reconnectSeconds: round(stormSeconds, 2),
  };
}
