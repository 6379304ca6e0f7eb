import type { CallKind, CallMode, CallProduct, CallRole, CallStatus } from '@concierge/contracts';
import type { CallParticipantEntity, VideoCallEntity } from './entities.js';

export interface CallParticipantView {
  id: string;
  role: CallRole;
  name: string;
  agentId: string | null;
  contactId: string | null;
  conversationId: string | null;
  joinedAt: string | null;
  leftAt: string | null;
  /** The participant's own link: a customer's invite, or the calling assistant's own seat (never another assistant's). */
  joinUrl: string | null;
}

export interface CallView {
  id: string;
  accountId: string;
  kind: CallKind;
  mode: CallMode;
  status: CallStatus;
  conversationId: string | null;
  title: string | null;
  maxParticipants: number;
  pinnedProduct: CallProduct | null;
  scheduledAt: string | null;
  expiresAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  createdAt: string;
  participants: CallParticipantView[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCallView(call: VideoCallEntity, participants: CallParticipantEntity[], joinUrl: (p: CallParticipantEntity) => string | null): CallView {
  return {
    id: call.id,
    accountId: call.accountId,
    kind: call.kind,
    mode: call.mode,
    status: call.status,
    conversationId: call.conversationId,
    title: call.title,
    maxParticipants: call.maxParticipants,
    pinnedProduct: call.pinnedProduct,
    scheduledAt: iso(call.scheduledAt),
    expiresAt: call.expiresAt.toISOString(),
    startedAt: iso(call.startedAt),
    endedAt: iso(call.endedAt),
    durationSeconds: call.durationSeconds,
    createdAt: call.createdAt.toISOString(),
    participants: participants.map((p) => ({
      id: p.id,
      role: p.role,
      name: p.displayName,
      agentId: p.agentId,
      contactId: p.contactId,
      conversationId: p.conversationId,
      joinedAt: iso(p.joinedAt),
      leftAt: iso(p.leftAt),
      joinUrl: joinUrl(p),
    })),
  };
}

/** What other participants may know: a first name, never a phone number or email address. */
export function displayNameOf(contact: { name: string | null } | null, fallback: string): string {
  const first = contact?.name?.trim().split(/\s+/)[0];
  // A name that is really a phone number or an email (some channels fill the name with it) is not shown.
  return first && !/[@\d]/.test(first) ? first.slice(0, 40) : fallback;
}
