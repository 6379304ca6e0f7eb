import { ConversationEntity } from './conversation.entity.js';
import { AttachmentEntity, ChannelConsentEntity, OutboxEntity, PendingStatusEntity, WebhookQuarantineEntity } from './delivery.entities.js';
import { InboxEntity, InboxMemberEntity } from './inbox.entity.js';
import { MessageEntity, MessageStatusEventEntity } from './message.entity.js';
import {
  CannedResponseEntity,
  ConversationLabelEntity,
  ConversationReadEntity,
  LabelEntity,
  MessageTemplateEntity,
  NotificationEntity,
} from './workspace.entities.js';

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
  LabelEntity,
  ConversationLabelEntity,
  CannedResponseEntity,
  NotificationEntity,
  ConversationReadEntity,
  MessageTemplateEntity,
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
  LabelEntity,
  ConversationLabelEntity,
  CannedResponseEntity,
  NotificationEntity,
  ConversationReadEntity,
  MessageTemplateEntity,
];
