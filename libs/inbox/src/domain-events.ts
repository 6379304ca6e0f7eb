import { EventEmitter } from 'node:events';
import type { MessageView } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { BotActivity, BotConversation } from './outbound/bot-messages.js';

/** A customer message was committed (never a duplicate, a status callback or one of our own echoes). */
export interface MessageReceived {
  message: MessageView;
  channelType: string;
  contactId: string;
  contactChannelId: string;
  /** The message opened a new conversation. */
  conversationCreated: boolean;
  /**
   * The conversation as this message left it at commit. Listeners running later may find it changed
   * since (by an earlier message's automation): their writes must stay compare-and-set.
   */
  conversation: BotConversation;
  /** The conversation's recent traffic as of this message's commit (this message included). */
  recent: BotActivity;
}

interface DomainEventMap {
  'message.received': [MessageReceived];
}

/**
 * In-process domain events after commit. Feature libs (automation, commerce, …) subscribe here instead
 * of being called by the inbox: the inbox never imports them. A failing listener is logged, never
 * propagated to the customer's webhook.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly emitter = new EventEmitter<DomainEventMap>();

  on<E extends keyof DomainEventMap>(event: E, listener: (...args: DomainEventMap[E]) => Promise<void> | void): void {
    this.emitter.on(event, ((...args: DomainEventMap[E]) => {
      Promise.resolve()
        .then(() => listener(...args))
        .catch((error: unknown) => this.logger.error({ err: error, event }, 'Domain event listener failed'));
    }) as never);
  }

  emit<E extends keyof DomainEventMap>(event: E, ...args: DomainEventMap[E]): void {
    (this.emitter.emit as (event: string, ...payload: unknown[]) => boolean)(event, ...args);
  }
}
