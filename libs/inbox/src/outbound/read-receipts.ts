import { ChannelRegistry } from '@concierge/channels-core';
import { ContactsService } from '@concierge/contacts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity, type ConversationEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';

/** WhatsApp shows "typing…" for up to 25 s per indicator; one call per conversation per window is enough. */
const TYPING_EVERY_MS = 20_000;

/**
 * Tells the customer's app that the brand read their message (blue ticks) and, while an assistant types,
 * that a reply is coming (WhatsApp typing indicator). Best effort: a failure never blocks the agent.
 */
@Injectable()
export class ReadReceipts {
  private readonly logger = new Logger(ReadReceipts.name);
  private readonly typingSent = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly inboxes: InboxesService,
    private readonly contacts: ContactsService,
  ) {}

  async read(conversation: ConversationEntity): Promise<void> {
    await this.signal(conversation, false);
  }

  async typing(conversation: ConversationEntity): Promise<void> {
    const last = this.typingSent.get(conversation.id) ?? 0;
    if (Date.now() - last < TYPING_EVERY_MS) return;
    this.typingSent.set(conversation.id, Date.now());
    if (this.typingSent.size > 10_000) this.typingSent.clear();
    await this.signal(conversation, true);
  }

  private async signal(conversation: ConversationEntity, typing: boolean): Promise<void> {
    try {
      const latest = await this.db.getRepository(MessageEntity).findOne({
        select: { id: true, sourceId: true, conversationId: true },
        where: { conversationId: conversation.id, direction: 'in', kind: 'normal' },
        order: { seq: 'DESC' },
      });
      const inbox = latest?.sourceId ? await this.inboxes.byId(conversation.inboxId) : null;
      if (!latest?.sourceId || !inbox) return;
      const channel = await this.contacts.channel(conversation.accountId, conversation.contactChannelId);
      await this.registry.get(inbox.channelType).markRead(this.inboxes.context(inbox), latest.sourceId, {
        typing,
        recipient: { contactChannelId: conversation.contactChannelId, address: channel?.address ?? '' },
        message: { id: latest.id, conversationId: latest.conversationId },
      });
    } catch (error) {
      this.logger.warn({ err: error, conversationId: conversation.id }, 'Read receipt not delivered');
    }
  }
}
