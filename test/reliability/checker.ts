import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import twilio from 'twilio';
import { compareInbound, compareOutbound, type OutboundComparison, type SentMessage, type StoredRow } from './support/compare.js';
import { within } from './support/stats.js';

/**
 * The acknowledged-vs-stored checker. It plays customers at a steady rate — Twilio webhooks signed like
 * Twilio signs them, sent over real HTTP, and web-chat visitors over socket.io — and, like a provider,
 * retries whatever was not acknowledged. It records every acknowledgement (2xx / socket ack) and every
 * `message.created` the agents' sockets receive, then compares both with the database:
 * lost = acknowledged but not stored; duplicates = stored twice, or shown twice to one agent socket;
 * reordered = a sender's messages stored in another order than it sent them (each sender waits for
 * the acknowledgement of one message before sending the next, as a phone does).
 */

export interface TwilioTarget {
  inboxId: string;
  /** The webhook URL as the hub knows it (PUBLIC_URL + path): the signature covers it. */
  webhookUrl: string;
  accountSid: string;
  authToken: string;
  /** The inbox's own number (To). */
  phoneNumber: string;
}

export interface WebchatTarget {
  inboxId: string;
  websiteToken: string;
}

export interface CheckerOptions {
  /** Where requests go (the hub, or a proxy in front of it). */
  hubUrl: string;
  twilio?: TwilioTarget;
  webchat?: WebchatTarget;
  /** Access tokens of the agents whose sockets watch the inbox. */
  agentTokens: string[];
  /** Total messages per second over all senders. */
  ratePerSecond: number;
  twilioSenders?: number;
  webchatSenders?: number;
  /**
   * Agents also reply (REST, with a clientMessageId so a retried request is one message) to the SMS
   * customers; `providerTexts` lists the bodies the fake provider received, to find replies that never
   * left (stuck) or left twice (duplicated).
   */
  outbound?: { accountId: string; ratePerSecond: number; providerTexts: () => string[] };
  /**
   * Senders of another channel (the fake WhatsApp Web client): `send` delivers `text` from customer
   * `sender` and resolves true once the channel took it (false: retried like the others).
   */
  custom?: { inboxId: string; senders: number; send(sender: number, text: string): Promise<boolean> };
  /** How long one attempt may wait for its acknowledgement before the sender retries. */
  attemptTimeoutMs?: number;
  label: string;
}

type Sent = SentMessage & { channel: 'twilio' | 'webchat' | 'custom' };

export interface CheckResult {
  label: string;
  errors: string[];
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  lostTexts: string[];
  storedDuplicates: number;
  agentDuplicates: number;
  duplicates: number;
  reordered: number;
  outbound: OutboundComparison;
  /** Stored but never pushed live to an agent (expected while a hub is down: the inbox re-reads). */
  agentMissed: number;
  retries: number;
  ackMs: { p50: number; p95: number; p99: number };
  e2eMs: { p50: number; p95: number; p99: number };
  durationMs: number;
  msgPerSec: number;
  sockets: number;
}


export class Checker {
  private readonly run = randomBytes(3).toString('hex');
  private readonly sent = new Map<string, Sent>();
  /** Per agent socket lifetime (one connection): message id → times received. */
  private readonly agentSeen: Map<string, number>[] = [];
  /** Conversations of the SMS customers, as the agents learnt them (where replies go). */
  private readonly smsConversations = new Set<string>();
  private readonly replies = new Map<string, { clientMessageId: string; ackedAt: number | null }>();
  /** text → first time any agent saw it. */
  private readonly firstSeen = new Map<string, number>();
  private readonly agents: Socket[] = [];
  private readonly visitors = new Set<Socket>();
  private running = false;
  private loops: Promise<void>[] = [];
  private startedAt = 0;
  private stoppedAt = 0;
  private tokens = 0;
  private refill: NodeJS.Timeout | null = null;
  /** What made a sender give up (a valid request refused): reported, and fails the suite. */
  readonly errors: string[] = [];
  /** Every ack observed, with its time: the fault suites measure recovery from it. */
  readonly acks: number[] = [];

  constructor(private readonly options: CheckerOptions) {}

  async start(): Promise<void> {
    for (const token of this.options.agentTokens) this.watchAgent(token);
    await this.waitFor(() => this.agents.every((a) => a.connected), 10_000, 'agent sockets did not connect');
    this.running = true;
    this.startedAt = Date.now();
    // A token bucket shared by every sender keeps the offered rate steady whatever the latency.
    const tick = 50;
    this.refill = setInterval(() => {
      this.tokens = Math.min(this.tokens + (this.options.ratePerSecond * tick) / 1000, this.options.ratePerSecond);
    }, tick);
    const t = this.options.twilio ? (this.options.twilioSenders ?? 6) : 0;
    const w = this.options.webchat ? (this.options.webchatSenders ?? 3) : 0;
    const guard = (p: Promise<void>) => p.catch((error: unknown) => void this.errors.push(error instanceof Error ? error.message : String(error)));
    for (let i = 0; i < t; i++) this.loops.push(guard(this.twilioSender(i)));
    for (let i = 0; i < w; i++) this.loops.push(guard(this.webchatSender(i)));
    for (let i = 0; i < (this.options.custom?.senders ?? 0); i++) this.loops.push(guard(this.customSender(i)));
    if (this.options.outbound) this.loops.push(guard(this.agentReplies()));
  }

  /** Stops offering new messages and waits until every message already sent is acknowledged (providers retry). */
  async stop(deadlineMs = 60_000): Promise<void> {
    this.running = false;
    this.stoppedAt = Date.now();
    if (this.refill) clearInterval(this.refill);
    this.tokens = Number.POSITIVE_INFINITY; // retries are not rate-limited
    await within(Promise.all(this.loops), deadlineMs);
  }

  /** Acknowledged since `since` (ms epoch). */
  acksSince(since: number): number {
    return this.acks.filter((t) => t >= since).length;
  }

  /**
   * Waits until every acknowledged message is stored (the spool drains on its own) and every stored one
   * reached the agents, then compares. `query` reads the hub's database directly.
   */
  async verify(query: (sql: string, params: unknown[]) => Promise<StoredRow[]>, settleMs = 30_000): Promise<CheckResult> {
    const inboxIds = [this.options.twilio?.inboxId, this.options.webchat?.inboxId, this.options.custom?.inboxId].filter(Boolean);
    const read = async () => {
      const rows = await query(
        `SELECT id, seq::text AS seq, conversation_id, content->>'text' AS text FROM message
          WHERE inbox_id = ANY($1::uuid[]) AND direction = 'in' AND content->>'text' LIKE $2`,
        [inboxIds, `rel-${this.run}-%`],
      );
      return rows;
    };
    const acked = [...this.sent.values()].filter((s) => s.ackedAt !== null);
    let rows: StoredRow[] = [];
    const end = Date.now() + settleMs;
    let seenBy = Number.POSITIVE_INFINITY;
    for (;;) {
      rows = await read().catch(() => rows);
      const storedTexts = new Set(rows.map((r) => r.text));
      const allStored = acked.every((s) => storedTexts.has(s.text));
      // Once everything is stored, live pushes get a few seconds more (a killed hub never sends some).
      if (allStored && seenBy === Number.POSITIVE_INFINITY) seenBy = Date.now() + 5_000;
      const allSeen = rows.every((r) => this.firstSeen.has(r.text!));
      if ((allStored && allSeen) || Date.now() > Math.min(end, seenBy)) break;
      await sleep(250);
    }
    const empty = { sent: 0, acked: 0, delivered: 0, stuck: 0, duplicated: 0, stuckTexts: [] };
    const providerTexts = () => this.options.outbound?.providerTexts() ?? [];
    if (this.options.outbound) {
      while (Date.now() < end && compareOutbound(this.replies, providerTexts()).stuck > 0) await sleep(250);
    }
    const outbound = this.options.outbound ? compareOutbound(this.replies, providerTexts()) : empty;
    this.close();
    const inbound = compareInbound([...this.sent.values()], rows, this.agentSeen, this.firstSeen);
    const durationMs = (this.stoppedAt || Date.now()) - this.startedAt;
    return {
      label: this.options.label,
      errors: this.errors,
      outbound,
      sent: this.sent.size,
      ...inbound,
      lost: inbound.lostTexts.length,
      duplicates: inbound.storedDuplicates + inbound.agentDuplicates,
      durationMs,
      msgPerSec: Math.round((this.sent.size / Math.max(1, durationMs / 1000)) * 10) / 10,
      sockets: this.agents.length + (this.options.webchat ? (this.options.webchatSenders ?? 3) : 0),
    };
  }

  // ── agents ─────────────────────────────────────────────────────────────────────────────

  /** One agent: reconnects (a new socket, as the inbox app does) whenever the hub drops it. */
  private watchAgent(token: string): void {
    const slot = this.agents.length;
    const connect = () => {
      const socket = io(`${this.options.hubUrl}/inbox`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      const seen = new Map<string, number>();
      this.agentSeen.push(seen);
      socket.on('message.created', (m: { id: string; inboxId: string; conversationId: string; direction: string; content: { type: string; text?: string } }) => {
        if (m.direction !== 'in' || !m.content.text?.startsWith(`rel-${this.run}-`)) return;
        seen.set(m.id, (seen.get(m.id) ?? 0) + 1);
        if (m.inboxId === this.options.twilio?.inboxId) this.smsConversations.add(m.conversationId);
        if (!this.firstSeen.has(m.content.text)) this.firstSeen.set(m.content.text, Date.now());
      });
      const retry = () => {
        socket.removeAllListeners();
        socket.disconnect();
        if (this.agents[slot] === socket && !this.closing) setTimeout(connect, 200);
      };
      socket.on('disconnect', retry);
      socket.on('connect_error', retry);
      this.agents[slot] = socket;
    };
    connect();
  }

  private closing = false;

  // ── customers ──────────────────────────────────────────────────────────────────────────

  private async take(): Promise<boolean> {
    while (this.running && this.tokens < 1) await sleep(10);
    if (!this.running) return false;
    this.tokens -= 1;
    return true;
  }

  private record(channel: Sent['channel'], sender: string, seq: number): Sent {
    const s: Sent = { text: `rel-${this.run}-${sender}-${seq}`, sender, seq, channel, firstAttemptAt: Date.now(), attempts: 0, ackedAt: null };
    this.sent.set(s.text, s);
    return s;
  }

  private acked(s: Sent): void {
    s.ackedAt = Date.now();
    this.acks.push(s.ackedAt);
  }

  private async twilioSender(index: number): Promise<void> {
    const target = this.options.twilio!;
    const from = `+1617555${String(1000 + index).slice(-4)}`;
    const sender = `t${index}`;
    const url = `${this.options.hubUrl}${new URL(target.webhookUrl).pathname}`;
    for (let seq = 0; await this.take(); seq++) {
      const s = this.record('twilio', sender, seq);
      const params = {
        AccountSid: target.accountSid,
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        From: from,
        To: target.phoneNumber,
        Body: s.text,
        NumMedia: '0',
      };
      const signature = twilio.getExpectedTwilioSignature(target.authToken, target.webhookUrl, params);
      // Like a provider: the same request (same MessageSid) again until it is acknowledged.
      for (let backoff = 100; s.ackedAt === null; backoff = Math.min(backoff * 2, 2_000)) {
        s.attempts += 1;
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
            body: new URLSearchParams(params).toString(),
            signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 10_000),
          });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) this.acked(s);
          else if (res.status < 500 && res.status !== 429) throw new Error(`hub refused a valid webhook: ${res.status}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('hub refused')) throw error;
        }
        if (s.ackedAt === null) await sleep(backoff);
      }
    }
  }

  /** One agent answering the SMS customers at a steady rate; a failed request is retried with the same clientMessageId. */
  private async agentReplies(): Promise<void> {
    const { accountId, ratePerSecond } = this.options.outbound!;
    const token = this.options.agentTokens[0]!;
    for (let n = 0; this.running; n++) {
      await sleep(1000 / ratePerSecond);
      const conversations = [...this.smsConversations];
      if (!this.running || conversations.length === 0) continue;
      const conversationId = conversations[n % conversations.length]!;
      const text = `out-${this.run}-${n}`;
      const reply = { clientMessageId: `r${n}-${this.run}`, ackedAt: null as number | null };
      this.replies.set(text, reply);
      for (let backoff = 200; reply.ackedAt === null; backoff = Math.min(backoff * 2, 2_000)) {
        try {
          const res = await fetch(`${this.options.hubUrl}/api/v1/accounts/${accountId}/conversations/${conversationId}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ content: { type: 'text', text }, clientMessageId: reply.clientMessageId }),
            signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 10_000),
          });
          await res.arrayBuffer();
          if (res.status === 200 || res.status === 201) reply.ackedAt = Date.now();
          else if (res.status < 500 && res.status !== 429 && res.status !== 408) throw new Error(`hub refused a valid reply: ${res.status}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('hub refused')) throw error;
        }
        if (reply.ackedAt === null) await sleep(backoff);
      }
    }
  }

  private async customSender(index: number): Promise<void> {
    const custom = this.options.custom!;
    for (let seq = 0; await this.take(); seq++) {
      const s = this.record('custom', `c${index}`, seq);
      for (let backoff = 100; s.ackedAt === null; backoff = Math.min(backoff * 2, 2_000)) {
        s.attempts += 1;
        if (await custom.send(index, s.text).catch(() => false)) this.acked(s);
        else await sleep(backoff);
      }
    }
  }

  private async webchatSender(index: number): Promise<void> {
    const target = this.options.webchat!;
    const visitorToken = randomBytes(24).toString('base64url');
    const sender = `w${index}`;
    let socket: Socket | null = null;
    const open = async (): Promise<Socket | null> => {
      if (socket?.connected) return socket;
      socket?.disconnect();
      this.visitors.delete(socket!);
      const s = io(`${this.options.hubUrl}/webchat`, {
        auth: { websiteToken: target.websiteToken, visitorToken },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      this.visitors.add(s);
      socket = s;
      let timer: NodeJS.Timeout | undefined;
      const ok = await new Promise<boolean>((resolve) => {
        s.once('session', () => resolve(true));
        s.once('connect_error', () => resolve(false));
        timer = setTimeout(() => resolve(false), 5_000);
      }).finally(() => clearTimeout(timer));
      return ok ? s : null;
    };
    for (let seq = 0; await this.take(); seq++) {
      const s = this.record('webchat', sender, seq);
      const clientMessageId = `${sender}-${seq}-${this.run}`;
      for (let backoff = 100; s.ackedAt === null; backoff = Math.min(backoff * 2, 2_000)) {
        s.attempts += 1;
        const live = await open();
        if (live) {
          try {
            const ack = (await live.timeout(this.options.attemptTimeoutMs ?? 10_000).emitWithAck('message.send', { clientMessageId, content: { type: 'text', text: s.text } })) as { ok: boolean };
            if (ack.ok) this.acked(s);
          } catch {
            // no ack in time: the visitor's widget sends it again
          }
        }
        if (s.ackedAt === null) await sleep(backoff);
      }
    }
  }

  private async waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(what);
      await sleep(25);
    }
  }

  close(): void {
    this.closing = true;
    this.running = false;
    if (this.refill) clearInterval(this.refill);
    for (const a of this.agents) a.disconnect();
    for (const v of this.visitors) v.disconnect();
  }
}
