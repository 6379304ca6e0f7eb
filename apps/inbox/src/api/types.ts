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

/** Automation (libs/automation): SLA clocks, business hours, settings, FAQs. */
export type SlaState = 'none' | 'running' | 'paused' | 'warning' | 'breached' | 'met' | 'missed' | 'done';

export interface SlaClock {
  targetMinutes: number | null;
  dueAt: string | null;
  doneAt: string | null;
  /** Business time taken so far (or until done), seconds. */
  elapsedSeconds: number;
  /** Business time left before the due date (negative once breached; null without a target or once done). */
  remainingSeconds: number | null;
  state: SlaState;
}

export interface ConversationSla {
  conversationId: string;
  inboxId: string;
  startedAt: string;
  timeZone: string;
  /** The inbox is closed now: running clocks are paused. */
  paused: boolean;
  firstResponse: SlaClock;
  resolution: SlaClock;
}

/** ISO weekday (1 = Monday … 7 = Sunday); `close <= open` ends the next day. */
export interface WeeklyHours {
  day: number;
  open: string;
  close: string;
}

export type SpecialDate = { date: string; open: string; close: string } | { date: string; closed: true };

export interface BusinessHours {
  timeZone: string;
  weekly: WeeklyHours[];
  holidays: { date: string; name: string }[];
  specialDates: SpecialDate[];
}

export interface BusinessHoursView extends BusinessHours {
  /** false: no hours set, the inbox counts as always open. */
  configured: boolean;
}

export interface Availability {
  open: boolean;
  nextOpenAt: string | null;
  closesAt: string | null;
  timeZone: string;
  configured: boolean;
}

export type AssignmentMode = 'none' | 'round_robin' | 'capacity';

export interface AutomationSettings {
  locales: string[];
  greeting: { enabled: boolean; texts: Record<string, string> };
  outOfOffice: {
    enabled: boolean;
    texts: Record<string, string>;
    whatsappTemplate: { name: string; language: string; variables?: Record<string, string> } | null;
  };
  assistantRepliedRecentlyMinutes: number;
  intents: { enabled: boolean; confidenceThreshold: number; fallback: 'none' | 'handover' };
  assignment: { mode: AssignmentMode; maxOpenPerAgent: number | null; teamId: string | null; sticky: boolean; offlineGraceSeconds: number };
  sla: { firstResponseMinutes: number | null; resolutionMinutes: number | null; warnBeforeMinutes: number };
}

export interface FaqView {
  id: string;
  inboxId: string;
  title: string;
  phrases: Record<string, string[]>;
  answers: Record<string, string>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type FaqInput = Pick<FaqView, 'title' | 'phrases' | 'answers' | 'enabled'>;

/** A catalog product as the picker lists it (GET products?q=). */
export interface ProductHit {
  id: string;
  sku: string;
  title: string;
  price: { amount: string; currency: string };
  stock: number | null;
  imageUrl: string | null;
}

/** `GET contacts/:id/orders` (shared with the hub). */
export type { ContactOrderView as ContactOrder } from '@concierge/contracts';
