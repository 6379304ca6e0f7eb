export { InboxModule } from './inbox.module.js';
export { InboxesService } from './inboxes/inboxes.service.js';
export { ConversationsService } from './conversations/conversations.service.js';
export { MessagesService } from './messages/messages.service.js';
export { InboundIngest, type InboundMessage, type IngestResult } from './messages/inbound-ingest.js';
export { VisitorSessions, type VisitorSession, type VisitorHandshake } from './webchat/visitor-sessions.js';
export { ReadReceipts } from './outbound/read-receipts.js';
export { InboundItems } from './ingest/inbound-items.js';
