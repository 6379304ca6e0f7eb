import { ConversationEntity } from './conversation.entity.js';
import { InboxEntity, InboxMemberEntity } from './inbox.entity.js';
import { MessageEntity, MessageStatusEventEntity } from './message.entity.js';

export { ConversationEntity, InboxEntity, InboxMemberEntity, MessageEntity, MessageStatusEventEntity };
export const INBOX_ENTITIES = [InboxEntity, InboxMemberEntity, ConversationEntity, MessageEntity, MessageStatusEventEntity];
