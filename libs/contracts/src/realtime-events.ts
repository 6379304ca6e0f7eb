import type {
  ConversationView,
  MessageView,
  PresenceStatus,
  SenderType,
  VisitorMessageView,
} from './views.js';
import type { NotificationView } from './views.js';
import type { MediaType } from './message-content.js';

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

/** Sent to an agent's socket on connect, once per brand: who is online now (later changes come as presence.updated). */
export interface PresenceSnapshotPayload {
  accountId: string;
  /** Every member of the brand with their current status (offline included). */
  agents: { agentId: string; status: PresenceStatus }[];
}

/** The agent read a conversation (any of their tabs): reset its unread badge. Sent to that agent only. */
export interface ConversationReadPayload {
  accountId: string;
  conversationId: string;
  readAt: string;
}

/** The agent marked notifications read (`notificationIds: null` = all of them in this brand). Sent to that agent only. */
export interface NotificationsReadPayload {
  accountId: string;
  notificationIds: string[] | null;
}

/** An SLA clock of a conversation nears its target (`warning`) or passed it (`breached`); clocks pause outside business hours. */
export interface ConversationSlaPayload {
  accountId: string;
  conversationId: string;
  inboxId: string;
  kind: 'first_response' | 'resolution';
  state: 'warning' | 'breached';
  dueAt: string;
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
  /** Automation: an SLA warning or breach (GET conversations/:id/sla has the full clock). */
  'conversation.sla': (payload: ConversationSlaPayload) => void;
  /** To the notified agent only: a mention in a private note, or a conversation assigned to them. */
  'notification.created': (payload: NotificationView) => void;
  'notifications.read': (payload: NotificationsReadPayload) => void;
  'presence.snapshot': (payload: PresenceSnapshotPayload) => void;
  'conversation.read': (payload: ConversationReadPayload) => void;
}

export type Ack<T> = (response: { ok: true } & T | { ok: false; error: { code: string; message: string } }) => void;

export interface AgentClientEvents {
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  'presence.set': (payload: { status: Exclude<PresenceStatus, 'offline'> }) => void;
}

/** Visitor namespace `/webchat`. */
export interface WebchatHandshake {
  websiteToken: string;
  visitorToken?: string;
  /** Signed-in shopper (setUser), proven by `identifierHash` = hex HMAC-SHA256(identifier, identity secret). */
  identifier?: string;
  identifierHash?: string;
  /**
   * The origin of the page embedding the widget. The widget's socket comes from the hub's own origin
   * (the iframe), so the allow-list is checked against this value for such sockets.
   */
  pageOrigin?: string;
  /** Unverified profile from setUser: shown to agents, never used to join contacts. */
  name?: string;
  email?: string;
  phone?: string;
  customAttributes?: WebchatCustomAttributes;
}

export type WebchatCustomAttributes = Record<string, string | number | boolean | null>;

/** How a web-chat inbox presents itself (inbox settings `title`, `greeting`, `replyTime`, `color`, `position`). */
export interface WebchatWidgetSettings {
  title: string;
  greeting: string | null;
  replyTime: 'minutes' | 'hour' | 'day' | null;
  /** Brand colour, `#rrggbb`. */
  color: string;
  position: 'right' | 'left';
  /** Largest attachment a visitor may upload (`POST /webchat/attachments`). */
  maxUploadBytes: number;
}

export interface WebchatSessionPayload {
  visitorToken: string;
  conversationId: string | null;
  online: boolean;
  nextOpenAt: string | null;
  widget: WebchatWidgetSettings;
}

/** An agent opened the thread: every visitor message up to `upToId` (inclusive) has been seen. */
export interface WebchatReadPayload {
  conversationId: string;
  upToId: string;
  readAt: string;
}

export interface WebchatServerEvents {
  session: (payload: WebchatSessionPayload) => void;
  'message.created': (payload: VisitorMessageView) => void;
  'message.updated': (payload: VisitorMessageView) => void;
  'conversation.typing': (payload: { conversationId: string; typing: boolean; name: string | null }) => void;
  'messages.read': (payload: WebchatReadPayload) => void;
}

/** What a visitor may send: text, or a file uploaded first with `POST /webchat/attachments`. */
export type WebchatSendContent =
  | { type: 'text'; text: string }
  | { type: 'media'; attachmentId: string; mediaType?: MediaType; caption?: string };

export interface WebchatSendPayload {
  clientMessageId: string;
  content: WebchatSendContent;
}

export interface WebchatClientEvents {
  'message.send': (payload: WebchatSendPayload, ack: Ack<{ message: VisitorMessageView }>) => void;
  /** Messages of the visitor's conversation, oldest first, after `afterId` when given (resume after reconnect). */
  history: (payload: { afterId?: string }, ack: Ack<{ messages: VisitorMessageView[] }>) => void;
  typing: (payload: { typing: boolean }) => void;
  /** setCustomAttributes: merged into the contact's attributes (kept for the first message when there is no contact yet). */
  'attributes.set': (payload: { customAttributes: WebchatCustomAttributes }, ack: Ack<object>) => void;
}

export type AgentEventName = keyof AgentServerEvents;
export type WebchatEventName = keyof WebchatServerEvents;
