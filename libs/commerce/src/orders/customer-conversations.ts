import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The brand's latest conversation with an order's customer, found only through identities a channel vouches
 * for: the phone number a WhatsApp/SMS channel delivered from, or a web user the shop signed (`user:<email>`).
 * A contact's self-reported or agent-typed email never routes anything (it could be someone else's).
 * (Read-only: the inbox lib has no "latest conversation of an address" query.)
 */
@Injectable()
export class CustomerConversations {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latest(accountId: string, who: { phone: string | null; email?: string | null }): Promise<string | null> {
    if (!who.phone && !who.email) return null;
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM conversation c JOIN contact_channel cc ON cc.id = c.contact_channel_id
        WHERE c.account_id = $1 AND cc.account_id = $1
          AND ((cc.kind = 'phone' AND cc.address = $2) OR (cc.kind = 'visitor' AND lower(cc.address) = 'user:' || lower($3)))
        ORDER BY c.last_activity_at DESC LIMIT 1`,
      [accountId, who.phone ?? null, who.email ?? null],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether a conversation id (from a pending order or a cart attribute) is really one of the brand's. */
  async belongs(accountId: string, conversationId: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(conversationId)) return false;
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM conversation WHERE id = $1 AND account_id = $2`, [conversationId, accountId]);
    return rows.length > 0;
  }
}
