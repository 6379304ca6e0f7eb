import { ChannelError, ChannelRegistry, degrade } from '@concierge/channels-core';
import { AppConfig } from '@concierge/config';
import { ContactsService } from '@concierge/contacts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ConversationEntity, InboxEntity, MessageEntity, OutboxEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { webhookUrls } from '../inboxes/webhook-urls.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { toVisitorView } from '../messages/message.views.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import { SendPolicy } from './send-policy.js';

/** What the queue should do with a job after one attempt. */
export type AttemptOutcome = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: 'order' | 'pacing' };

const ORDER_WAIT_MS = 150;

/**
 * One delivery attempt of a queued outbound message: keeps per-conversation order, paces per number,
 * re-checks the policy, calls the adapter and records the outcome. Retryable channel errors are
 * rethrown for the queue to retry with backoff; the last attempt records the failure.
 */
@Injectable()
export class OutboundSender {
  private readonly logger = new Logger(OutboundSender.name);
  private readonly pacing: RateLimiterMemory;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly contacts: ContactsService,
    private readonly inboxes: InboxesService,
    private readonly policy: SendPolicy,
    private readonly recorder: DeliveryRecorder,
    private readonly events: InboxEvents,
    private readonly config: AppConfig,
  ) {
    this.pacing = new RateLimiterMemory({ points: config.outbound.ratePerSecond, duration: 1 });
  }

  async attempt(messageId: string, finalAttempt: boolean): Promise<AttemptOutcome> {
    const message = await this.db.getRepository(MessageEntity).findOneBy({ id: messageId });
    if (!message || message.status !== 'queued') return this.finish(messageId);
    if (await this.hasEarlierQueued(message)) return { kind: 'later', delayMs: ORDER_WAIT_MS, reason: 'order' };
    const paced = await this.pace(message.inboxId);
    if (paced) return { kind: 'later', delayMs: paced, reason: 'pacing' };

    const conversation = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
    const inbox = await this.db.getRepository(InboxEntity).findOneByOrFail({ id: message.inboxId });
    const channel = await this.contacts.channel(message.accountId, conversation.contactChannelId);
    if (!channel) return this.fail(message, { code: 'INVALID_RECIPIENT', message: 'The customer address no longer exists' });
    const adapter = this.registry.get(inbox.channelType);
    const refusal = await this.policy.check(inbox, adapter, conversation, message.content);
    if (refusal) return this.fail(message, refusal);
    try {
      const result = await adapter.send({
        accountId: message.accountId,
        inboxId: inbox.id,
        config: inbox.channelConfig,
        credentials: this.inboxes.credentials(inbox),
        recipient: { contactChannelId: channel.id, address: channel.address },
        message: { ...toVisitorView(message), content: degrade(message.content, adapter.capabilities) },
        statusCallbackUrl: webhookUrls(this.config.publicUrl, adapter, inbox.id).status,
      });
      await this.recorder.record(message.id, { status: result.status, sourceId: result.sourceId });
      return this.finish(message.id);
    } catch (error) {
      const channelError = error instanceof ChannelError ? error : null;
      if (!channelError) this.logger.error({ err: error, messageId }, 'Outbound adapter failed unexpectedly');
      if (channelError?.code === 'AUTH_FAILED') await this.pause(inbox, channelError.message);
      const retryable = channelError ? channelError.retryable : true;
      if (retryable && !finalAttempt) throw error;
      return this.fail(message, { code: channelError?.code ?? 'UNKNOWN', message: channelError?.message ?? 'The channel could not send this message' });
    }
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
