import { ChannelRegistry } from '@concierge/channels-core';
import { WebchatAdapter } from '@concierge/channels-webchat';
import { ContactsModule } from '@concierge/contacts';
import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationViews } from './conversations/conversation.views.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { INBOX_ENTITIES } from './entities/index.js';
import { InboxEvents } from './inbox-events.js';
import { InboxesController } from './inboxes/inboxes.controller.js';
import { InboxesService } from './inboxes/inboxes.service.js';
import { InboundIngest } from './messages/inbound-ingest.js';
import { MessagesService } from './messages/messages.service.js';
import { OutboundDelivery } from './messages/outbound-delivery.js';
import { VisitorSessions } from './webchat/visitor-sessions.js';

@Module({
  imports: [TypeOrmModule.forFeature(INBOX_ENTITIES), TenancyModule, ContactsModule],
  controllers: [InboxesController, ConversationsController],
  providers: [
    InboxesService,
    ConversationsService,
    ConversationViews,
    MessagesService,
    InboundIngest,
    OutboundDelivery,
    InboxEvents,
    VisitorSessions,
    WebchatAdapter,
    // The registry is the only place channel types meet their adapters; provider channels join here.
    { provide: ChannelRegistry, useFactory: (webchat: WebchatAdapter) => new ChannelRegistry([webchat]), inject: [WebchatAdapter] },
  ],
  exports: [InboxesService, ConversationsService, MessagesService, InboundIngest, VisitorSessions, InboxEvents],
})
export class InboxModule {}
