import { ConversationEntity } from './conversation.entity.js';
import { AttachmentEntity, ChannelConsentEntity, OutboxEntity, PendingStatusEntity, WebhookQuarantineEntity } from './delivery.entities.js';
import { InboxEntity, InboxMemberEntity } from './inbox.entity.js';
import { MessageEntity, MessageStatusEventEntity } from './message.entity.js';

export {
  AttachmentEntity,
  ChannelConsentEntity,
  ConversationEntity,
  InboxEntity,
  InboxMemberEntity,
  MessageEntity,
  MessageStatusEventEntity,
  OutboxEntity,
  PendingStatusEntity,
  WebhookQuarantineEntity,
};
export const INBOX_ENTITIES = [
  InboxEntity,
  InboxMemberEntity,
  ConversationEntity,
  MessageEntity,
  MessageStatusEventEntity,
  AttachmentEntity,
  ChannelConsentEntity,
  WebhookQuarantineEntity,
  OutboxEntity,
  PendingStatusEntity,
];
