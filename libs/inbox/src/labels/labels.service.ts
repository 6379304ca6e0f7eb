import { AppError, Clock, newId } from '@concierge/common';
import type { ConversationView, LabelView, MessageView } from '@concierge/contracts';
import { isUniqueViolation } from '@concierge/database';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { appendActivities, type ActivityLine } from '../conversations/activity-lines.js';
import { ConversationViews } from '../conversations/conversation.views.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { ConversationLabelEntity, LabelEntity } from '../entities/index.js';
import { InboxEvents } from '../inbox-events.js';

const DEFAULT_COLOR = '#6b7280';

function toLabelView(l: LabelEntity): LabelView {
  return { id: l.id, name: l.name, color: l.color };
}

/** The brand's labels (admins manage them) and the labels on each conversation (any agent who can see it). */
@Injectable()
export class LabelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly views: ConversationViews,
    private readonly events: InboxEvents,
    private readonly clock: Clock,
  ) {}

  async list(accountId: string): Promise<LabelView[]> {
    const rows = await this.db.getRepository(LabelEntity).createQueryBuilder('l').where('l.account_id = :accountId', { accountId }).orderBy('lower(l.name)').addOrderBy('l.id').getMany();
    return rows.map(toLabelView);
  }

  async create(accountId: string, input: { name: string; color?: string }): Promise<LabelView> {
    const label = { id: newId(), accountId, name: input.name.trim(), color: (input.color ?? DEFAULT_COLOR).toLowerCase() };
    await this.unique(() => this.db.getRepository(LabelEntity).insert(label));
    return { id: label.id, name: label.name, color: label.color };
  }

  async update(accountId: string, id: string, input: { name?: string; color?: string }): Promise<LabelView> {
    const label = await this.db.getRepository(LabelEntity).findOneBy({ id, accountId });
    if (!label) throw AppError.notFound('Label');
    if (input.name !== undefined) label.name = input.name.trim();
    if (input.color !== undefined) label.color = input.color.toLowerCase();
    await this.unique(() => this.db.getRepository(LabelEntity).update({ id, accountId }, { name: label.name, color: label.color }));
    return toLabelView(label);
  }

  /** Removing a label takes it off every conversation (cascade); the threads keep their activity lines. */
  async remove(accountId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(LabelEntity).delete({ id, accountId });
    if (!result.affected) throw AppError.notFound('Label');
  }

  /** Sets the conversation's labels to exactly `labelIds`, with one activity line per label added or removed. */
  async setForConversation(ctx: AccountContext, conversationId: string, labelIds: string[]): Promise<ConversationView> {
    const wanted = [...new Set(labelIds)];
    const labels = wanted.length ? await this.db.getRepository(LabelEntity).findBy({ accountId: ctx.accountId, id: In(wanted) }) : [];
    if (labels.length !== wanted.length) throw AppError.notFound('Label');
    let activities: MessageView[] = [];
    const conversation = await this.db.transaction(async (tx) => {
      const conv = await this.conversations.entity(ctx, conversationId, tx, true);
      const links = tx.getRepository(ConversationLabelEntity);
      const current = new Set((await links.findBy({ accountId: ctx.accountId, conversationId })).map((l) => l.labelId));
      const added = labels.filter((l) => !current.has(l.id));
      const removedIds = [...current].filter((id) => !wanted.includes(id));
      const removed = removedIds.length ? await tx.getRepository(LabelEntity).findBy({ accountId: ctx.accountId, id: In(removedIds) }) : [];
      if (removedIds.length) await links.delete({ accountId: ctx.accountId, conversationId, labelId: In(removedIds) });
      if (added.length) await links.insert(added.map((l) => ({ conversationId, labelId: l.id, accountId: ctx.accountId })));
      const who = ctx.agent.name;
      const lines: ActivityLine[] = [
        ...added.map((l): ActivityLine => ['label_added', `${who} added label ${l.name}`]),
        ...removed.map((l): ActivityLine => ['label_removed', `${who} removed label ${l.name}`]),
      ];
      activities = await appendActivities(tx, this.clock, conv, lines);
      return conv;
    });
    const view = await this.views.one(ctx.accountId, conversation, ctx.agent.id);
    if (activities.length) {
      this.events.conversation(view);
      for (const a of activities) this.events.message(a);
    }
    return view;
  }

  private async unique(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error, 'label_account_name_uq')) throw new AppError('CONFLICT', 'A label with this name already exists');
      throw error;
    }
  }
}
