import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConversationCountsView, ConversationView, MessageContent, MessageView } from '@concierge/contracts';
import { ListMessagesQuery, MessageDto, MessagePageDto, SendMessageDto } from '../messages/message.dto.js';
import { MessagesService } from '../messages/messages.service.js';
import { LabelsService } from '../labels/labels.service.js';
import {
  ConversationCountsDto,
  ConversationDto,
  ConversationFilterQuery,
  ConversationPageDto,
  ListConversationsQuery,
  SetLabelsDto,
  UpdateConversationDto,
} from './conversation.dto.js';
import { ConversationQueries } from './conversation-queries.js';
import { ConversationsService } from './conversations.service.js';
import { ReadMarkers } from './read-markers.js';

@ApiTags('conversations')
@Controller('api/v1/accounts/:accountId/conversations')
@AccountRoute()
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly queries: ConversationQueries,
    private readonly messages: MessagesService,
    private readonly markers: ReadMarkers,
    private readonly labels: LabelsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ConversationPageDto, description: 'Newest activity first; pass nextCursor as cursor for more' })
  list(@CurrentAccount() ctx: AccountContext, @Query() query: ListConversationsQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
    return this.queries.list(ctx, query);
  }

  // Declared before ':conversationId' so "counts" is not taken for an id.
  @Get('counts')
  @ApiOkResponse({ type: ConversationCountsDto, description: 'Tab badges (Mine / Unassigned / All) under the same filters and access rules as the list' })
  counts(@CurrentAccount() ctx: AccountContext, @Query() query: ConversationFilterQuery): Promise<ConversationCountsView> {
    return this.queries.counts(ctx, query);
  }

  @Get(':conversationId')
  @ApiOkResponse({ type: ConversationDto })
  get(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string): Promise<ConversationView> {
    return this.conversations.get(ctx, id);
  }

  @Patch(':conversationId')
  @ApiOkResponse({ type: ConversationDto })
  update(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string, @Body() body: UpdateConversationDto): Promise<ConversationView> {
    return this.conversations.update(ctx, id, body);
  }

  @Put(':conversationId/labels')
  @ApiOkResponse({ type: ConversationDto, description: 'Sets the complete label set; an activity line per label added or removed' })
  setLabels(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string, @Body() body: SetLabelsDto): Promise<ConversationView> {
    return this.labels.setForConversation(ctx, id, body.labelIds);
  }

  @Get(':conversationId/messages')
  @ApiOkResponse({ type: MessagePageDto })
  listMessages(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string, @Query() query: ListMessagesQuery): Promise<{ data: MessageView[]; nextCursor: string | null }> {
    return this.messages.list(ctx, id, query);
  }

  @Post(':conversationId/read')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: "The caller read the thread: their unread count drops to 0 (`conversation.read` to their other tabs); WhatsApp shows blue ticks to the customer (best effort)",
  })
  read(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string): Promise<void> {
    return this.markers.markRead(ctx, id);
  }

  @Post(':conversationId/messages')
  @ApiCreatedResponse({ type: MessageDto, description: '201 when stored; 200 with the stored message when clientMessageId repeats' })
  @ApiPayloadTooLargeResponse({ description: 'Text longer than 4096 characters' })
  @ApiUnprocessableEntityResponse({ description: 'CUSTOMER_WINDOW_CLOSED (WhatsApp 24-hour window: send a template) or UNSUPPORTED_CONTENT' })
  @ApiConflictResponse({ description: 'RECIPIENT_OPTED_OUT (SMS STOP) or INBOX_PAUSED (provider refused the credentials)' })
  async send(
    @CurrentAccount() ctx: AccountContext,
    @IdParam('conversationId') id: string,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageView> {
    // The DTO classes mirror the MessageContent union member chosen by `type` (validated above).
    const { message, created } = await this.messages.send(ctx, id, { ...body, content: body.content as unknown as MessageContent });
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return message;
  }
}
