import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { openLoop, settle, type Listeners } from '../lib/load.js';
import { cpuWindow, percentiles, round } from '../lib/stats.js';
import type { World } from '../lib/world.js';
import { hubStored } from './inbound.js';

export function visitorSocket(url: string, auth: Record<string, unknown>): Socket {
  return io(`${url}/webchat`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves with the `session` event every visitor connection receives. */
export function session(socket: Socket, timeoutMs = 30_000): Promise<{ visitorToken: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no webchat session')), timeoutMs);
    socket.once('session', (s: { visitorToken: string }) => (clearTimeout(timer), resolve(s)));
    socket.once('connect_error', (error) => (clearTimeout(timer), reject(error)));
  });
}

/** Scenario 2: web-chat visitors send over socket.io (open loop), agents receive; counted like scenario 1. */
export async function webchatScenario(world: World, listeners: Listeners, plan: { visitors: number; rate: number; durationMs: number }) {
  const visitors: Socket[] = [];
  for (let i = 0; i < plan.visitors; i += 50) {
    const batch = Array.from({ length: Math.min(50, plan.visitors - i) }, () => visitorSocket(world.hub.url, { websiteToken: world.webchat.websiteToken, name: `Visitor ${i}` }));
    await Promise.all(batch.map((s) => session(s)));
    visitors.push(...batch);
  }
  const tag = `w${process.pid}x${Date.now().toString(36)}`;
  const capacity = Math.round((plan.rate * plan.durationMs) / 1000) + 1;
  const deliveries = listeners.track(tag, capacity);
  const cpu = await cpuWindow(world.hub.pid, world.backends);
  const sent = await openLoop(plan.rate, plan.durationMs, (seq, scheduled) =>
    new Promise((resolve) => {
      visitors[seq % visitors.length]!.timeout(30_000).emit(
        'message.send',
        { clientMessageId: randomUUID(), content: { type: 'text', text: deliveries.text(seq, scheduled) } },
        (error: Error | null, ack: { ok: boolean; error?: { code: string } }) =>
          resolve(error ? { status: 0, body: error.message } : ack.ok ? { status: 200, body: '' } : { status: 500, body: JSON.stringify(ack.error) }),
      );
    }),
  );
  const { delivered, lost } = await settle(deliveries, sent.ackedSeqs, sent.sent);
  const used = await cpu();
  listeners.current = null;
  for (const v of visitors) v.disconnect();
  const { stored, duplicates } = await hubStored(world.db, world.accountId)(`${tag} %`);
  const summary = {
    visitors: plan.visitors,
    rate: plan.rate,
    sent: sent.sent,
    acked: sent.acked,
    errors: sent.errors,
    stored,
    delivered,
    lost: Math.max(lost, sent.acked - stored),
    duplicates: duplicates + deliveries.duplicates,
    throughput: round(sent.acked / sent.seconds, 0),
    ackLatencyMs: sent.ackLatency,
    e2eLatencyMs: percentiles(deliveries.latencies),
    cpuPerMessageUs: { server: sent.acked ? round((used.hub * 1e6) / sent.acked, 0) : 0, postgres: sent.acked ? round((used.postgres * 1e6) / sent.acked, 0) : 0 },
  };
  return { summary, errorSamples: sent.errorSamples, cpu: used };
}
