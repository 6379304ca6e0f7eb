import { join } from 'node:path';
import { LiveSessionManager, type ChannelContext, type InboundItem, type LiveSessionSink, type LiveSessionState, type LiveSessionStatus } from '@concierge/channels-core';
import QRCode from 'qrcode';
import { backoffDelay, formatDelay, type BackoffOptions } from './backoff.js';
import { destroyClient, sleep } from './client-lifecycle.js';
import { DeliveryQueue, type DeliveryQueueOptions } from './delivery-queue.js';
import { phoneFromDigits, toInboundItems, toStatusItem } from './inbound-mapper.js';
import { recentCustomerMessages, type ReconcileOptions } from './reconcile.js';
import { describeDisconnect, describeStartFailure } from './session-errors.js';
import type { WaMessage, WhatsappClient, WhatsappClientFactory } from './whatsapp-client.js';
import { isChromiumPath } from './whatsapp-web-setup.dto.js';

export interface WhatsappWebSessionOptions {
  /** Sessions (one Chromium profile per inbox) live under `<dataDir>/whatsapp-web`. */
  dataDir: string;
  chromiumPath: string;
  clientFactory: WhatsappClientFactory;
  /** Relaunching a failed or dropped session. */
  relaunch: BackoffOptions;
  delivery: DeliveryQueueOptions;
  reconcile: ReconcileOptions;
  maxMediaBytes: number;
  /** No QR and no sign-in this long after a launch: the launch is abandoned as failed (and retried). */
  startTimeoutMs: number;
  /** `destroy()` taking longer than this: the browser process is killed. */
  destroyTimeoutMs: number;
  now: () => Date;
}

interface Session {
  ctx: ChannelContext;
  sink: LiveSessionSink;
  /** The live client; null between a failure and the next launch. Events of any other client are stale. */
  client: WhatsappClient | null;
  status: LiveSessionStatus;
  /** Consecutive failed launches, for the backoff. */
  attempt: number;
  relaunchTimer: NodeJS.Timeout | null;
  startTimer: NodeJS.Timeout | null;
  initializing: Promise<void> | null;
  /** A failed client being closed: stop() waits for it so no browser outlives the session. */
  closing: Promise<void>;
  /** Received messages are mapped one after another so the hub gets them in order. */
  inbound: Promise<void>;
  queue: DeliveryQueue;
  qrSeq: number;
  stopped: boolean;
  /** When the link was lost (connected → anything else); the next reconciliation reads back to it. */
  lostAt: Date | null;
}

/**
 * One whatsapp-web.js client (a headless Chromium on web.whatsapp.com) per inbox:
 * starting → qr_required → connected → disconnected | failed, relaunching with capped backoff.
 * Nothing here may throw into the hub or leave a rejection unhandled: a dead session is a status.
 */
export class WhatsappWebSessions extends LiveSessionManager {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: WhatsappWebSessionOptions) {
    super();
  }

  /** (Re)starts an inbox's session; resolves once launching has begun, never rejects for provider trouble. */
  async start(ctx: ChannelContext, sink: LiveSessionSink): Promise<void> {
    // A loop, not an if: a concurrent start() may have registered a session while this one awaited.
    while (this.sessions.has(ctx.inboxId)) await this.shutdown(ctx.inboxId);
    const session: Session = {
      ctx, sink, client: null, status: this.stoppedStatus(), attempt: 0, relaunchTimer: null, startTimer: null,
      initializing: null, closing: Promise.resolve(), inbound: Promise.resolve(), qrSeq: 0, stopped: false, lostAt: null,
      queue: new DeliveryQueue((items) => sink.deliver(ctx.inboxId, items), this.options.delivery),
    };
    this.sessions.set(ctx.inboxId, session);
    this.launch(session);
  }

  async stop(inboxId: string): Promise<void> {
    const session = await this.shutdown(inboxId);
    if (session) this.report(session, 'stopped', { detail: null });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id)));
  }

  status(inboxId: string): LiveSessionStatus {
    return this.sessions.get(inboxId)?.status ?? this.stoppedStatus();
  }

  /** The client of a connected session, for sending; null otherwise. */
  connectedClient(inboxId: string): WhatsappClient | null {
    const session = this.sessions.get(inboxId);
    return session?.status.state === 'connected' ? session.client : null;
  }

  private launch(session: Session): void {
    session.relaunchTimer = null;
    const configured = session.ctx.config.chromiumPath;
    if (configured !== undefined && configured !== null && !isChromiumPath(configured)) {
      this.report(session, 'failed', { detail: 'The inbox\'s chromiumPath is not an absolute path to a chromium or chrome executable.' });
      return;
    }
    const chromiumPath = (configured as string | undefined) ?? this.options.chromiumPath;
    let client: WhatsappClient;
    try {
      client = this.options.clientFactory.create({ ctx: session.ctx, dataPath: join(this.options.dataDir, 'whatsapp-web'), chromiumPath });
    } catch (error) {
      this.report(session, 'failed', { detail: describeStartFailure(error, chromiumPath) });
      return;
    }
    session.client = client;
    this.listen(session, client);
    this.report(session, 'starting', { detail: null, qr: null, qrText: null });
    session.startTimer = setTimeout(() => {
      void this.fail(session, client, { state: 'failed', retry: true, detail: `WhatsApp Web did not load within ${formatDelay(this.options.startTimeoutMs)}.` });
    }, this.options.startTimeoutMs);
    session.startTimer.unref?.();
    // Offline, initialize() rejects within about a second and emits nothing; the browser lives on until destroy().
    session.initializing = client.initialize().then(
      () => (session.client === client ? this.clearStartTimer(session) : destroyClient(client, this.options.destroyTimeoutMs)),
      (error: unknown) => this.fail(session, client, { state: 'failed', retry: true, detail: describeStartFailure(error, chromiumPath) }),
    );
  }

  private listen(session: Session, client: WhatsappClient): void {
    const live = () => session.client === client && !session.stopped;
    client.on('qr', (qrText: string) => {
      if (!live()) return;
      this.clearStartTimer(session);
      session.attempt = 0;
      const seq = ++session.qrSeq;
      const detail = 'Scan this QR code with WhatsApp on the phone: Settings → Linked devices → Link a device.';
      QRCode.toDataURL(qrText, { margin: 1, width: 320 }).then(
        (qr) => live() && seq === session.qrSeq && this.report(session, 'qr_required', { qr, qrText, detail }),
        () => live() && seq === session.qrSeq && this.report(session, 'qr_required', { qr: null, qrText, detail }),
      );
    });
    client.on('authenticated', () => {
      if (!live()) return;
      this.clearStartTimer(session);
      session.qrSeq++;
      this.report(session, 'starting', { qr: null, qrText: null, detail: 'Linked; loading chats…' });
    });
    client.on('auth_failure', (message: unknown) => {
      void this.fail(session, client, { state: 'failed', retry: true, detail: `WhatsApp rejected the saved login (${String(message)}). Scan a new QR code.` });
    });
    client.on('ready', () => {
      if (!live()) return;
      this.clearStartTimer(session);
      session.attempt = 0;
      const wid = client.info?.wid;
      const phone = wid?.server === 'c.us' ? phoneFromDigits(wid.user) : null;
      this.report(session, 'connected', { qr: null, qrText: null, detail: null, phone });
      session.queue.retryNow();
      void this.reconcile(session, client);
    });
    client.on('change_state', (state: unknown) => {
      if (!live() || session.status.state !== 'connected') return;
      if (state === 'TIMEOUT') this.report(session, 'connected', { detail: 'The phone is not reachable (TIMEOUT); messages wait until it is online.' });
      else if (state === 'CONNECTED' && session.status.detail) this.report(session, 'connected', { detail: null });
    });
    client.on('disconnected', (reason: unknown) => {
      if (!live()) return;
      const outcome = describeDisconnect(reason);
      // After LOGOUT the library keeps the browser and shows a new QR itself: keep the client, do not relaunch.
      if (!outcome.retry && outcome.state === 'disconnected') this.report(session, 'disconnected', { detail: outcome.detail, phone: null });
      else void this.fail(session, client, outcome);
    });
    client.on('message', (msg: WaMessage) => {
      if (live()) this.enqueue(session, () => toInboundItems(client, msg, { maxMediaBytes: this.options.maxMediaBytes }));
    });
    client.on('message_ack', (msg: WaMessage, ack: number) => {
      const item = live() ? toStatusItem(msg, ack) : null;
      if (item) this.enqueue(session, async () => [item]);
    });
  }

  private enqueue(session: Session, produce: () => Promise<InboundItem[]>): void {
    session.inbound = session.inbound
      .then(produce)
      .then((items) => session.queue.push(items))
      // A message that cannot be read now is read again by the next reconciliation.
      .catch(() => undefined);
  }

  private async reconcile(session: Session, client: WhatsappClient): Promise<void> {
    try {
      const lostAt = session.lostAt;
      const messages = await recentCustomerMessages(client, this.options.reconcile, this.options.now(), lostAt);
      for (const msg of messages) {
        if (session.client !== client) return;
        this.enqueue(session, () => toInboundItems(client, msg, { maxMediaBytes: this.options.maxMediaBytes }));
      }
      // Caught up (unless the link dropped again meanwhile, which set a new lostAt).
      if (session.lostAt === lostAt && session.status.state === 'connected') session.lostAt = null;
    } catch {
      // Best effort: the page may be reloading; the next reconnect reconciles again.
    }
  }

  /** Drops a client that failed or disconnected, reports why, and schedules the next launch. */
  private async fail(session: Session, client: WhatsappClient, outcome: { state: LiveSessionState; retry: boolean; detail: string }): Promise<void> {
    if (session.client !== client || session.stopped) {
      await destroyClient(client, this.options.destroyTimeoutMs);
      return;
    }
    session.client = null;
    this.clearStartTimer(session);
    session.closing = destroyClient(client, this.options.destroyTimeoutMs);
    await session.closing;
    if (session.stopped) return;
    if (!outcome.retry) {
      this.report(session, outcome.state, { detail: outcome.detail, qr: null, qrText: null });
      return;
    }
    const delay = backoffDelay(session.attempt++, this.options.relaunch);
    this.report(session, outcome.state, { detail: `${outcome.detail} Retrying in ${formatDelay(delay)}.`, qr: null, qrText: null });
    session.relaunchTimer = setTimeout(() => this.launch(session), delay);
    session.relaunchTimer.unref?.();
  }

  /** Forgets a session: timers, queued items, and the browser (also one still being launched). */
  private async shutdown(inboxId: string): Promise<Session | undefined> {
    const session = this.sessions.get(inboxId);
    if (!session) return undefined;
    this.sessions.delete(inboxId);
    session.stopped = true;
    if (session.relaunchTimer) clearTimeout(session.relaunchTimer);
    this.clearStartTimer(session);
    session.queue.dispose();
    const client = session.client;
    session.client = null;
    if (client) {
      await destroyClient(client, this.options.destroyTimeoutMs);
      // destroy() cannot close a browser that initialize() is still launching: wait for it, then close again.
      if (session.initializing) await Promise.race([session.initializing, sleep(this.options.destroyTimeoutMs)]);
      await destroyClient(client, this.options.destroyTimeoutMs);
    }
    await session.closing;
    return session;
  }

  private clearStartTimer(session: Session): void {
    if (session.startTimer) clearTimeout(session.startTimer);
    session.startTimer = null;
  }

  private report(session: Session, state: LiveSessionState, patch: Partial<Omit<LiveSessionStatus, 'state' | 'updatedAt'>>): void {
    if (session.status.state === 'connected' && state !== 'connected') session.lostAt ??= this.options.now();
    session.status = { ...session.status, ...patch, state, updatedAt: this.options.now().toISOString() };
    if (state !== 'qr_required') session.status = { ...session.status, qr: null, qrText: null };
    try {
      session.sink.statusChanged(session.ctx.inboxId, session.status);
    } catch {
      // The sink's problem; the session goes on.
    }
  }

  private stoppedStatus(): LiveSessionStatus {
    return { state: 'stopped', qr: null, qrText: null, detail: null, phone: null, updatedAt: this.options.now().toISOString() };
  }
}
