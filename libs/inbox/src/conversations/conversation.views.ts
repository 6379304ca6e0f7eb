import { ContactsService } from '@concierge/contacts';
import type { ConversationView } from '@concierge/contracts';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import type { ConversationEntity } from '../entities/index.js';

/** Builds ConversationView pages with two batched look-ups (contacts, assignees), not one per row. */
@Injectable()
export class ConversationViews {
  constructor(
    private readonly contacts: ContactsService,
    private readonly agents: AgentDirectory,
  ) {}

  async many(accountId: string, rows: ConversationEntity[]): Promise<ConversationView[]> {
    const [contacts, assignees] = await Promise.all([
      this.contacts.summariesByChannel(accountId, rows.map((r) => r.contactChannelId)),
      this.agents.summaries(accountId, rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : []))),
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
    }));
  }

  async one(accountId: string, row: ConversationEntity): Promise<ConversationView> {
    return (await this.many(accountId, [row]))[0]!;
  }
}
