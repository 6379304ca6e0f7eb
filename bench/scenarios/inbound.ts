import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { formBody, inboundParams, signTwilio } from '../../apps/sandbox/src/twilio-wire.js';
import { inboundWebhook, metaHeaders } from '../../apps/sandbox/src/graph-wire.js';
import type { Listeners, Outgoing, RequestFactory, Sender } from '../lib/load.js';
import { settle } from '../lib/load.js';
import { cpuWindow, percentiles, round, sleep, zipf, type CpuWindow, type Percentiles } from '../lib/stats.js';
import type { World } from '../lib/world.js';

export const CONTACTS = 10_000;

/** Contact k's phone: valid French mobile numbers (+33 6 1x xx xx xx), one per contact. */
export const phoneOf = (k: number): string => `+3361${String(k).padStart(7, '0')}`;

/**
 * Signed provider webhooks, alternating Twilio WhatsApp (X-Twilio-Signature over PUBLIC_URL + path and
 * the form fields) and WhatsApp Cloud (X-Hub-Signature-256 over the exact body), built by the sandbox's
 * wire helpers; the sender is drawn Zipf over 10k contacts.
 */
export function webhookRequests(world: World, text: (seq: number, scheduled: number) => string, contacts = zipf(CONTACTS)): RequestFactory {
  return (seq, scheduled): Outgoing => {
    const k = contacts();
    const body = text(seq, scheduled);
    if (seq % 2 === 0) {
      const params = inboundParams(world.twilio.line, { sid: `SM${randomBytes(16).toString('hex')}`, from: phoneOf(k), profileName: `Client ${k}`, body, media: [], messageType: 'text' });
      return {
        path: world.twilio.path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1', 'x-twilio-signature': signTwilio(world.twilio.line.authToken, world.twilio.url, params) },
        body: formBody(params),
      };
    }
    const payload = JSON.stringify(inboundWebhook(world.cloud.line, { id: `wamid.${randomBytes(24).toString('base64url')}`, from: phoneOf(k), profileName: `Client ${k}`, nowMs: Date.now(), content: { type: 'text', text: { body } } }));
    return { path: world.cloud.path, headers: { 'content-type': 'application/json', ...metaHeaders(world.cloud.line, payload) }, body: payload };
  };
}

/** The bare pipeline's request: the same sender distribution, a plain JSON body. */
export function bareRequests(text: (seq: number, scheduled: number) => string, contacts = zipf(CONTACTS)): RequestFactory {
  return (seq, scheduled) => ({
    path: '/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversation: phoneOf(contacts()), sourceId: `b${randomBytes(12).toString('hex')}`, text: text(seq, scheduled) }),
  });
}

export interface InboundRun {
  name: string;
  target: 'hub' | 'bare';
  mode: 'open' | 'closed';
  rate?: number;
  concurrency?: number;
  seconds: number;
  sent: number;
  acked: number;
  errors: number;
  errorSamples: string[];
  saturated?: boolean;
  notSent?: number;
  stored: number;
  delivered: number;
  lost: number;
  /** Acknowledged, but not on every agent socket within 15 s of the last send. */
  undelivered: number;
  /** Acknowledged, but not in the database 30 s after the last send. */
  notStored: number;
  /** Agent sockets the hub dropped so far (a dropped socket misses live events). */
  agentDisconnects: number;
  duplicates: number;
  /** Acknowledged (committed) messages per second over the run. */
  throughput: number;
  ackLatencyMs: Percentiles;
  /** Open loop: the slowest acknowledgement per second of the schedule. */
  ackMaxMsBySecond?: number[];
  /** Scheduled send → every agent socket (one sample per socket). */
  e2eLatencyMs: Percentiles;
  cpu: CpuWindow;
  cpuPerMessageUs: { server: number; postgres: number; generator: number };
}

let runCounter = 0;

export async function inboundRun(options: {
  name: string;
  target: 'hub' | 'bare';
  pid: number;
  backends: () => Promise<number[]>;
  sender: Sender;
  listeners: Listeners;
  factory: (text: (seq: number, scheduled: number) => string) => RequestFactory;
  open?: { rate: number; durationMs: number };
  closed?: { concurrency: number; durationMs: number };
  /** Rows stored for this run's tag and how many of them repeat a text. */
  stored(tagPattern: string): Promise<{ stored: number; duplicates: number }>;
}): Promise<InboundRun> {
  const tag = `r${process.pid}x${++runCounter}`;
  const capacity = options.open ? Math.round((options.open.rate * options.open.durationMs) / 1000) + 1 : 200_000;
  const deliveries = options.listeners.track(tag, capacity);
  const make = options.factory((seq, scheduled) => deliveries.text(seq, scheduled));
  const cpu = await cpuWindow(options.pid, options.backends);
  const sent = options.open
    ? await options.sender.openLoop(options.open.rate, options.open.durationMs, make)
    : await options.sender.closedLoop(options.closed!.concurrency, options.closed!.durationMs, make, capacity);
  const { delivered, lost } = await settle(deliveries, sent.ackedSeqs, sent.sent);
  const cpuUsed = await cpu();
  options.listeners.current = null;
  // Batches spooled while the database was saturated are stored a little later: wait for them.
  let { stored, duplicates } = await options.stored(`${tag} %`);
  for (let waited = 0; stored - duplicates < sent.acked && waited < 30_000; waited += 1_000) {
    await sleep(1_000);
    ({ stored, duplicates } = await options.stored(`${tag} %`));
  }
  const perMessage = (s: number) => (sent.acked ? round((s * 1e6) / sent.acked, 0) : 0);
  return {
    name: options.name,
    target: options.target,
    mode: options.open ? 'open' : 'closed',
    ...(options.open ? { rate: options.open.rate } : { concurrency: options.closed!.concurrency }),
    seconds: round(sent.seconds, 2),
    sent: sent.sent,
    acked: sent.acked,
    errors: sent.errors,
    errorSamples: sent.errorSamples,
    ...(sent.saturated && { saturated: true, notSent: sent.notSent }),
    stored,
    delivered,
    // Acknowledged but never shown to every agent, or acknowledged but not stored.
    lost: Math.max(lost, sent.acked - (stored - duplicates)),
    undelivered: lost,
    notStored: Math.max(0, sent.acked - (stored - duplicates)),
    agentDisconnects: options.listeners.disconnects,
    duplicates: duplicates + deliveries.duplicates,
    throughput: round(sent.acked / sent.seconds, 0),
    ackLatencyMs: sent.ackLatency,
    ...(sent.ackMaxBySecond && { ackMaxMsBySecond: sent.ackMaxBySecond }),
    e2eLatencyMs: percentiles(deliveries.latencies),
    cpu: cpuUsed,
    cpuPerMessageUs: { server: perMessage(cpuUsed.hub), postgres: perMessage(cpuUsed.postgres), generator: perMessage(cpuUsed.generator) },
  };
}

export function hubStored(db: pg.Pool, accountId: string) {
  return async (pattern: string) => {
    const { rows } = await db.query<{ n: string; d: string }>(
      `SELECT count(*) AS n, count(DISTINCT content->>'text') AS d FROM message WHERE account_id = $1 AND direction = 'in' AND content->>'text' LIKE $2`,
      [accountId, pattern],
    );
    return { stored: Number(rows[0]!.n), duplicates: Number(rows[0]!.n) - Number(rows[0]!.d) };
  };
}

export function bareStored(db: pg.Pool) {
  return async (pattern: string) => {
    const { rows } = await db.query<{ n: string; d: string }>(`SELECT count(*) AS n, count(DISTINCT body->>'text') AS d FROM bare_message WHERE body->>'text' LIKE $1`, [pattern]);
    return { stored: Number(rows[0]!.n), duplicates: Number(rows[0]!.n) - Number(rows[0]!.d) };
  };
}
