import { Clock } from '@concierge/common';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InboxEvents } from '../inbox-events.js';
import { ReadReceipts } from '../outbound/read-receipts.js';
import { ConversationsService } from './conversations.service.js';

/**
 * An agent opened a thread: their read marker moves to its latest message (unread badge back to 0,
 * their other tabs told), and the customer's channel shows blue ticks (best effort).
 */
@Injectable()
export class ReadMarkers {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly receipts: ReadReceipts,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
  ) {}

  async markRead(ctx: AccountContext, conversationId: string): Promise<void> {
    const conversation = await this.conversations.entity(ctx, conversationId);
    const readAt = this.clock.now();
    // GREATEST: a slow request that read an older latest message never moves the marker back.
    await this.db.query(
      `INSERT INTO conversation_read (agent_id, conversation_id, account_id, last_read_seq, read_at)
       SELECT $1, $2, $3, COALESCE(max(m.seq), 0), $4 FROM message m WHERE m.conversation_id = $2 AND m.account_id = $3
       ON CONFLICT (agent_id, conversation_id)
       DO UPDATE SET last_read_seq = GREATEST(conversation_read.last_read_seq, EXCLUDED.last_read_seq), read_at = EXCLUDED.read_at`,
      [ctx.agent.id, conversation.id, ctx.accountId, readAt],
    );
    this.events.conversationRead(ctx.accountId, ctx.agent.id, conversation.id, readAt);
    await this.receipts.read(conversation);
  }
}
