import { ChannelError, ChannelRegistry, degrade, type OutboundResult } from '@concierge/channels-core';
import { RateLimits } from '@concierge/cluster';
import { AppConfig } from '@concierge/config';
import { Metrics } from '@concierge/observability';
import { ContactsService } from '@concierge/contacts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ConversationEntity, InboxEntity, MessageEntity, OutboxEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { LiveSessionLeases } from '../ingest/live-session-leases.js';
import { webhookUrls } from '../inboxes/webhook-urls.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { toVisitorView } from '../messages/message.views.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import { SendPolicy } from './send-policy.js';

/** What the queue should do with a job after one attempt. */
export type AttemptOutcome = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: 'order' | 'pacing' | 'owner' };

const ORDER_WAIT_MS = 150;
/**
 * A live-session send (WhatsApp Web) picked up by a process that does not hold the session: put back for a
 * moment (without spending an attempt) until a worker that does picks it up. Jittered so N workers spread.
 */
const OWNER_WAIT_MS = 300;

/**
 * One delivery attempt of a queued outbound message: keeps per-conversation order, paces per number,
 * re-checks the policy, calls the adapter and records the outcome. Retryable channel errors are
 * rethrown for the queue to retry with backoff; the last attempt records the failure.
 */
@Injectable()
export class OutboundSender {
  private readonly logger = new Logger(OutboundSender.name);
  /** Per number and shared by every worker in REDIS_URL mode: N workers together still send N/s at most. */
  private readonly pacing: RateLimiterAbstract;
  /**
   * Messages being attempted in this process. Redis restarted empty drops the record (and lock) of an
   * active job; the outbox sweeper then enqueues the message again and a second job ran beside the first:
   * both saw `queued`, both sent (one reply reached the customer twice in the reliability suite).
   */
  private readonly inFlight = new Set<string>();
  /**
   * The provider accepted these but recording it failed (pool timeout, database blip): the next attempt only
   * records. Sending again would reach the customer twice (the benchmark saw it under pool exhaustion).
   */
  private readonly sentUnrecorded = new Map<string, OutboundResult>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly contacts: ContactsService,
    private readonly inboxes: InboxesService,
    private readonly policy: SendPolicy,
    private readonly recorder: DeliveryRecorder,
    private readonly events: InboxEvents,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly leases: LiveSessionLeases,
    limits: RateLimits,
  ) {
    this.pacing = limits.create({ keyPrefix: 'outbound-pacing', points: config.outbound.ratePerSecond, duration: 1 });
  }

  async attempt(messageId: string, finalAttempt: boolean): Promise<AttemptOutcome> {
    if (this.inFlight.has(messageId)) return { kind: 'later', delayMs: ORDER_WAIT_MS, reason: 'order' };
    this.inFlight.add(messageId);
    try {
      return await this.attemptOnce(messageId, finalAttempt);
    } finally {
      this.inFlight.delete(messageId);
    }
  }

  private async attemptOnce(messageId: string, finalAttempt: boolean): Promise<AttemptOutcome> {
    const unrecorded = this.sentUnrecorded.get(messageId);
    if (unrecorded) return this.recordSent(messageId, unrecorded);
    const message = await this.db.getRepository(MessageEntity).findOneBy({ id: messageId });
    if (!message || message.status !== 'queued') return this.finish(messageId);
    if (await this.hasEarlierQueued(message)) return { kind: 'later', delayMs: ORDER_WAIT_MS, reason: 'order' };
    const inbox = await this.db.getRepository(InboxEntity).findOneByOrFail({ id: message.inboxId });
    const adapter = this.registry.get(inbox.channelType);
    if (adapter.sessions && !this.leases.holds(inbox.id)) return { kind: 'later', delayMs: Math.round(OWNER_WAIT_MS * (0.5 + Math.random())), reason: 'owner' };
    const paced = await this.pace(message.inboxId);
    if (paced) return { kind: 'later', delayMs: paced, reason: 'pacing' };

    const conversation = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
    const channel = await this.contacts.channel(message.accountId, conversation.contactChannelId);
    if (!channel) return this.fail(message, { code: 'INVALID_RECIPIENT', message: 'The customer address no longer exists' });
    const refusal = await this.policy.check(inbox, adapter, conversation, message.content);
    if (refusal) return this.fail(message, refusal);
    let result: Awaited<ReturnType<typeof adapter.send>>;
    try {
      result = await adapter.send({
        accountId: message.accountId,
        inboxId: inbox.id,
        config: inbox.channelConfig,
        credentials: this.inboxes.credentials(inbox),
        recipient: { contactChannelId: channel.id, address: channel.address },
        message: { ...toVisitorView(message), content: degrade(message.content, adapter.capabilities) },
        statusCallbackUrl: webhookUrls(this.config.publicUrl, adapter, inbox.id).status,
      });
    } catch (error) {
      const channelError = error instanceof ChannelError ? error : null;
      if (!channelError) this.logger.error({ err: error, messageId }, 'Outbound adapter failed unexpectedly');
      if (channelError?.code === 'AUTH_FAILED') await this.pause(inbox, channelError.message);
      const retryable = channelError ? channelError.retryable : true;
      if (retryable && !finalAttempt) throw error;
      return this.fail(message, { code: channelError?.code ?? 'UNKNOWN', message: channelError?.message ?? 'The channel could not send this message' });
    }
    this.metrics.message(inbox.channelType, 'out');
    return this.recordSent(message.id, { status: result.status, sourceId: result.sourceId });
  }

  /** Outside the adapter's try: a failure here is retried as "record only", never as another send. */
  private async recordSent(messageId: string, result: OutboundResult): Promise<AttemptOutcome> {
    this.sentUnrecorded.set(messageId, result);
    await this.recorder.record(messageId, result);
    this.sentUnrecorded.delete(messageId);
    return this.finish(messageId);
  }

  /** The queue gave this message up without an outcome: failed, unless it got one meanwhile. */
  async abandon(messageId: string, error: { code: string; message: string }): Promise<void> {
    const message = await this.db.getRepository(MessageEntity).findOneBy({ id: messageId });
    if (message?.status === 'queued') await this.fail(message, error);
    else await this.finish(messageId);
  }

  private async hasEarlierQueued(message: MessageEntity): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM outbox o JOIN message m ON m.id = o.message_id
        WHERE m.conversation_id = $1 AND m.seq < $2 AND m.status = 'queued' LIMIT 1`,
      [message.conversationId, message.seq],
    );
    return rows.length > 0;
  }

  /** Milliseconds to wait before this number may send again, or 0. */
  private async pace(inboxId: string): Promise<number> {
    try {
      await this.pacing.consume(inboxId);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 10);
      throw rejection;
    }
  }

  private async fail(message: MessageEntity, error: { code: string; message: string }): Promise<AttemptOutcome> {
    await this.recorder.record(message.id, { status: 'failed', error });
    return this.finish(message.id);
  }

  private async finish(messageId: string): Promise<AttemptOutcome> {
    await this.db.getRepository(OutboxEntity).delete({ messageId });
    return { kind: 'done' };
  }

  private async pause(inbox: InboxEntity, detail: string): Promise<void> {
    this.logger.warn({ inboxId: inbox.id }, 'Provider refused the inbox credentials: inbox paused');
    await this.db.getRepository(InboxEntity).update({ id: inbox.id }, { status: 'paused', statusDetail: detail });
    this.events.inboxStatus(inbox.accountId, inbox.id, 'paused', detail);
  }
}
