import { BotMessages } from '@concierge/inbox';
import { Injectable } from '@nestjs/common';
import { CustomerConversations } from './customer-conversations.js';

const TEXT = {
  en: (code: string, order: string) => `Your verification code for order #${order} is ${code}. It expires in 10 minutes. If you did not ask about this order, ignore this message.`,
  zh: (code: string, order: string) => `您查询订单 #${order} 的验证码是 ${code}，10分钟内有效。如非本人操作，请忽略。`,
};

/**
 * Sends a one-time code to the ORDER's own phone (never to whoever asked: that would prove nothing), through
 * the brand's latest conversation with that number, as a bot message (same send policy: window, opt-out).
 */
@Injectable()
export class CodeDelivery {
  constructor(
    private readonly conversations: CustomerConversations,
    private readonly bot: BotMessages,
  ) {}

  async send(input: { accountId: string; phone: string | null; orderNumber: string; code: string; challengeId: string; locale: string }): Promise<boolean> {
    // The order's phone only: a code sent to the email's web chat would prove nothing about the phone on the order.
    const conversationId = await this.conversations.latest(input.accountId, { phone: input.phone });
    if (!conversationId) return false;
    const text = TEXT[input.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'](input.code, input.orderNumber);
    const sent = await this.bot.send(input.accountId, conversationId, { type: 'text', text }, { dedupeKey: `order-code:${input.challengeId}` });
    return sent.ok;
  }
}
