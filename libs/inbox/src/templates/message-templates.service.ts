import { AppError, newId } from '@concierge/common';
import type { MessageTemplateView } from '@concierge/contracts';
import { isUniqueViolation } from '@concierge/database';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageTemplateEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';

type TemplateInput = { name?: string; language?: string; body?: string; providerTemplateId?: string | null };

/** Placeholder keys (`{{1}}`, or WhatsApp's named `{{first_name}}`) in order of first appearance. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}

function toView(t: MessageTemplateEntity): MessageTemplateView {
  return {
    id: t.id,
    inboxId: t.inboxId,
    name: t.name,
    language: t.language,
    body: t.body,
    providerTemplateId: t.providerTemplateId,
    variables: templateVariables(t.body),
    createdAt: t.createdAt.toISOString(),
  };
}

/**
 * Templates an inbox's provider approved (WhatsApp), recorded by an admin so agents can pick one when
 * the 24-hour window is closed. The hub does not sync them from Meta or Twilio: the provider remains
 * the judge at send time.
 */
@Injectable()
export class MessageTemplatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inboxes: InboxesService,
  ) {}

  async list(ctx: AccountContext, inboxId: string): Promise<MessageTemplateView[]> {
    await this.inboxes.entity(ctx, inboxId);
    const rows = await this.db.getRepository(MessageTemplateEntity).find({
      where: { accountId: ctx.accountId, inboxId },
      order: { name: 'ASC', language: 'ASC' },
    });
    return rows.map(toView);
  }

  async create(ctx: AccountContext, inboxId: string, input: Required<Omit<TemplateInput, 'providerTemplateId'>> & TemplateInput): Promise<MessageTemplateView> {
    await this.inboxes.entity(ctx, inboxId);
    const id = newId();
    await this.unique(() =>
      this.db.getRepository(MessageTemplateEntity).insert({
        id, accountId: ctx.accountId, inboxId, name: input.name, language: input.language, body: input.body, providerTemplateId: input.providerTemplateId ?? null,
      }),
    );
    return toView(await this.entity(ctx, inboxId, id));
  }

  async update(ctx: AccountContext, inboxId: string, id: string, input: TemplateInput): Promise<MessageTemplateView> {
    await this.entity(ctx, inboxId, id);
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<MessageTemplateEntity>;
    if (Object.keys(patch).length) await this.unique(() => this.db.getRepository(MessageTemplateEntity).update({ id, inboxId, accountId: ctx.accountId }, patch));
    return toView(await this.entity(ctx, inboxId, id));
  }

  async remove(ctx: AccountContext, inboxId: string, id: string): Promise<void> {
    await this.entity(ctx, inboxId, id);
    await this.db.getRepository(MessageTemplateEntity).delete({ id, inboxId, accountId: ctx.accountId });
  }

  private async entity(ctx: AccountContext, inboxId: string, id: string): Promise<MessageTemplateEntity> {
    await this.inboxes.entity(ctx, inboxId);
    const found = await this.db.getRepository(MessageTemplateEntity).findOneBy({ id, inboxId, accountId: ctx.accountId });
    if (!found) throw AppError.notFound('Template');
    return found;
  }

  private async unique(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error, 'message_template_inbox_name_lang_uq')) {
        throw new AppError('CONFLICT', 'This inbox already has a template with this name and language');
      }
      throw error;
    }
  }
}
