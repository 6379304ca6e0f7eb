import { Agent, request } from 'node:http';
import type { Socket } from 'socket.io-client';
import { now, percentiles, sleep, type Percentiles } from './stats.js';

/** One HTTP request the generator sends; `seq` and the scheduled time travel inside the body. */
export interface Outgoing { path: string; headers: Record<string, string>; body: string }
export type RequestFactory = (seq: number, scheduledMs: number) => Outgoing;

/**
 * Counts what agent sockets receive. Each message text is `<tag> <seq> <scheduledMs>`: the latency is
 * measured from the time the generator was *scheduled* to send (no coordinated omission).
 */
export class Deliveries {
  readonly latencies: number[] = [];
  duplicates = 0;
  private readonly seen: Uint8Array;
  private readonly count: Uint16Array;

  constructor(readonly tag: string, readonly capacity: number, readonly sockets: number) {
    this.seen = new Uint8Array(capacity * sockets);
    this.count = new Uint16Array(capacity);
  }

  text(seq: number, scheduledMs: number): string {
    return `${this.tag} ${seq} ${scheduledMs.toFixed(1)}`;
  }

  record(socketIndex: number, text: string | undefined): void {
    if (!text || !text.startsWith(this.tag + ' ')) return;
    const [, seqText, scheduled] = text.split(' ');
    const seq = Number(seqText);
    if (!(seq >= 0 && seq < this.capacity)) return;
    const key = seq * this.sockets + socketIndex;
    if (this.seen[key]) {
      this.duplicates++;
      return;
    }
    this.seen[key] = 1;
    this.count[seq]!++;
    this.latencies.push(now() - Number(scheduled));
  }

  /** Messages every agent socket received. */
  fullyDelivered(upTo = this.capacity): number {
    let n = 0;
    for (let i = 0; i < upTo; i++) if (this.count[i] === this.sockets) n++;
    return n;
  }

  deliveredTo(seq: number): number {
    return this.count[seq]!;
  }
}

/** The agent sockets, switched from one run's tracker to the next. */
export class Listeners {
  current: Deliveries | null = null;
  disconnects = 0;

  constructor(readonly sockets: Socket[], event = 'message.created', extract: (payload: any) => string | undefined = (p) => p?.content?.text) {
    sockets.forEach((socket, i) => {
      socket.on(event, (payload: unknown) => this.current?.record(i, extract(payload)));
      socket.on('disconnect', () => this.disconnects++);
    });
  }

  track(tag: string, capacity: number): Deliveries {
    return (this.current = new Deliveries(tag, capacity, this.sockets.length));
  }
}

export interface SendResult {
  sent: number;
  acked: number;
  errors: number;
  errorSamples: string[];
  ackLatency: Percentiles;
  /** Open loop only: the slowest acknowledgement of the messages scheduled in each second (stalls show here). */
  ackMaxBySecond?: number[];
  /** Wall time from the first scheduled send to the last answer. */
  seconds: number;
  ackedSeqs: Uint8Array;
  /** Open loop only: the target fell more than 2 s behind and the rest of the schedule was not sent. */
  saturated?: boolean;
  notSent?: number;
}

export class Sender {
  private readonly agent: Agent;

  constructor(private readonly host: string, private readonly port: number, maxSockets = 256) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post(out: Outgoing): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const req = request({ host: this.host, port: this.port, method: 'POST', path: out.path, headers: { ...out.headers, 'content-length': Buffer.byteLength(out.body) }, agent: this.agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (error) => resolve({ status: 0, body: error.message }));
      req.end(out.body);
    });
  }

  /** Open loop: message i is due at start + i/rate whatever happened to the earlier ones. */
  openLoop(rate: number, durationMs: number, make: RequestFactory): Promise<SendResult> {
    return openLoop(rate, durationMs, async (seq, scheduled) => this.post(make(seq, scheduled)));
  }

  /** Closed loop: `concurrency` senders, each sending its next message when the previous is answered. */
  async closedLoop(concurrency: number, durationMs: number, make: RequestFactory, capacity: number): Promise<SendResult> {
    const acc = accumulator(capacity);
    const start = now();
    let next = 0;
    const worker = async () => {
      while (now() - start < durationMs && next < capacity) {
        const seq = next++;
        await this.one(seq, now(), make, acc);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return acc.result(next, (now() - start) / 1000);
  }

  private async one(seq: number, scheduled: number, make: RequestFactory, acc: ReturnType<typeof accumulator>): Promise<void> {
    const res = await this.post(make(seq, scheduled));
    acc.add(seq, res, now() - scheduled);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Open loop over any transport: `fire` is called for message i at start + i/rate, never held back by slow answers. */
export async function openLoop(rate: number, durationMs: number, fire: (seq: number, scheduled: number) => Promise<{ status: number; body: string }>): Promise<SendResult> {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const acc = accumulator(total);
  const start = now() + 20;
  const inflight: Promise<void>[] = [];
  // A target that falls this far behind is saturated: stop offering load rather than queue for minutes.
  const maxPending = Math.max(200, rate * 2);
  let pending = 0;
  let i = 0;
  let saturated = false;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (i < total && start + (i * 1000) / rate <= t) {
        if (pending >= maxPending) {
          saturated = true;
          return resolve();
        }
        const seq = i++;
        const scheduled = start + (seq * 1000) / rate;
        pending++;
        inflight.push(fire(seq, scheduled).then((res) => (pending--, acc.add(seq, res, now() - scheduled, Math.floor((scheduled - start) / 1000)))));
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  return { ...acc.result(i, (now() - start) / 1000), ...(saturated ? { saturated: true, notSent: total - i } : {}) };
}

function accumulator(capacity: number) {
  const ackedSeqs = new Uint8Array(capacity);
  const latencies: number[] = [];
  const maxBySecond: number[] = [];
  const errorSamples: string[] = [];
  let acked = 0;
  let errors = 0;
  return {
    add(seq: number, res: { status: number; body: string }, latency: number, second?: number) {
      latencies.push(latency);
      if (second !== undefined) maxBySecond[second] = Math.max(maxBySecond[second] ?? 0, Math.round(latency));
      if (res.status === 200 || res.status === 201) {
        acked++;
        ackedSeqs[seq] = 1;
      } else {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${res.status} ${res.body.slice(0, 200)}`);
      }
    },
    result(sent: number, seconds: number): SendResult {
      return { sent, acked, errors, errorSamples, ackLatency: percentiles(latencies), ...(maxBySecond.length && { ackMaxBySecond: [...maxBySecond].map((v) => v ?? 0) }), seconds, ackedSeqs };
    },
  };
}

/** Waits until every acknowledged message reached every agent socket, or `timeoutMs` passed. */
export async function settle(deliveries: Deliveries, acked: Uint8Array, sent: number, timeoutMs = 15_000): Promise<{ delivered: number; lost: number }> {
  const deadline = now() + timeoutMs;
  for (;;) {
    let missing = 0;
    for (let i = 0; i < sent; i++) if (acked[i] && deliveries.deliveredTo(i) < deliveries.sockets) missing++;
    if (missing === 0 || now() > deadline) return { delivered: deliveries.fullyDelivered(sent), lost: missing };
    await sleep(100);
  }
}
