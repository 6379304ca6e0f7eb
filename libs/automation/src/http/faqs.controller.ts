import { InboxesService } from '@concierge/inbox';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FaqStore, type FaqView } from '../intents/faq-store.js';

const FAQ_EXAMPLE = {
  title: 'Returns',
  phrases: { en: ['return policy', 'can I return'], 'zh-CN': ['退货政策', '可以退货吗'] },
  answers: { en: 'You can return any item within 30 days.', 'zh-CN': '30天内可无理由退货。' },
  enabled: true,
};

/** Brand-defined FAQ intents of an inbox. Admins write, members read. */
@ApiTags('automation')
@Controller('api/v1/accounts/:accountId/inboxes/:inboxId/faqs')
@AccountRoute()
export class FaqsController {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly faqs: FaqStore,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Oldest first' })
  async list(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<FaqView[]> {
    await this.inboxes.entity(ctx, inboxId);
    return this.faqs.list(ctx.accountId, inboxId);
  }

  @Post()
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: FAQ_EXAMPLE } })
  @ApiCreatedResponse()
  async create(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: unknown): Promise<FaqView> {
    await this.inboxes.entity(ctx, inboxId);
    return this.faqs.create(ctx.accountId, inboxId, body);
  }

  @Get(':faqId')
  async get(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @IdParam('faqId', 'FAQ') faqId: string): Promise<FaqView> {
    await this.inboxes.entity(ctx, inboxId);
    return this.faqs.get(ctx.accountId, inboxId, faqId);
  }

  @Patch(':faqId')
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: { enabled: false } }, description: 'Fields left out stay unchanged' })
  async update(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @IdParam('faqId', 'FAQ') faqId: string, @Body() body: unknown): Promise<FaqView> {
    await this.inboxes.entity(ctx, inboxId);
    return this.faqs.update(ctx.accountId, inboxId, faqId, body);
  }

  @Delete(':faqId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @IdParam('faqId', 'FAQ') faqId: string): Promise<void> {
    await this.inboxes.entity(ctx, inboxId);
    await this.faqs.remove(ctx.accountId, inboxId, faqId);
  }
}
