import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConversationView, MessageContent, MessageView } from '@concierge/contracts';
import { ListMessagesQuery, MessageDto, MessagePageDto, SendMessageDto } from '../messages/message.dto.js';
import { MessagesService } from '../messages/messages.service.js';
import { ReadReceipts } from '../outbound/read-receipts.js';
import { ConversationDto, ConversationPageDto, ListConversationsQuery, UpdateConversationDto } from './conversation.dto.js';
import { ConversationsService } from './conversations.service.js';

@ApiTags('conversations')
@Controller('api/v1/accounts/:accountId/conversations')
@AccountRoute()
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly receipts: ReadReceipts,
  ) {}

  @Get()
  @ApiOkResponse({ type: ConversationPageDto, description: 'Newest activity first; pass nextCursor as cursor for more' })
  list(@CurrentAccount() ctx: AccountContext, @Query() query: ListConversationsQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
    return this.conversations.list(ctx, query);
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

  @Get(':conversationId/messages')
  @ApiOkResponse({ type: MessagePageDto })
  listMessages(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string, @Query() query: ListMessagesQuery): Promise<{ data: MessageView[]; nextCursor: string | null }> {
    return this.messages.list(ctx, id, query);
  }

  @Post(':conversationId/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The assistant read the thread: WhatsApp shows blue ticks to the customer (best effort)' })
  async read(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string): Promise<void> {
    await this.receipts.read(await this.conversations.entity(ctx, id));
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
