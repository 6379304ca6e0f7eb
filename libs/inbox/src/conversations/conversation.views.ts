import { ContactsService } from '@concierge/contacts';
import type { ConversationView } from '@concierge/contracts';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConversationEntity } from '../entities/index.js';
import { labelsByConversation, unreadCounts } from './conversation-lookups.js';

/**
 * Builds ConversationView pages with batched look-ups (contacts, assignees, labels, unread counts),
 * not one per row. `viewerId` is the agent the page is for; without one (realtime payloads shared by
 * every agent) `unreadCount` is null.
 */
@Injectable()
export class ConversationViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsService,
    private readonly agents: AgentDirectory,
  ) {}

  async many(accountId: string, rows: ConversationEntity[], viewerId: string | null = null): Promise<ConversationView[]> {
    const ids = rows.map((r) => r.id);
    const [contacts, assignees, labels, unread] = await Promise.all([
      this.contacts.summariesByChannel(accountId, rows.map((r) => r.contactChannelId)),
      this.agents.summaries(accountId, rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : []))),
      labelsByConversation(this.db, accountId, ids),
      viewerId ? unreadCounts(this.db, accountId, viewerId, ids) : null,
    ]);
    return rows.map((c) => ({
      id: c.id,
      accountId: c.accountId,
      inboxId: c.inboxId,
      status: c.status,
      assignee: c.assigneeId ? (assignees.get(c.assigneeId) ?? null) : null,
      teamId: c.teamId,
      contact: contacts.get(c.contactChannelId) ?? { id: c.contactChannelId, name: null, email: null, phone: null },
      customerWindowExpiresAt: c.customerWindowExpiresAt?.toISOString() ?? null,
      snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
      lastActivityAt: c.lastActivityAt.toISOString(),
      lastMessagePreview: c.lastMessagePreview,
      createdAt: c.createdAt.toISOString(),
      labels: labels.get(c.id) ?? [],
      unreadCount: unread ? (unread.get(c.id) ?? 0) : null,
    }));
  }

  async one(accountId: string, row: ConversationEntity, viewerId: string | null = null): Promise<ConversationView> {
    return (await this.many(accountId, [row], viewerId))[0]!;
  }
}
