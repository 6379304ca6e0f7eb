import type { MessageContent } from './message-content.js';

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
