import { BotMessages } from '@concierge/inbox';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly bot: BotMessages,
  ) {}

  async send(input: { accountId: string; phone: string | null; orderNumber: string; code: string; challengeId: string; locale: string }): Promise<boolean> {
    if (!input.phone) return false;
    // Read-only: the inbox lib has no "latest conversation of an address" query yet (noted in the report).
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM conversation c JOIN contact_channel cc ON cc.id = c.contact_channel_id
        WHERE c.account_id = $1 AND cc.account_id = $1 AND cc.kind = 'phone' AND cc.address = $2
        ORDER BY c.last_activity_at DESC LIMIT 1`,
      [input.accountId, input.phone],
    );
    const conversationId = rows[0]?.id;
    if (!conversationId) return false;
    const text = TEXT[input.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'](input.code, input.orderNumber);
    const sent = await this.bot.send(input.accountId, conversationId, { type: 'text', text }, { dedupeKey: `order-code:${input.challengeId}` });
    return sent.ok;
  }
}
