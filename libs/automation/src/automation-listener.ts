import { AppConfig } from '@concierge/config';
import { DomainEvents, InboxHours, type MessageReceived } from '@concierge/inbox';
import { Presence } from '@concierge/realtime';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AutoAssigner } from './assignment/auto-assigner.js';
import { AutoReplies } from './replies/auto-replies.js';
import { AutomationScheduler, KeyedSerial } from './scheduler.js';
import { InboxAutomationStore } from './settings/inbox-automation.js';
import { SlaMonitor } from './sla/sla-monitor.js';

export const TICK_MS = 15_000;
/** Customer messages handled at once (each holds a database connection while it reads or writes). */
const AUTOMATION_CONCURRENCY = 4;

/**
 * Wires automation to the rest of the hub: customer messages (after commit) start the SLA clock, get
 * assigned and get their automatic reply — one conversation at a time, in arrival order; presence
 * changes drive reassignment; the web-chat session asks us whether the inbox is open.
 */
@Injectable()
export class AutomationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AutomationListener.name);
  private readonly serial = new KeyedSerial(AUTOMATION_CONCURRENCY);
  private stopTicking: (() => void) | null = null;

  constructor(
    private readonly domain: DomainEvents,
    private readonly hours: InboxHours,
    private readonly presence: Presence,
    private readonly store: InboxAutomationStore,
    private readonly replies: AutoReplies,
    private readonly assigner: AutoAssigner,
    private readonly sla: SlaMonitor,
    private readonly scheduler: AutomationScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.domain.on('message.received', (event) => this.serial.run(event.message.conversationId, () => this.handle(event)));
    this.hours.register(async (accountId, inboxId, at) => {
      const { open, nextOpenAt } = await this.store.availability(accountId, inboxId, at);
      return { open, nextOpenAt };
    });
    this.presence.changes.on('changed', this.onPresence);
    // The periodic pass runs in exactly one kind of process: the worker, or a hub running the processors.
    if (this.config.outbound.runProcessors) this.stopTicking = this.scheduler.every(TICK_MS, () => void this.tick());
  }

  /** Nothing of ours may run against a closed database: timers, presence reactions, queued handlers. */
  async onApplicationShutdown(): Promise<void> {
    this.stopTicking?.();
    this.presence.changes.off('changed', this.onPresence);
    this.assigner.stop();
    await this.serial.idle();
  }

  private readonly onPresence = (change: Parameters<AutoAssigner['onPresence']>[0]): void => this.assigner.onPresence(change);

  /** One pass of the periodic work (SLA warnings, reassignment of offline assistants). Tests call it with a FixedClock. */
  async tick(): Promise<void> {
    await this.sla.tick().catch((error: unknown) => this.logger.error({ err: error }, 'SLA tick failed'));
    await this.assigner.tick().catch((error: unknown) => this.logger.error({ err: error }, 'Reassignment tick failed'));
  }

  /** Settles when every message received so far has been handled (tests). */
  idle(): Promise<void> {
    return this.serial.idle();
  }

  private async handle(event: MessageReceived): Promise<void> {
    const { message } = event;
    if (message.direction !== 'in' || message.sender.type !== 'contact') return;
    // As the message left it at commit (a copy: assignment updates it for the reply step).
    const conv = { ...event.conversation };
    const cfg = await this.store.get(conv.accountId, conv.inboxId);
    const step = async (name: string, work: () => Promise<unknown>) =>
      work().catch((error: unknown) => this.logger.error({ err: error, conversationId: conv.id }, `Automation ${name} failed`));
    if (event.conversationCreated) await step('SLA start', () => this.sla.start(conv, new Date(message.createdAt)));
    await step('assignment', () => this.assigner.assignIfNeeded(conv));
    await step('reply', () => this.replies.handle(message, event.conversationCreated, conv, cfg, event.recent));
  }
}
