import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateInboxDto, UpdateInboxDto } from './inbox.dto.js';
import { CreatedInboxDto, InboxDto } from './inbox.views.js';
import { InboxesService } from './inboxes.service.js';

@ApiTags('inboxes')
@Controller('api/v1/accounts/:accountId/inboxes')
@AccountRoute()
export class InboxesController {
  constructor(private readonly inboxes: InboxesService) {}

  @Get()
  @ApiOkResponse({ type: [InboxDto] })
  list(@CurrentAccount() ctx: AccountContext): Promise<InboxDto[]> {
    return this.inboxes.list(ctx);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CreatedInboxDto, description: 'identitySecret is shown only in this response' })
  create(@CurrentAccount() ctx: AccountContext, @Body() body: CreateInboxDto): Promise<CreatedInboxDto> {
    return this.inboxes.create(ctx, body);
  }

  @Get(':inboxId')
  @ApiOkResponse({ type: InboxDto })
  get(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<InboxDto> {
    return this.inboxes.get(ctx, inboxId);
  }

  @Patch(':inboxId')
  @AdminOnly()
  @ApiOkResponse({ type: InboxDto })
  update(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: UpdateInboxDto): Promise<InboxDto> {
    return this.inboxes.update(ctx, inboxId, body);
  }

  @Delete(':inboxId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<void> {
    return this.inboxes.remove(ctx, inboxId);
  }
}
