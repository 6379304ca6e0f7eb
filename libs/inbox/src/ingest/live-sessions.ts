import { ChannelRegistry, type InboundItem, type LiveSessionManager, type LiveSessionSink, type LiveSessionStatus } from '@concierge/channels-core';
import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { RealtimePublisher } from '@concierge/contracts';
import { isTransientDbError } from '@concierge/database';
import { HealthChecks } from '@concierge/observability';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { InboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundItems } from './inbound-items.js';
import { LiveSessionLeases } from './live-session-leases.js';

interface Running {
  sessions: LiveSessionManager;
  /** The settings the session was started with: a change made through another process restarts it. */
  fingerprint: string;
}

/**
 * Runs a live session (whatsapp-web.js) for every inbox that needs one and whose lease this process holds,
 * stores what the sessions receive through the same inbound path as webhooks and tells agents about state
 * changes (QR to scan, disconnected, failed). Every process running the processors reconciles every third
 * of the lease TTL: renew its leases, take over expired ones (their owner died), start what it now holds,
 * stop what it lost (it stalled longer than the TTL and another process took over) or what was deleted.
 */
@Injectable()
export class LiveSessions implements LiveSessionSink, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveSessions.name);
  /** inbox → brand, for publishing states; only sessions running here (a stopping loser stays silent). */
  private readonly accounts = new Map<string, string>();
  private readonly running = new Map<string, Running>();
  /** Inboxes whose session was connected since this process started and is not now (logged out, dropped). */
  private readonly linked = new Set<string>();
  private readonly unlinked = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Reconciliations and restarts run one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private statusWrites: Promise<void> = Promise.resolve();
  /** Sessions being closed in the background (closing a browser can take seconds; renewals must not wait). */
  private readonly stopping = new Set<Promise<void>>();

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly inboxes: InboxesService,
    private readonly items: InboundItems,
    private readonly realtime: RealtimePublisher,
    private readonly config: AppConfig,
    private readonly health: HealthChecks,
    private readonly leases: LiveSessionLeases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.outbound.runProcessors || this.registry.withSessions().length === 0) return;
    // Advisory: one brand's phone logging out must show as degraded, not take the hub out of rotation.
    this.health.register('live_sessions', async () => {
      if (this.unlinked.size > 0) throw new Error(`${this.unlinked.size} live session(s) lost their link`);
    }, { critical: false });
    // Local changes act at once; changes made through another process are seen by the next reconciliation.
    this.inboxes.changes.on('created', () => void this.serially(() => this.reconcile()));
    this.inboxes.changes.on('removed', () => void this.serially(() => this.reconcile()));
    this.inboxes.changes.on('updated', (inbox) => void this.serially(() => this.restart(inbox)));
    await this.serially(() => this.reconcile());
    this.timer = setInterval(() => void this.serially(() => this.reconcile()), Math.max(500, Math.floor(this.leases.ttlMs / 3)));
    this.timer.unref();
  }

  /** Before the database closes: stop the browsers first, then hand the leases over (no overlap). */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.chain;
    const ids = [...this.running.keys()];
    await Promise.all([...ids.map((id) => this.stopHere(id)), ...this.stopping]);
    await this.statusWrites;
    await this.leases.release(ids).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release live session leases (they expire by themselves)'));
  }

  /** Here if the session runs here; otherwise as its owner (another process) last stored it. */
  async status(inbox: InboxEntity): Promise<LiveSessionStatus> {
    const sessions = this.sessionsOf(inbox);
    if (!sessions) throw new AppError('NOT_FOUND', 'This inbox has no live session (only WhatsApp Web inboxes do)');
    if (this.running.has(inbox.id)) return sessions.status(inbox.id);
    return (await this.leases.ownerStatus(inbox.id)) ?? sessions.status(inbox.id);
  }

  async deliver(inboxId: string, items: InboundItem[]): Promise<void> {
    const inbox = await this.inboxes.byId(inboxId);
    if (inbox) await this.items.process(inbox, items);
  }

  /** Published synchronously, in the order the session reports them (a QR must never follow "connected"). */
  statusChanged(inboxId: string, status: LiveSessionStatus): void {
    if (status.state === 'connected') {
      this.linked.add(inboxId);
      this.unlinked.delete(inboxId);
    } else if (status.state === 'stopped') {
      this.linked.delete(inboxId);
      this.unlinked.delete(inboxId);
    } else if (this.linked.has(inboxId)) {
      this.unlinked.add(inboxId);
    }
    const accountId = this.accounts.get(inboxId);
    if (!accountId) return;
    this.realtime.toAgents({ accountId, inboxId }, 'inbox.session', { accountId, inboxId, ...status });
    // Stored in report order (one write at a time), so the last stored state is the last reported one.
    this.statusWrites = this.statusWrites
      .then(() => this.leases.saveStatus(inboxId, status))
      .catch((error: unknown) => this.logger.warn({ err: error, inboxId }, 'Could not store the live session state'));
  }

  private serially(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(() => (this.closed ? undefined : task())).catch((error: unknown) => {
      this.logger.error({ err: error }, 'Live session reconciliation failed');
    });
    return this.chain;
  }

  private async reconcile(): Promise<void> {
    let wanted: Map<string, InboxEntity> | null = null;
    let held: Set<string>;
    try {
      wanted = new Map();
      for (const adapter of this.registry.withSessions()) {
        for (const inbox of await this.inboxes.allOfType(adapter.type)) wanted.set(inbox.id, inbox);
      }
      held = await this.leases.claim([...wanted.keys()]);
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      // Database away: keep a session only while its last renewal still covers it, then let it go.
      wanted = null;
      held = new Set([...this.running.keys()].filter((id) => this.leases.holds(id)));
    }
    for (const id of [...this.running.keys()]) {
      if (held.has(id) && (!wanted || wanted.has(id))) continue;
      if (wanted?.has(id)) this.logger.warn({ inboxId: id, owner: this.leases.owner }, 'Live session lease lost (renewal overdue): session stopped here');
      const stop = this.stopHere(id).finally(() => this.stopping.delete(stop));
      this.stopping.add(stop);
    }
    for (const id of held) {
      const inbox = wanted?.get(id);
      if (!inbox) continue;
      const current = this.running.get(id);
      if (current && current.fingerprint === fingerprint(inbox)) continue;
      if (current) await this.stopHere(id);
      this.startHere(inbox);
    }
  }

  /** An admin changed the inbox's settings here: relaunch with them (only where the session runs). */
  private async restart(inbox: InboxEntity): Promise<void> {
    if (!this.running.has(inbox.id)) return;
    await this.stopHere(inbox.id);
    if (this.leases.holds(inbox.id)) this.startHere(inbox);
  }

  private startHere(inbox: InboxEntity): void {
    const sessions = this.sessionsOf(inbox);
    if (!sessions) return;
    this.accounts.set(inbox.id, inbox.accountId);
    this.running.set(inbox.id, { sessions, fingerprint: fingerprint(inbox) });
    sessions.start(this.inboxes.context(inbox), this).catch((error: unknown) => this.logger.error({ err: error, inboxId: inbox.id }, 'Live session did not start'));
  }

  private async stopHere(inboxId: string): Promise<void> {
    const running = this.running.get(inboxId);
    if (!running) return;
    this.running.delete(inboxId);
    // Silent: the agents' view belongs to the session's new owner (or the inbox is gone).
    this.accounts.delete(inboxId);
    this.linked.delete(inboxId);
    this.unlinked.delete(inboxId);
    await running.sessions.stop(inboxId).catch((error: unknown) => this.logger.error({ err: error, inboxId }, 'Live session did not stop cleanly'));
  }

  private sessionsOf(inbox: InboxEntity): LiveSessionManager | null {
    return this.registry.has(inbox.channelType) ? this.registry.get(inbox.channelType).sessions : null;
  }
}

function fingerprint(inbox: InboxEntity): string {
  return JSON.stringify([inbox.channelConfig, inbox.credentials]);
}
