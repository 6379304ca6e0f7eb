import type { ConversationSla, Message, SlaClock, SlaState } from '../api/types.js';
import { timeOf } from '../lib/ids.js';

/** What the thread header says about each SLA clock (pure: unit-tested, no i18n here). */
export type ClockKind = 'firstResponse' | 'resolution';
export type LineState = Exclude<SlaState, 'none' | 'done'>;

export interface SlaLine {
  kind: ClockKind;
  state: LineState;
  /** Time left (running, warning, paused), late by (breached, missed); null for met. Business seconds. */
  seconds: number | null;
  dueAt: string | null;
}

export interface SlaContext {
  /** Now and when the view was fetched (ms): a running clock keeps counting down between fetches. */
  now: number;
  fetchedAt: number;
  /** The first assistant reply seen in the thread: settles the first-response clock before the hub's next tick does. */
  firstAgentReplyAt: string | null;
  /** A resolved conversation shows only settled clocks. */
  resolved: boolean;
}

const LIVE: ReadonlySet<SlaState> = new Set(['running', 'warning', 'paused', 'breached']);

export function slaLines(view: ConversationSla, ctx: SlaContext): SlaLine[] {
  const lines: SlaLine[] = [];
  for (const kind of ['firstResponse', 'resolution'] as const) {
    let clock = view[kind];
    const reply = ctx.firstAgentReplyAt;
    if (kind === 'firstResponse' && LIVE.has(clock.state) && reply && timeOf(reply) >= timeOf(view.startedAt)) clock = settle(clock, reply);
    const line = lineOf(kind, clock, view.paused, ctx);
    if (line) lines.push(line);
  }
  return lines;
}

/** The hub records a first response on its next tick; the reply is already in the thread, so settle it the same way. */
function settle(clock: SlaClock, doneAt: string): SlaClock {
  const met = clock.dueAt !== null && timeOf(doneAt) <= timeOf(clock.dueAt);
  return { ...clock, doneAt, remainingSeconds: null, state: clock.dueAt === null ? 'done' : met ? 'met' : 'missed' };
}

function lineOf(kind: ClockKind, clock: SlaClock, paused: boolean, ctx: SlaContext): SlaLine | null {
  const base = { kind, dueAt: clock.dueAt };
  switch (clock.state) {
    case 'none':
    case 'done':
      return null;
    case 'met':
      return { ...base, state: 'met', seconds: null };
    case 'missed':
      return { ...base, state: 'missed', seconds: Math.max(0, clock.elapsedSeconds - (clock.targetMinutes ?? 0) * 60) };
    default: {
      if (ctx.resolved || clock.remainingSeconds === null) return null;
      // Business time only passes while the inbox is open.
      const passed = paused ? 0 : Math.max(0, (ctx.now - ctx.fetchedAt) / 1000);
      const left = clock.remainingSeconds - passed;
      if (left <= 0) return { ...base, state: 'breached', seconds: -left };
      return { ...base, state: clock.state === 'breached' ? 'running' : clock.state, seconds: left };
    }
  }
}

/** The first assistant reply (not a note, not the bot) — what the hub counts as the first response. */
export function firstAgentReply(messages: Message[]): string | null {
  return messages.find((m) => m.direction === 'out' && m.kind === 'normal' && m.sender.type === 'agent')?.createdAt ?? null;
}

export interface DurationText {
  key: 'duration.minutes' | 'duration.hoursMinutes' | 'duration.hours' | 'duration.days';
  params: Record<string, number>;
}

/**
 * A short duration: "12 min", "1 h 30 min", "7 h", "3 days". Time left rounds up to the minute (never
 * claims more urgency than there is… nor less: 30 s left is "1 min"); time past rounds down, at least 1 min.
 */
export function duration(seconds: number, direction: 'left' | 'past'): DurationText {
  const minutes = Math.max(1, direction === 'left' ? Math.ceil(seconds / 60) : Math.floor(seconds / 60));
  if (minutes < 60) return { key: 'duration.minutes', params: { count: minutes } };
  if (minutes < 120) return { key: 'duration.hoursMinutes', params: { hours: 1, minutes: minutes - 60 } };
  if (minutes < 48 * 60) return { key: 'duration.hours', params: { count: Math.floor(minutes / 60) } };
  return { key: 'duration.days', params: { count: Math.floor(minutes / 1440) } };
}
