import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChannelRegistry } from '@concierge/channels-core';
import { LiveSessions } from '../ingest/live-sessions.js';
import { CreateInboxDto, MeasureTextDto, UpdateInboxDto } from './inbox.dto.js';
import { CreatedInboxDto, InboxDto, InboxSessionDto, TextMeasureDto } from './inbox.views.js';
import { InboxesService } from './inboxes.service.js';

@ApiTags('inboxes')
@Controller('api/v1/accounts/:accountId/inboxes')
@AccountRoute()
export class InboxesController {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly sessions: LiveSessions,
    private readonly registry: ChannelRegistry,
  ) {}

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

  @Get(':inboxId/session')
  @ApiOkResponse({ type: InboxSessionDto, description: 'WhatsApp Web: session state and the pairing QR (also pushed as `inbox.session`)' })
  async session(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<InboxSessionDto> {
    return this.sessions.status(await this.inboxes.entity(ctx, inboxId));
  }

  @Post(':inboxId/measure')
  @HttpCode(200)
  @ApiOkResponse({ type: TextMeasureDto, description: 'Characters, SMS segments and encoding of a draft, for the composer' })
  async measure(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: MeasureTextDto): Promise<TextMeasureDto> {
    const inbox = await this.inboxes.entity(ctx, inboxId);
    return this.registry.get(inbox.channelType).measure(body.text);
  }

  @Delete(':inboxId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<void> {
    return this.inboxes.remove(ctx, inboxId);
  }
}
