import { CannedResponsesController } from './canned-responses/canned-responses.controller.js';
import { CannedResponsesService } from './canned-responses/canned-responses.service.js';
import { ContactConversationsController } from './conversations/contact-conversations.controller.js';
import { ConversationQueries } from './conversations/conversation-queries.js';
import { ReadMarkers } from './conversations/read-markers.js';
import { LabelsController } from './labels/labels.controller.js';
import { LabelsService } from './labels/labels.service.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { MessageTemplatesController } from './templates/message-templates.controller.js';
import { MessageTemplatesService } from './templates/message-templates.service.js';

/** The agent's working tools around conversations (labels, canned responses, notifications, unread markers, templates). */
export const WORKSPACE_CONTROLLERS = [
  LabelsController,
  CannedResponsesController,
  NotificationsController,
  MessageTemplatesController,
  ContactConversationsController,
];

export const WORKSPACE_PROVIDERS = [
  ConversationQueries,
  ReadMarkers,
  LabelsService,
  CannedResponsesService,
  NotificationsService,
  MessageTemplatesService,
];
