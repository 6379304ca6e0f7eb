import type { ChannelAdapter } from '@concierge/channels-core';
import { Clock } from '@concierge/common';
import type { MessageContent } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationEntity, InboxEntity } from '../entities/index.js';
import { ChannelConsent } from '../ingest/channel-consent.js';

export type SendRefusal = { code: 'CUSTOMER_WINDOW_CLOSED' | 'RECIPIENT_OPTED_OUT' | 'INBOX_PAUSED'; message: string };

/**
 * What must hold before a message goes to a provider, checked when the agent sends (a clear error,
 * nothing stored) and again just before delivery (the window may close while a message waits).
 */
@Injectable()
export class SendPolicy {
  constructor(
    private readonly consent: ChannelConsent,
    private readonly clock: Clock,
  ) {}

  /** `manager`: the caller's transaction, if it runs inside one. */
  async check(inbox: InboxEntity, adapter: ChannelAdapter, conversation: ConversationEntity, content: MessageContent, manager?: EntityManager): Promise<SendRefusal | null> {
    if (inbox.status === 'paused') {
      return { code: 'INBOX_PAUSED', message: `The inbox is paused: ${inbox.statusDetail ?? 'the provider refused its credentials'}` };
    }
    const window = adapter.capabilities.customerWindowHours;
    if (window !== null && content.type !== 'template' && !this.windowOpen(conversation)) {
      return {
        code: 'CUSTOMER_WINDOW_CLOSED',
        message: `The customer has not written in the last ${window} hours: only an approved template can be sent`,
      };
    }
    if (adapter.capabilities.keywordOptOut && (await this.consent.isOptedOut(conversation.contactChannelId, manager))) {
      return { code: 'RECIPIENT_OPTED_OUT', message: 'The customer replied STOP on this number: nothing can be sent until they reply START' };
    }
    return null;
  }

  private windowOpen(conversation: ConversationEntity): boolean {
    return conversation.customerWindowExpiresAt !== null && conversation.customerWindowExpiresAt.getTime() > this.clock.now().getTime();
  }
}
