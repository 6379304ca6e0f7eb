import { Clock } from '@concierge/common';
import { ChannelError, ChannelRegistry, degrade } from '@concierge/channels-core';
import { ContactsService } from '@concierge/contacts';
import type { DeliveryStatus } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationEntity, MessageEntity, MessageStatusEventEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { strongerStatus } from './delivery-status.js';
import { toMessageView, toVisitorView } from './message.views.js';

/**
 * Hands a committed outbound message to its channel adapter and records the outcome as a status event.
 * (Provider channels move this behind a durable outbox queue; web chat delivers in-process.)
 */
@Injectable()
export class OutboundDelivery {
  private readonly logger = new Logger(OutboundDelivery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly inboxes: InboxesService,
    private readonly contacts: ContactsService,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
  ) {}

  async deliver(message: MessageEntity): Promise<MessageEntity> {
    const conv = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
    const inbox = await this.inboxes.byId(message.inboxId);
    const channel = await this.contacts.channel(message.accountId, conv.contactChannelId);
    if (!inbox || !channel) return this.record(message, 'failed', { code: 'INVALID_RECIPIENT', message: 'The customer address no longer exists' });
    try {
      const adapter = this.registry.get(inbox.channelType);
      const content = degrade(message.content, adapter.capabilities);
      const result = await adapter.send({
        accountId: message.accountId,
        inboxId: inbox.id,
        config: inbox.channelConfig,
        credentials: this.inboxes.credentials(inbox),
        recipient: { contactChannelId: channel.id, address: channel.address },
        message: { ...toVisitorView(message), content },
      });
      return this.record(message, result.status, null, result.sourceId);
    } catch (error) {
      const failure = error instanceof ChannelError ? { code: error.code, message: error.message } : { code: 'UNKNOWN', message: 'The channel could not send this message' };
      if (!(error instanceof ChannelError)) this.logger.error({ err: error, messageId: message.id }, 'Outbound delivery failed');
      return this.record(message, 'failed', failure);
    }
  }

  /** Appends a status event and advances the shown status (never backwards), then tells the agents. */
  async record(message: MessageEntity, status: DeliveryStatus, error: { code: string; message: string } | null, sourceId?: string | null): Promise<MessageEntity> {
    const updated = await this.db.transaction(async (tx) => {
      const current = await tx.getRepository(MessageEntity).findOneOrFail({ where: { id: message.id }, lock: { mode: 'pessimistic_write' } });
      await tx.getRepository(MessageStatusEventEntity).insert({
        accountId: current.accountId, messageId: current.id, status, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, occurredAt: this.clock.now(),
      });
      const next = strongerStatus(current.status, status);
      const patch: Partial<MessageEntity> = { status: next };
      if (next === 'failed' && error) patch.error = error;
      if (sourceId) patch.sourceId = sourceId;
      await tx.getRepository(MessageEntity).update({ id: current.id }, patch);
      return Object.assign(current, patch);
    });
    this.events.message(toMessageView(updated), true);
    return updated;
  }
}
