import { ChannelRegistry, type InboundItem, type LiveSessionSink, type LiveSessionStatus } from '@concierge/channels-core';
import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { RealtimePublisher } from '@concierge/contracts';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { InboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundItems } from './inbound-items.js';

/**
 * Starts a live session (whatsapp-web.js) for every inbox that needs one, follows inbox changes, stores
 * what the sessions receive through the same inbound path as webhooks and tells agents about state
 * changes (QR to scan, disconnected, failed).
 */
@Injectable()
export class LiveSessions implements LiveSessionSink, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveSessions.name);
  /** inbox → brand, for publishing session states without a database round trip. */
  private readonly accounts = new Map<string, string>();

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly inboxes: InboxesService,
    private readonly items: InboundItems,
    private readonly realtime: RealtimePublisher,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A session belongs to the process that runs the processors (one per inbox; leases come with Redis mode).
    if (!this.config.outbound.runProcessors) return;
    for (const adapter of this.registry.withSessions()) {
      for (const inbox of await this.inboxes.allOfType(adapter.type)) this.start(inbox);
    }
    this.inboxes.changes.on('created', (inbox) => this.start(inbox));
    this.inboxes.changes.on('updated', (inbox) => void this.restart(inbox));
    this.inboxes.changes.on('removed', (inbox) => {
      void this.sessionsOf(inbox)?.stop(inbox.id);
      this.accounts.delete(inbox.id);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.registry.withSessions().map((adapter) => adapter.sessions!.stopAll()));
  }

  status(inbox: InboxEntity): LiveSessionStatus {
    const sessions = this.sessionsOf(inbox);
    if (!sessions) throw new AppError('NOT_FOUND', 'This inbox has no live session (only WhatsApp Web inboxes do)');
    return sessions.status(inbox.id);
  }

  async deliver(inboxId: string, items: InboundItem[]): Promise<void> {
    const inbox = await this.inboxes.byId(inboxId);
    if (inbox) await this.items.process(inbox, items);
  }

  /** Published synchronously, in the order the session reports them (a QR must never follow "connected"). */
  statusChanged(inboxId: string, status: LiveSessionStatus): void {
    const accountId = this.accounts.get(inboxId);
    if (accountId) this.realtime.toAgents({ accountId, inboxId }, 'inbox.session', { accountId, inboxId, ...status });
  }

  private start(inbox: InboxEntity): void {
    const sessions = this.sessionsOf(inbox);
    if (!sessions) return;
    this.accounts.set(inbox.id, inbox.accountId);
    sessions.start(this.inboxes.context(inbox), this).catch((error: unknown) => this.logger.error({ err: error, inboxId: inbox.id }, 'Live session did not start'));
  }

  private async restart(inbox: InboxEntity): Promise<void> {
    await this.sessionsOf(inbox)?.stop(inbox.id);
    this.start(inbox);
  }

  private sessionsOf(inbox: InboxEntity) {
    return this.registry.has(inbox.channelType) ? this.registry.get(inbox.channelType).sessions : null;
  }
}
