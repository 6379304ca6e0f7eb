import { ChannelAdapter, type ChannelCapabilities, type ChannelContext, type ChannelSetup, type MarkReadOptions, type OutboundRequest, type OutboundResult } from '@concierge/channels-core';
import { RealtimePublisher } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { WebchatSetupDto } from './webchat-setup.dto.js';

/**
 * Web chat is our own protocol: an outbound message is pushed to the visitor's socket room.
 * A visitor who is offline loses nothing: the widget asks for history after every (re)connect.
 */
@Injectable()
export class WebchatAdapter extends ChannelAdapter {
  readonly type = 'webchat';
  readonly capabilities: ChannelCapabilities = {
    contentTypes: ['text', 'media', 'buttons', 'list', 'link_button', 'product_card', 'product_list', 'order_summary', 'video_call_invite', 'location'],
    maxTextLength: 4096,
    customerWindowHours: null,
    keywordOptOut: false,
    addressKind: 'visitor',
  };
  readonly setup: ChannelSetup = {
    schema: WebchatSetupDto,
    secretFields: [],
    addressField: null,
    generatedSecrets: ['identitySecret'],
    websiteToken: true,
  };

  constructor(private readonly realtime: RealtimePublisher) {
    super();
  }

  async send(request: OutboundRequest): Promise<OutboundResult> {
    this.realtime.toVisitor(request.recipient.contactChannelId, 'message.created', { ...request.message, status: 'sent' });
    return { sourceId: null, status: 'sent' };
  }

  /**
   * An agent opened the thread: the visitor's widget shows "Seen" up to that message (`messages.read`).
   * Typing needs nothing here: the agent gateway relays `conversation.typing` to the visitor itself.
   */
  override async markRead(_ctx: ChannelContext, _sourceId: string, options: MarkReadOptions): Promise<void> {
    if (options.typing || !options.recipient || !options.message) return;
    this.realtime.toVisitor(options.recipient.contactChannelId, 'messages.read', {
      conversationId: options.message.conversationId,
      upToId: options.message.id,
      readAt: new Date().toISOString(),
    });
  }
}
