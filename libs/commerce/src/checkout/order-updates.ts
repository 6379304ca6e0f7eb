import type { MessageContent } from '@concierge/contracts';
import { ContactsService } from '@concierge/contacts';
import { BotMessages } from '@concierge/inbox';
import { Injectable, Logger } from '@nestjs/common';
import { CommerceSettings } from '../catalog/commerce-settings.js';
import { CustomerConversations } from '../orders/customer-conversations.js';
import type { StoreOrder } from '../orders/order.types.js';
import { orderSummaryContent, orderSummaryLine } from '../orders/order-summary.js';

export type OrderUpdateOutcome = 'sent' | 'template' | 'duplicate' | 'not_notified' | 'no_conversation' | 'refused';

/**
 * Posts a store's order status change into the customer's conversation, as an `order_summary` card that
 * each channel renders as well as it can. Once per order and status (webhook retries and duplicates post
 * nothing more); outside the WhatsApp window the brand's template replaces it; an opted-out SMS customer
 * gets nothing.
 */
@Injectable()
export class OrderUpdates {
  private readonly log = new Logger(OrderUpdates.name);

  constructor(
    private readonly bot: BotMessages,
    private readonly settings: CommerceSettings,
    private readonly conversations: CustomerConversations,
    private readonly contacts: ContactsService,
  ) {}

  async notify(accountId: string, order: StoreOrder, hint: { conversationId: string | null }): Promise<OrderUpdateOutcome> {
    const settings = await this.settings.get(accountId);
    if (!settings.orderUpdateStatuses.includes(order.status)) return 'not_notified';
    const conversationId = hint.conversationId && (await this.conversations.belongs(accountId, hint.conversationId))
      ? hint.conversationId
      : await this.conversations.latest(accountId, { phone: order.phone, email: order.email });
    if (!conversationId) return 'no_conversation';
    const dedupeKey = `order-update:${order.number}:${order.status}`;
    // The customer's own order, in the conversation their channel identity (or their checkout) proves: details may go.
    const card = orderSummaryContent(order, await this.localeOf(accountId, conversationId));
    const sent = await this.bot.send(accountId, conversationId, card, { dedupeKey, senderName: 'Order updates' });
    if (sent.ok) return sent.created ? 'sent' : 'duplicate';
    const template = settings.orderUpdateTemplate;
    if (sent.refusal.code === 'CUSTOMER_WINDOW_CLOSED' && template) {
      const content: MessageContent = {
        type: 'template', name: template.name, language: template.language,
        variables: { '1': order.number, '2': card.statusLabel ?? order.status }, preview: `Order #${order.number}: ${orderSummaryLine(card)}`,
      };
      const viaTemplate = await this.bot.send(accountId, conversationId, content, { dedupeKey, senderName: 'Order updates' });
      if (viaTemplate.ok) return viaTemplate.created ? 'template' : 'duplicate';
    }
    this.log.log({ accountId, conversationId, order: order.number, refusal: sent.refusal.code }, 'order update not sent (channel refuses)');
    return 'refused';
  }

  /** The customer's language (contact attribute `locale`/`language`, as automation uses it); English otherwise. */
  private async localeOf(accountId: string, conversationId: string): Promise<string> {
    const contactId = (await this.bot.conversation(accountId, conversationId))?.contactId;
    const contact = contactId ? await this.contacts.get(accountId, contactId).catch(() => null) : null;
    const locale = contact?.attributes.locale ?? contact?.attributes.language;
    return typeof locale === 'string' && locale ? locale : 'en';
  }
}
