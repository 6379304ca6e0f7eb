import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallDto, PinProductDto, StartCallDto, StartConsultationDto } from './calls.dto.js';
import type { CallView } from './call-views.js';
import { CallsService } from './calls.service.js';

@ApiTags('video calls')
@Controller('api/v1/accounts/:accountId')
@AccountRoute()
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Post('conversations/:conversationId/calls')
  @ApiCreatedResponse({ type: CallDto, description: 'The customer gets a join card (web chat) or a link (WhatsApp, SMS) now; `participants[].joinUrl` holds your own seat' })
  @ApiConflictResponse({ description: 'A call is already planned or running in this conversation' })
  @ApiUnprocessableEntityResponse({ description: 'The channel cannot take the invite now (CUSTOMER_WINDOW_CLOSED: send a template first)' })
  start(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId', 'Conversation') conversationId: string, @Body() body: StartCallDto): Promise<CallView> {
    return this.calls.startOneToOne(ctx, conversationId, { scheduledAt: body.scheduledAt });
  }

  @Get('conversations/:conversationId/calls')
  @ApiOkResponse({ type: [CallDto], description: 'Calls of the conversation, newest first' })
  list(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId', 'Conversation') conversationId: string): Promise<CallView[]> {
    return this.calls.listForConversation(ctx, conversationId);
  }

  @Post('conversations/:conversationId/calls/:callId/end')
  @HttpCode(200)
  @ApiOkResponse({ type: CallDto, description: 'Ended (with its duration) or missed when the customer never joined; idempotent' })
  endInConversation(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId', 'Conversation') conversationId: string, @IdParam('callId', 'Call') callId: string): Promise<CallView> {
    return this.calls.end(ctx, callId, conversationId);
  }

  @Post('consultations')
  @ApiCreatedResponse({ type: CallDto, description: 'A group consultation: every buyer is invited in their own conversation. Without an SFU (LiveKit) at most 4 people.' })
  startGroup(@CurrentAccount() ctx: AccountContext, @Body() body: StartConsultationDto): Promise<CallView> {
    return this.calls.startGroup(ctx, body);
  }

  @Get('calls/:callId')
  @ApiOkResponse({ type: CallDto })
  get(@CurrentAccount() ctx: AccountContext, @IdParam('callId', 'Call') callId: string): Promise<CallView> {
    return this.calls.get(ctx, callId);
  }

  @Post('calls/:callId/end')
  @HttpCode(200)
  @ApiOkResponse({ type: CallDto })
  end(@CurrentAccount() ctx: AccountContext, @IdParam('callId', 'Call') callId: string): Promise<CallView> {
    return this.calls.end(ctx, callId);
  }

  @Put('calls/:callId/pinned-product')
  @ApiOkResponse({ type: CallDto, description: 'Pins a catalog product beside the video for everyone in the call (null unpins)' })
  async pin(@CurrentAccount() ctx: AccountContext, @IdParam('callId', 'Call') callId: string, @Body() body: PinProductDto): Promise<CallView> {
    await this.calls.get(ctx, callId);
    await this.calls.pin(ctx.accountId, callId, body.productId);
    return this.calls.get(ctx, callId);
  }
}
