import type { MessageTemplateView } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateMessageTemplateDto, MessageTemplateDto, UpdateMessageTemplateDto } from './message-template.dto.js';
import { MessageTemplatesService } from './message-templates.service.js';

/** An inbox's approved WhatsApp templates, for the picker shown when the 24-hour window is closed. */
@ApiTags('inboxes')
@Controller('api/v1/accounts/:accountId/inboxes/:inboxId/templates')
@AccountRoute()
export class MessageTemplatesController {
  constructor(private readonly templates: MessageTemplatesService) {}

  @Get()
  @ApiOkResponse({ type: [MessageTemplateDto], description: 'By name and language; members of the inbox and admins' })
  list(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<MessageTemplateView[]> {
    return this.templates.list(ctx, inboxId);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: MessageTemplateDto })
  @ApiConflictResponse({ description: 'Same name and language already recorded for this inbox' })
  create(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: CreateMessageTemplateDto): Promise<MessageTemplateView> {
    return this.templates.create(ctx, inboxId, body);
  }

  @Patch(':templateId')
  @AdminOnly()
  @ApiOkResponse({ type: MessageTemplateDto })
  @ApiConflictResponse({ description: 'Same name and language already recorded for this inbox' })
  update(
    @CurrentAccount() ctx: AccountContext,
    @IdParam('inboxId') inboxId: string,
    @IdParam('templateId') id: string,
    @Body() body: UpdateMessageTemplateDto,
  ): Promise<MessageTemplateView> {
    return this.templates.update(ctx, inboxId, id, body);
  }

  @Delete(':templateId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @IdParam('templateId') id: string): Promise<void> {
    return this.templates.remove(ctx, inboxId, id);
  }
}
