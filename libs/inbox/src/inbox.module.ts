import { ContactsModule } from '@concierge/contacts';
import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import { MediaController } from './attachments/media.controller.js';
import { ConversationViews } from './conversations/conversation.views.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { INBOX_ENTITIES } from './entities/index.js';
import { DomainEvents } from './domain-events.js';
import { InboxMetrics } from './inbox-metrics.js';
import { InboxEvents } from './inbox-events.js';
import { InboxHours } from './inbox-hours.js';
import { ProductCards } from './product-cards.js';
import { ChannelSetupValidator } from './inboxes/channel-setup.js';
import { InboxesController } from './inboxes/inboxes.controller.js';
import { InboxesService } from './inboxes/inboxes.service.js';
import { ChannelConsent } from './ingest/channel-consent.js';
import { InboundBatches } from './ingest/inbound-batches.js';
import { InboundItems } from './ingest/inbound-items.js';
import { InboundMedia } from './ingest/inbound-media.js';
import { LiveSessionLeases } from './ingest/live-session-leases.js';
import { LiveSessions } from './ingest/live-sessions.js';
import { StatusUpdates } from './ingest/status-updates.js';
import { WebhookSpool } from './ingest/webhook-spool.js';
import { WebhooksController } from './ingest/webhooks.controller.js';
import { InboundIngest } from './messages/inbound-ingest.js';
import { MessagesService } from './messages/messages.service.js';
import { DeliveryRecorder } from './outbound/delivery-recorder.js';
import { OutboundQueue } from './outbound/outbound-queue.js';
import { OutboundSender } from './outbound/outbound-sender.js';
import { BotMessages } from './outbound/bot-messages.js';
import { ReadReceipts } from './outbound/read-receipts.js';
import { SendPolicy } from './outbound/send-policy.js';
import { VisitorSessions } from './webchat/visitor-sessions.js';
import { InboxPersonalData } from './privacy/inbox-personal-data.js';
import { WORKSPACE_CONTROLLERS, WORKSPACE_PROVIDERS } from './workspace.providers.js';

/**
 * Inboxes, conversations, messages and the inbound/outbound pipelines. The ChannelRegistry (which
 * adapters exist) is provided by the composition root: this lib never names a provider.
 */
@Module({
  imports: [TypeOrmModule.forFeature(INBOX_ENTITIES), TenancyModule, ContactsModule],
  controllers: [InboxesController, ConversationsController, WebhooksController, AttachmentsController, MediaController, ...WORKSPACE_CONTROLLERS],
  providers: [
    InboxesService,
    ChannelSetupValidator,
    ConversationsService,
    ConversationViews,
    MessagesService,
    InboundIngest,
    InboundBatches,
    InboundItems,
    InboundMedia,
    StatusUpdates,
    ChannelConsent,
    WebhookSpool,
    LiveSessions,
    LiveSessionLeases,
    DeliveryRecorder,
    OutboundSender,
    OutboundQueue,
    SendPolicy,
    BotMessages,
    ReadReceipts,
    AttachmentsService,
    InboxEvents,
    DomainEvents,
    InboxMetrics,
    InboxHours,
    ProductCards,
    VisitorSessions,
    InboxPersonalData,
    ...WORKSPACE_PROVIDERS,
  ],
  exports: [BotMessages, DomainEvents, InboxHours, ProductCards, InboxesService, ConversationsService, MessagesService, InboundIngest, InboundItems, VisitorSessions, InboxEvents, OutboundQueue, ReadReceipts],
})
export class InboxModule {}
