import { openLoop } from '../lib/load.js';
import { cpuWindow, now, percentiles, round, sleep } from '../lib/stats.js';
import type { Provider, World } from '../lib/world.js';

/** Conversations of an inbox that can take a free-form reply (the customer wrote within 24 h). */
export async function replyableConversations(world: World, inboxId: string, limit: number): Promise<string[]> {
  const { rows } = await world.db.query<{ id: string }>(
    `SELECT id FROM conversation WHERE inbox_id = $1 AND status <> 'resolved' AND customer_window_expires_at > now() + interval '1 hour' ORDER BY last_activity_at DESC LIMIT $2`,
    [inboxId, limit],
  );
  return rows.map((r) => r.id);
}

/** Records, per reply text, when the agent UI saw it sent and delivered (`message.updated`). */
export class StatusWatch {
  readonly sentAt = new Map<number, number>();
  readonly deliveredAt = new Map<number, number>();
  readonly failed = new Set<number>();
  constructor(private readonly tag: string, world: World) {
    world.agents[0]!.on('message.updated', this.handler);
    world.agents[0]!.on('message.created', this.handler);
    this.off = () => {
      world.agents[0]!.off('message.updated', this.handler);
      world.agents[0]!.off('message.created', this.handler);
    };
  }
  readonly off: () => void;
  private readonly handler = (m: { status?: string; content?: { text?: string } }) => {
    const text = m.content?.text;
    if (!text?.startsWith(this.tag + ' ')) return;
    const seq = Number(text.split(' ')[1]);
    const at = now();
    if ((m.status === 'sent' || m.status === 'delivered' || m.status === 'read') && !this.sentAt.has(seq)) this.sentAt.set(seq, at);
    if ((m.status === 'delivered' || m.status === 'read') && !this.deliveredAt.has(seq)) this.deliveredAt.set(seq, at);
    if (m.status === 'failed') this.failed.add(seq);
  };
}

/** Sends `count`/`rate` replies through the public API and waits until the agent UI saw them delivered. */
export async function sendReplies(world: World, conversations: string[], tag: string, rate: number, durationMs: number, watch: StatusWatch, waitMs: number) {
  const scheduledAt = new Map<number, number>();
  const sent = await openLoop(rate, durationMs, async (seq, scheduled) => {
    scheduledAt.set(seq, scheduled);
    const res = await fetch(`${world.hub.url}/api/v1/accounts/${world.accountId}/conversations/${conversations[seq % conversations.length]}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.hub.token}` },
      body: JSON.stringify({ content: { type: 'text', text: `${tag} ${seq} ${scheduled.toFixed(1)}` } }),
    }).catch((error: Error) => ({ status: 0, text: async () => error.message }));
    return { status: res.status, body: res.status === 201 ? '' : await res.text() };
  });
  const deadline = now() + waitMs;
  // Replies whose API call failed may still have been stored and sent: give them the same time.
  while (watch.deliveredAt.size + watch.failed.size < sent.sent && now() < deadline) await sleep(200);
  const toSent: number[] = [];
  const toDelivered: number[] = [];
  for (const [seq, at] of watch.sentAt) toSent.push(at - scheduledAt.get(seq)!);
  for (const [seq, at] of watch.deliveredAt) toDelivered.push(at - scheduledAt.get(seq)!);
  return { sent, toSent: percentiles(toSent), toDelivered: percentiles(toDelivered) };
}

/**
 * Scenario 3: agents reply through `POST …/messages` → outbox + queue → the fake provider (50–300 ms,
 * Twilio line capped at 80/s answering 429 + Retry-After above it) → signed status callbacks → the agent
 * UI's `message.updated`. Counted: every accepted reply reaches `delivered` once at the provider.
 */
export async function repliesScenario(world: World, provider: Provider, plan: { rate: number; durationMs: number }) {
  const conversations = await replyableConversations(world, world.twilio.id, 2_000);
  if (!conversations.length) throw new Error('scenario 3 needs Twilio conversations: run it with the inbound scenario');
  const tag = `q${process.pid}x${Date.now().toString(36)}`;
  const watch = new StatusWatch(tag, world);
  const since = Date.now();
  const cpu = await cpuWindow(world.hub.pid, world.backends);
  const { sent, toSent, toDelivered } = await sendReplies(world, conversations, tag, plan.rate, plan.durationMs, watch, 60_000);
  const used = await cpu();
  watch.off();
  const line = (await provider.stats(since, `${tag} `)).lines[world.twilio.line.phoneNumber];
  // Replies the hub stored (an API call can fail after its commit: those are sent too and count here).
  const { rows } = await world.db.query<{ n: string }>(`SELECT count(*) AS n FROM message WHERE account_id = $1 AND direction = 'out' AND content->>'text' LIKE $2`, [world.accountId, `${tag} %`]);
  const stored = Number(rows[0]!.n);
  const summary = {
    rate: plan.rate,
    providerCapPerSecond: world.twilio.line.ratePerSecond,
    conversations: conversations.length,
    requested: sent.sent,
    acceptedByApi: sent.acked,
    apiErrors: sent.errors,
    providerAccepted: line?.accepted ?? 0,
    providerRateLimited: line?.rateLimited ?? 0,
    providerMaxAcceptedPerSecond: line?.maxAcceptedPerSecond ?? 0,
    deliveredInUi: watch.deliveredAt.size,
    failed: watch.failed.size,
    stored,
    lost: stored - watch.deliveredAt.size - watch.failed.size,
    duplicates: line?.duplicates ?? 0,
    apiLatencyMs: sent.ackLatency,
    toSentMs: toSent,
    toDeliveredMs: toDelivered,
    cpuPerReplyUs: { server: sent.acked ? round((used.hub * 1e6) / sent.acked, 0) : 0 },
  };
  return { summary, errorSamples: sent.errorSamples, cpu: used };
}
