import type { MessageContent, Money, OrderStatus } from './message-content.js';

/** REST response shapes; realtime events carry the same shapes. */

export type AgentRole = 'admin' | 'agent';
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type MessageDirection = 'in' | 'out';
export type MessageKind = 'normal' | 'note' | 'activity';
/** Derived from the status-event log: the highest rank seen wins, `failed` only when nothing better exists. */
export type DeliveryStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
export type SenderType = 'contact' | 'agent' | 'bot' | 'system';
export type PresenceStatus = 'online' | 'busy' | 'offline';

export interface AgentSummary {
  id: string;
  name: string;
}

export interface SenderView {
  type: SenderType;
  id: string | null;
  name: string | null;
}

export interface MessageView {
  id: string;
  accountId: string;
  inboxId: string;
  conversationId: string;
  direction: MessageDirection;
  kind: MessageKind;
  sender: SenderView;
  content: MessageContent;
  status: DeliveryStatus;
  error: { code: string; message: string } | null;
  clientMessageId: string | null;
  createdAt: string;
}

export interface ContactSummary {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ConversationView {
  id: string;
  accountId: string;
  inboxId: string;
  status: ConversationStatus;
  assignee: AgentSummary | null;
  teamId: string | null;
  contact: ContactSummary;
  snoozedUntil: string | null;
  lastActivityAt: string;
  lastMessagePreview: string | null;
  /** When free-form replies stop being allowed (WhatsApp 24-hour window); null when the channel has none. */
  customerWindowExpiresAt: string | null;
  createdAt: string;
  labels: LabelView[];
  /**
   * Customer messages the calling agent has not read yet (REST only). Realtime payloads are shared by
   * every agent, so they carry null: clients keep their own count from `message.created` and reset it
   * on `conversation.read`.
   */
  unreadCount: number | null;
}

export interface LabelView {
  id: string;
  name: string;
  /** `#rrggbb` */
  color: string;
}

/** Tab badges of the conversation list; same access rules and filters as the list. */
export interface ConversationCountsView {
  mine: number;
  unassigned: number;
  all: number;
}

export type NotificationType = 'mention' | 'assigned';

/** Something an agent should look at: a teammate @mentioned them in a note, or assigned them a conversation. */
export interface NotificationView {
  id: string;
  accountId: string;
  /** The agent notified (always the caller in REST answers). */
  agentId: string;
  type: NotificationType;
  conversationId: string;
  /** The note that mentioned the agent; null for assignments. */
  messageId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** A short plain-text preview: the note, or the conversation's last message. */
  preview: string | null;
  readAt: string | null;
  createdAt: string;
}

/** A saved reply; `content` may hold `{{contact.name}}`-style placeholders (see renderTemplate). */
export interface CannedResponseView {
  id: string;
  shortCode: string;
  content: string;
  createdAt: string;
  updatedAt: string;
}

/** A provider-approved message template of an inbox (WhatsApp), sent when the 24-hour window is closed. */
export interface MessageTemplateView {
  id: string;
  inboxId: string;
  name: string;
  language: string;
  /** Body text with positional placeholders `{{1}}`, `{{2}}`… */
  body: string;
  /** Twilio Content SID (`HX…`) when the provider addresses templates by id. */
  providerTemplateId: string | null;
  /** The placeholder keys found in the body, in first-appearance order ("1", "2", …). */
  variables: string[];
  createdAt: string;
}

/** What a web-chat visitor sees of a message: no private notes, no internal ids of agents. */
export interface VisitorMessageView {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  sender: { type: SenderType; name: string | null };
  content: MessageContent;
  status: DeliveryStatus;
  clientMessageId: string | null;
  createdAt: string;
}

/** `GET contacts/:id/orders`: an order as agents see it in the contact's sidebar (no customer details). */
export interface ContactOrderView {
  number: string;
  status: OrderStatus;
  statusLabel: string;
  total: Money | null;
  itemCount: number;
  trackingUrl: string | null;
  createdAt: string;
  updatedAt: string;
}
