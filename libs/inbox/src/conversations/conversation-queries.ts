import { decodeCursor, encodeCursor } from '@concierge/common';
import { ContactsService } from '@concierge/contacts';
import type { ConversationCountsView, ConversationView } from '@concierge/contracts';
import { likePattern } from '@concierge/database';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { ConversationEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { ConversationViews } from './conversation.views.js';
import type { ConversationFilterQuery, ListConversationsQuery } from './conversation.dto.js';

/** How many earlier conversations the contact sidebar shows. */
const CONTACT_HISTORY_LIMIT = 20;

/**
 * Read side of the conversation list: pages, tab counts and a contact's history. The list and the
 * counts share one filter builder, so a badge never disagrees with the list it labels.
 */
@Injectable()
export class ConversationQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly contacts: ContactsService,
    private readonly views: ConversationViews,
  ) {}

  async list(ctx: AccountContext, query: ListConversationsQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const cursor = decodeCursor(query.cursor);
    const qb = await this.filtered(ctx, query);
    if (!qb) return { data: [], nextCursor: null };
    if (query.assignee === 'me') qb.andWhere('c.assignee_id = :me', { me: ctx.agent.id });
    if (query.assignee === 'unassigned') qb.andWhere('c.assignee_id IS NULL');
    if (cursor) qb.andWhere('(c.last_activity_at, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.orderBy('c.last_activity_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: await this.views.many(ctx.accountId, page, ctx.agent.id),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastActivityAt.toISOString(), id: last.id }) : null,
    };
  }

  /** Mine / Unassigned / All in one pass (FILTER clauses), under the list's filters. */
  async counts(ctx: AccountContext, query: ConversationFilterQuery): Promise<ConversationCountsView> {
    const qb = await this.filtered(ctx, query);
    if (!qb) return { mine: 0, unassigned: 0, all: 0 };
    const row = await qb
      .select('count(*) FILTER (WHERE c.assignee_id = :me)::int', 'mine')
      .addSelect('count(*) FILTER (WHERE c.assignee_id IS NULL)::int', 'unassigned')
      .addSelect('count(*)::int', 'all')
      .setParameter('me', ctx.agent.id)
      .getRawOne<ConversationCountsView>();
    return { mine: row?.mine ?? 0, unassigned: row?.unassigned ?? 0, all: row?.all ?? 0 };
  }

  /** The contact's conversations on every channel, in the inboxes the caller may see, newest activity first. */
  async forContact(ctx: AccountContext, contactId: string): Promise<ConversationView[]> {
    // 404 for another brand's contact or a merged one (its channels moved to the survivor).
    const contact = await this.contacts.get(ctx.accountId, contactId);
    const channelIds = contact.channels.map((ch) => ch.id);
    const inboxIds = await this.inboxes.accessibleInboxIds(ctx);
    if (channelIds.length === 0 || inboxIds.length === 0) return [];
    const rows = await this.db
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId', { accountId: ctx.accountId })
      .andWhere('c.contact_channel_id IN (:...channelIds)', { channelIds })
      .andWhere('c.inbox_id IN (:...inboxIds)', { inboxIds })
      .orderBy('c.last_activity_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(CONTACT_HISTORY_LIMIT)
      .getMany();
    return this.views.many(ctx.accountId, rows, ctx.agent.id);
  }

  /** Conversations the caller may see under the filters; null when nothing can match (no accessible inbox). */
  private async filtered(ctx: AccountContext, query: ConversationFilterQuery): Promise<SelectQueryBuilder<ConversationEntity> | null> {
    // Admins see every inbox of the brand: the brand filter already is the inbox filter (no look-up).
    const inboxIds = ctx.role === 'admin' ? null : await this.inboxes.accessibleInboxIds(ctx);
    if (inboxIds && (inboxIds.length === 0 || (query.inboxId && !inboxIds.includes(query.inboxId)))) return null;
    const qb = this.db
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId', { accountId: ctx.accountId });
    if (query.inboxId) qb.andWhere('c.inbox_id = :inboxId', { inboxId: query.inboxId });
    else if (inboxIds) qb.andWhere('c.inbox_id IN (:...inboxIds)', { inboxIds });
    const status = query.status ?? 'open';
    if (status !== 'all') qb.andWhere('c.status = :status', { status });
    if (query.teamId) qb.andWhere('c.team_id = :teamId', { teamId: query.teamId });
    if (query.labelId) {
      qb.andWhere('EXISTS (SELECT 1 FROM conversation_label cl WHERE cl.conversation_id = c.id AND cl.label_id = :labelId AND cl.account_id = c.account_id)', {
        labelId: query.labelId,
      });
    }
    if (query.q) {
      const channelIds = await this.contacts.searchChannelIds(ctx.accountId, query.q);
      qb.andWhere(
        channelIds.length ? '(c.last_message_preview ILIKE :q OR c.contact_channel_id IN (:...channelIds))' : 'c.last_message_preview ILIKE :q',
        { q: likePattern(query.q), channelIds },
      );
    }
    return qb;
  }
}
