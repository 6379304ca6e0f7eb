import { randomUUID } from 'node:crypto';
import type { Listeners, Sender } from '../lib/load.js';
import { cpuWindow, now, percentiles, round, sleep } from '../lib/stats.js';
import type { Provider, World } from '../lib/world.js';
import { hubStored, inboundRun, webhookRequests, type InboundRun } from './inbound.js';
import { replyableConversations } from './replies.js';

/**
 * There is no campaigns feature yet, so a "campaign" here is what one would do: many conversations each
 * get a message through the public send API (outbox + queue + pacing), as fast as `concurrency` callers
 * can post, while customers keep writing in. Measured: sends/s the provider accepted (and never more
 * than its cap in any 1 s window), and inbound p99 during the burst against inbound alone just before.
 */
export async function campaignScenario(world: World, provider: Provider, sender: Sender, listeners: Listeners, plan: { sends: number; concurrency: number; inboundRate: number }, _earlier?: InboundRun[]) {
  const conversations = await replyableConversations(world, world.cloud.id, 100_000);
  if (!conversations.length) throw new Error('scenario 4 needs WhatsApp Cloud conversations: run it with the inbound scenario');
  const inboundBase = { target: 'hub' as const, pid: world.hub.pid, backends: world.backends, sender, listeners, factory: (t: (s: number, at: number) => string) => webhookRequests(world, t), stored: hubStored(world.db, world.accountId) };
  const idle = await inboundRun({ ...inboundBase, name: `inbound ${plan.inboundRate}/s alone`, open: { rate: plan.inboundRate, durationMs: 5_000 } });

  const tag = `c${process.pid}x${Date.now().toString(36)}`;
  const since = Date.now();
  const cpu = await cpuWindow(world.hub.pid, world.backends);
  const started = now();
  let next = 0;
  let apiErrors = 0;
  const errorSamples: string[] = [];
  const apiLatencies: number[] = [];
  const post = async () => {
    while (next < plan.sends) {
      const seq = next++;
      const t0 = now();
      const res = await fetch(`${world.hub.url}/api/v1/accounts/${world.accountId}/conversations/${conversations[seq % conversations.length]}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.hub.token}` },
        body: JSON.stringify({ clientMessageId: randomUUID(), content: { type: 'text', text: `${tag} ${seq} Festival sale: -20% today only` } }),
      }).catch((error: Error) => ({ status: 0, text: async () => error.message }));
      apiLatencies.push(now() - t0);
      if (res.status !== 201) {
        apiErrors++;
        if (errorSamples.length < 5) errorSamples.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    }
  };
  // Inbound keeps arriving while the burst is enqueued and drained.
  const during = inboundRun({ ...inboundBase, name: `inbound ${plan.inboundRate}/s during campaign`, open: { rate: plan.inboundRate, durationMs: 10_000 } });
  await Promise.all(Array.from({ length: plan.concurrency }, post));
  const enqueuedSeconds = (now() - started) / 1000;
  const accepted = plan.sends - apiErrors;
  const { rows } = await world.db.query<{ n: string }>(`SELECT count(*) AS n FROM message WHERE account_id = $1 AND direction = 'out' AND content->>'text' LIKE $2`, [world.accountId, `${tag} %`]);
  const storedOutbound = Number(rows[0]!.n);
  const deadline = now() + 30_000 + plan.sends * 10;
  let line = (await provider.stats(since, `${tag} `)).lines[world.cloud.line.phoneNumberId];
  while ((line?.accepted ?? 0) < storedOutbound && now() < deadline) {
    await sleep(500);
    line = (await provider.stats(since, `${tag} `)).lines[world.cloud.line.phoneNumberId];
  }
  const drainedSeconds = (now() - started) / 1000;
  const inbound = await during;
  const used = await cpu();
  const summary = {
    note: 'no campaigns feature yet: the burst goes through the public send API (POST …/conversations/:id/messages), one message per call',
    sends: plan.sends,
    conversations: Math.min(conversations.length, plan.sends),
    concurrency: plan.concurrency,
    providerCapPerSecond: world.cloud.line.ratePerSecond,
    hubPacingPerSecond: 1000,
    acceptedByApi: accepted,
    apiErrors,
    storedOutbound,
    apiSendsPerSecond: round(accepted / enqueuedSeconds, 0),
    providerAccepted: line?.accepted ?? 0,
    providerSendsPerSecond: round((line?.accepted ?? 0) / drainedSeconds, 0),
    providerMaxAcceptedPerSecond: line?.maxAcceptedPerSecond ?? 0,
    providerMaxAttemptsPerSecond: line?.maxAttemptsPerSecond ?? 0,
    providerRateLimited: line?.rateLimited ?? 0,
    // Stored for sending but never accepted by the provider by the end of the drain.
    lost: storedOutbound - (line?.accepted ?? 0),
    duplicates: line?.duplicates ?? 0,
    drainSeconds: round(drainedSeconds, 1),
    apiLatencyMs: percentiles(apiLatencies),
    inboundIdleP99Ms: idle.e2eLatencyMs.p99,
    inboundDuringP99Ms: inbound.e2eLatencyMs.p99,
    inboundP99Ratio: round(inbound.e2eLatencyMs.p99 / Math.max(0.1, idle.e2eLatencyMs.p99), 2),
    inboundLost: idle.lost + inbound.lost,
    inboundDuplicates: idle.duplicates + inbound.duplicates,
  };
  return { summary, inbound: { idle, during: inbound }, errorSamples, cpu: used };
}
