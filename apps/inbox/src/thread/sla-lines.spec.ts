import { describe, expect, it } from '@jest/globals';
import type { ConversationSla, Message, SlaClock } from '../api/types.js';
import { duration, firstAgentReply, slaLines } from './sla-lines.js';

const NONE: SlaClock = { targetMinutes: null, dueAt: null, doneAt: null, elapsedSeconds: 60, remainingSeconds: null, state: 'none' };
const T0 = Date.parse('2026-01-12T09:00:00Z');

function view(first: Partial<SlaClock>, resolution: Partial<SlaClock> = {}, paused = false): ConversationSla {
  return {
    conversationId: 'c', inboxId: 'i', startedAt: '2026-01-12T08:55:00.000Z', timeZone: 'Europe/Paris', paused,
    firstResponse: { ...NONE, ...first }, resolution: { ...NONE, ...resolution },
  };
}

const ctx = (extra: Partial<Parameters<typeof slaLines>[1]> = {}) => ({ now: T0, fetchedAt: T0, firstAgentReplyAt: null, resolved: false, ...extra });

describe('SLA clock lines (thread header)', () => {
  it('shows running clocks with the time left, counting down between fetches while open', () => {
    const v = view(
      { targetMinutes: 15, dueAt: '2026-01-12T09:10:00.000Z', remainingSeconds: 720, state: 'running' },
      { targetMinutes: 480, dueAt: '2026-01-12T16:55:00.000Z', remainingSeconds: 7 * 3600 + 55 * 60, state: 'running' },
    );
    expect(slaLines(v, ctx())).toEqual([
      { kind: 'firstResponse', state: 'running', seconds: 720, dueAt: '2026-01-12T09:10:00.000Z' },
      { kind: 'resolution', state: 'running', seconds: 7 * 3600 + 55 * 60, dueAt: '2026-01-12T16:55:00.000Z' },
    ]);
    const later = slaLines(v, ctx({ now: T0 + 60_000 }));
    expect(later[0]!.seconds).toBe(660);
    // Past the due date before the next fetch: breached, by how much.
    expect(slaLines(v, ctx({ now: T0 + 13 * 60_000 }))[0]).toMatchObject({ state: 'breached', seconds: 60 });
  });

  it('does not count down while the inbox is closed (paused)', () => {
    const v = view({ targetMinutes: 15, dueAt: '2026-01-13T08:15:00.000Z', remainingSeconds: 900, state: 'paused' }, {}, true);
    expect(slaLines(v, ctx({ now: T0 + 600_000 }))).toEqual([{ kind: 'firstResponse', state: 'paused', seconds: 900, dueAt: '2026-01-13T08:15:00.000Z' }]);
  });

  it('reports breached clocks with the time since, and settled ones as met or missed', () => {
    expect(slaLines(view({ targetMinutes: 5, dueAt: 'x', remainingSeconds: -300, state: 'breached' }), ctx())[0]).toMatchObject({ state: 'breached', seconds: 300 });
    expect(slaLines(view({ targetMinutes: 5, doneAt: 'y', state: 'met' }), ctx())[0]).toMatchObject({ state: 'met', seconds: null });
    expect(slaLines(view({ targetMinutes: 5, doneAt: 'y', elapsedSeconds: 420, state: 'missed' }), ctx())[0]).toMatchObject({ state: 'missed', seconds: 120 });
    expect(slaLines(view({}, {}), ctx())).toEqual([]);
  });

  it('settles the first-response clock from the reply in the thread before the hub records it', () => {
    const v = view({ targetMinutes: 15, dueAt: '2026-01-12T09:10:00.000Z', remainingSeconds: 600, state: 'running' });
    expect(slaLines(v, ctx({ firstAgentReplyAt: '2026-01-12T09:01:00.000Z' }))[0]).toMatchObject({ state: 'met' });
    expect(slaLines(v, ctx({ firstAgentReplyAt: '2026-01-12T09:11:00.000Z' }))[0]).toMatchObject({ state: 'missed' });
    // A reply from before this clock started (an earlier conversation's thread) does not count.
    expect(slaLines(v, ctx({ firstAgentReplyAt: '2026-01-12T08:00:00.000Z' }))[0]).toMatchObject({ state: 'running' });
  });

  it('hides live clocks of a resolved conversation', () => {
    const v = view({ targetMinutes: 15, doneAt: 'x', state: 'met' }, { targetMinutes: 60, dueAt: 'y', remainingSeconds: 100, state: 'running' });
    expect(slaLines(v, ctx({ resolved: true })).map((l) => l.state)).toEqual(['met']);
  });

  it('finds the first assistant reply (not notes, not the bot)', () => {
    const m = (id: string, patch: Partial<Message>) => ({ id, direction: 'out', kind: 'normal', sender: { type: 'agent', id: 'a', name: 'Mei' }, createdAt: id, ...patch }) as Message;
    expect(firstAgentReply([m('1', { direction: 'in', sender: { type: 'contact', id: null, name: null } }), m('2', { sender: { type: 'bot', id: null, name: null } }), m('3', { kind: 'note' }), m('4', {}), m('5', {})])).toBe('4');
    expect(firstAgentReply([])).toBeNull();
  });

  it('words durations compactly: minutes, hours, days', () => {
    expect(duration(30, 'left')).toEqual({ key: 'duration.minutes', params: { count: 1 } });
    expect(duration(690, 'left')).toEqual({ key: 'duration.minutes', params: { count: 12 } });
    expect(duration(690, 'past')).toEqual({ key: 'duration.minutes', params: { count: 11 } });
    expect(duration(5400, 'left')).toEqual({ key: 'duration.hoursMinutes', params: { hours: 1, minutes: 30 } });
    expect(duration(7 * 3600 + 1800, 'left')).toEqual({ key: 'duration.hours', params: { count: 7 } });
    expect(duration(3 * 86400, 'past')).toEqual({ key: 'duration.days', params: { count: 3 } });
  });
});
