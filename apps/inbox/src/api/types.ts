import type {
  AgentRole, CannedResponseView, ConversationCountsView, ConversationView, LabelView as ContractLabel, MessageContent, MessageTemplateView,
  MessageView, NotificationView as ContractNotification, PresenceStatus,
} from '@concierge/contracts';

/** REST shapes the contracts lib does not (yet) describe; kept tolerant: fields the hub may add are optional. */

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface AccountMembership {
  id: string;
  name: string;
  role: AgentRole;
}

export interface AgentProfile {
  id: string;
  name: string;
  email: string;
}

export interface LoginResult {
  accessToken: string;
  agent: AgentProfile;
  accounts: AccountMembership[];
}

export interface AgentView {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
}

export interface TeamView {
  id: string;
  name: string;
  description: string | null;
  agentIds: string[];
}

export type ChannelType = 'webchat' | 'twilio_sms' | 'twilio_whatsapp' | 'whatsapp_cloud' | 'whatsapp_web';

export interface InboxView {
  id: string;
  name: string;
  channelType: ChannelType | string;
  channel: Record<string, unknown>;
  websiteToken: string | null;
  embedSnippet: string | null;
  address: string | null;
  status: 'active' | 'paused';
  statusDetail: string | null;
  webhookUrls: { events: string | null; status: string | null };
  agentIds: string[];
  createdAt: string;
  identitySecret?: string;
}

export interface InboxSession {
  state: string;
  qr: string | null;
  qrText: string | null;
  detail: string | null;
  phone: string | null;
  updatedAt: string;
}

export interface TextMeasure {
  characters: number;
  segments: number;
  encoding: string;
}

export type LabelView = ContractLabel;

export type CannedResponse = CannedResponseView;

export type MessageTemplate = MessageTemplateView;

export type NotificationView = ContractNotification;

export interface ContactChannel {
  id: string;
  inboxId: string;
  address: string;
  kind: string;
}

export interface ContactView {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, string | number | boolean | null>;
  channels: ContactChannel[];
  createdAt: string;
}

export type TabCounts = ConversationCountsView;

export type Conversation = ConversationView;

export type Message = MessageView;

export interface SendBody {
  content: MessageContent;
  private?: boolean;
  clientMessageId?: string;
  mentions?: string[];
}

export interface PresenceEntry {
  agentId: string;
  status: PresenceStatus;
}
