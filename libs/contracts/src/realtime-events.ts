import type {
  ConversationView,
  MessageView,
  PresenceStatus,
  SenderType,
  VisitorMessageView,
} from './views.js';

/** One typed event map for the agent namespace `/inbox`, shared by the hub and the front-ends. */
export interface TypingPayload {
  accountId: string;
  conversationId: string;
  actor: { type: SenderType; id: string | null; name: string | null };
  typing: boolean;
}

export interface PresencePayload {
  accountId: string;
  agentId: string;
  status: PresenceStatus;
}

/** A live-session inbox (WhatsApp Web) changed state; carries the pairing QR while one is needed. */
export interface InboxSessionPayload {
  accountId: string;
  inboxId: string;
  state: 'starting' | 'qr_required' | 'connected' | 'disconnected' | 'failed' | 'stopped';
  qr: string | null;
  qrText: string | null;
  detail: string | null;
  phone: string | null;
  updatedAt: string;
}

export interface AgentServerEvents {
  'message.created': (payload: MessageView) => void;
  'message.updated': (payload: MessageView) => void;
  'conversation.created': (payload: ConversationView) => void;
  'conversation.updated': (payload: ConversationView) => void;
  'conversation.typing': (payload: TypingPayload) => void;
  'presence.updated': (payload: PresencePayload) => void;
  'inbox.session': (payload: InboxSessionPayload) => void;
  /** The provider refused the inbox's credentials: sends are paused until an admin fixes them. */
  'inbox.status': (payload: { accountId: string; inboxId: string; status: 'active' | 'paused'; detail: string | null }) => void;
}

export type Ack<T> = (response: { ok: true } & T | { ok: false; error: { code: string; message: string } }) => void;

export interface AgentClientEvents {
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  'presence.set': (payload: { status: Exclude<PresenceStatus, 'offline'> }) => void;
}

/** Visitor namespace `/webchat`. */
export interface WebchatSessionPayload {
  visitorToken: string;
  conversationId: string | null;
  online: boolean;
  nextOpenAt: string | null;
}

export interface WebchatServerEvents {
  session: (payload: WebchatSessionPayload) => void;
  'message.created': (payload: VisitorMessageView) => void;
  'message.updated': (payload: VisitorMessageView) => void;
  'conversation.typing': (payload: { conversationId: string; typing: boolean; name: string | null }) => void;
}

export interface WebchatSendPayload {
  clientMessageId: string;
  content: { type: 'text'; text: string };
}

export interface WebchatClientEvents {
  'message.send': (payload: WebchatSendPayload, ack: Ack<{ message: VisitorMessageView }>) => void;
  /** Messages of the visitor's conversation, oldest first, after `afterId` when given (resume after reconnect). */
  history: (payload: { afterId?: string }, ack: Ack<{ messages: VisitorMessageView[] }>) => void;
  typing: (payload: { typing: boolean }) => void;
}

export type AgentEventName = keyof AgentServerEvents;
export type WebchatEventName = keyof WebchatServerEvents;
