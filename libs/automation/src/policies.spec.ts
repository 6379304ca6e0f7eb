import { describe, expect, it } from '@jest/globals';
import { AppError } from '@concierge/common';
import { pickAssignee, type PickInput } from './assignment/assignment-policy.js';
import { Schedule } from './hours/business-hours.js';
import { detectLocale, formatOpening, weeklySummary } from './replies/locale.js';
import { assistantActive, loopGuard } from './replies/loop-guard.js';
import { DEFAULT_SETTINGS, mergeSettings } from './settings/automation-settings.js';
import { dueAt, percentile, slaState } from './sla/sla-math.js';

describe('loop guard', () => {
  const now = new Date('2026-01-05T10:00:00Z');
  it('lets a normal conversation through and holds bursts and rapid replies', () => {
    expect(loopGuard({ inboundInWindow: 1, lastBotReplyAt: null, now })).toBe('ok');
    expect(loopGuard({ inboundInWindow: 2, lastBotReplyAt: new Date(now.getTime() - 20_000), now })).toBe('ok');
    expect(loopGuard({ inboundInWindow: 2, lastBotReplyAt: new Date(now.getTime() - 1_000), now })).toBe('too_soon');
    expect(loopGuard({ inboundInWindow: 4, lastBotReplyAt: null, now })).toBe('flood');
  });

  it('40 messages in 30 seconds get exactly one reply', () => {
    let lastBotReplyAt: Date | null = null;
    const arrivals: number[] = [];
    let replies = 0;
    for (let i = 0; i < 40; i++) {
      const t = now.getTime() + i * 750;
      arrivals.push(t);
      const inboundInWindow = arrivals.filter((a) => a > t - 30_000).length;
      if (loopGuard({ inboundInWindow, lastBotReplyAt, now: new Date(t) }) === 'ok') {
        replies++;
        lastBotReplyAt = new Date(t);
      }
    }
    expect(replies).toBe(1);
  });

  it('keeps quiet while an assistant is active', () => {
    expect(assistantActive(new Date(now.getTime() - 2 * 60_000), now, 5)).toBe(true);
    expect(assistantActive(new Date(now.getTime() - 6 * 60_000), now, 5)).toBe(false);
    expect(assistantActive(null, now, 5)).toBe(false);
  });
});

describe('assignment policy', () => {
  const agents = ['a', 'b', 'c'];
  const base = (over: Partial<PickInput> = {}): PickInput => ({ mode: 'round_robin', candidates: agents, loads: new Map(), maxOpenPerAgent: null, last: null, ...over });

  it('round robin is fair: 30 conversations → 10 each, in turn', () => {
    let last: string | null = null;
    const count = new Map<string, number>();
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      const pick: { agentId: string } = pickAssignee(base({ last }))!;
      last = pick.agentId;
      order.push(pick.agentId);
      count.set(pick.agentId, (count.get(pick.agentId) ?? 0) + 1);
    }
    expect([...count.values()]).toEqual([10, 10, 10]);
    expect(order.slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('round robin continues after the last assistant even when they went offline', () => {
    expect(pickAssignee(base({ candidates: ['a', 'c'], last: 'b' }))!.agentId).toBe('c');
  });

  it('capacity picks the least loaded and never exceeds the limit', () => {
    const loads = new Map([['a', 2], ['b', 0], ['c', 1]]);
    expect(pickAssignee(base({ mode: 'capacity', loads, maxOpenPerAgent: 3 }))).toEqual({ agentId: 'b', reason: 'capacity' });
    const full = new Map([['a', 3], ['b', 3], ['c', 3]]);
    expect(pickAssignee(base({ mode: 'capacity', loads: full, maxOpenPerAgent: 3 }))).toBeNull();
    // Simulate 7 arrivals with limit 3 and starting loads 2/0/1: everyone fills up, then nobody.
    const live = new Map(loads);
    const got: (string | null)[] = [];
    let last: string | null = null;
    for (let i = 0; i < 7; i++) {
      const pick: { agentId: string } | null = pickAssignee(base({ mode: 'capacity', loads: live, maxOpenPerAgent: 3, last }));
      got.push(pick?.agentId ?? null);
      if (pick) {
        live.set(pick.agentId, live.get(pick.agentId)! + 1);
        last = pick.agentId;
      }
    }
    expect(got.filter(Boolean)).toHaveLength(6);
    expect(got.slice(-1)).toEqual([null]);
    expect([...live.values()]).toEqual([3, 3, 3]);
  });

  it('ties under capacity rotate (fairness among equally loaded assistants)', () => {
    const loads = new Map([['a', 1], ['b', 1], ['c', 1]]);
    expect(pickAssignee(base({ mode: 'capacity', loads, last: 'a' }))!.agentId).toBe('b');
  });

  it('round robin skips assistants at their limit', () => {
    expect(pickAssignee(base({ loads: new Map([['b', 5]]), maxOpenPerAgent: 5, last: 'a' }))!.agentId).toBe('c');
  });

  it('prefers the returning customer’s previous assistant when eligible (sticky)', () => {
    expect(pickAssignee(base({ sticky: 'c', last: 'a' }))).toEqual({ agentId: 'c', reason: 'sticky' });
    expect(pickAssignee(base({ sticky: 'z', last: 'a' }))!.reason).toBe('round_robin'); // offline / not a member
    expect(pickAssignee(base({ sticky: 'c', loads: new Map([['c', 2]]), maxOpenPerAgent: 2 }))!.agentId).toBe('a'); // full
  });
});

describe('SLA clocks pause outside business hours', () => {
  const paris = new Schedule({ timeZone: 'Europe/Paris', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })), holidays: [], specialDates: [] });
  const started = new Date('2026-01-09T16:50:00Z'); // Friday 17:50 Paris
  const due = dueAt(paris, started, 30)!;

  it('computes the due date in business time', () => {
    expect(due).toEqual(new Date('2026-01-12T08:20:00Z')); // Monday 09:20
    expect(dueAt(paris, started, null)).toBeNull();
  });

  it('runs, pauses over the weekend, resumes, warns and breaches', () => {
    expect(slaState(paris, new Date('2026-01-09T16:55:00Z'), due, 5, null)).toBe('running');
    expect(slaState(paris, new Date('2026-01-10T12:00:00Z'), due, 5, null)).toBe('paused'); // Saturday
    expect(slaState(paris, new Date('2026-01-12T08:05:00Z'), due, 5, null)).toBe('running'); // Monday 09:05, 15 min left
    expect(slaState(paris, new Date('2026-01-12T08:15:00Z'), due, 5, null)).toBe('warning'); // 5 min left
    expect(slaState(paris, new Date('2026-01-12T08:20:00Z'), due, 5, null)).toBe('breached');
    expect(slaState(paris, new Date('2026-01-12T09:00:00Z'), due, 5, new Date('2026-01-12T08:10:00Z'))).toBe('met');
    expect(slaState(paris, new Date('2026-01-12T09:00:00Z'), due, 5, new Date('2026-01-12T08:30:00Z'))).toBe('missed');
  });

  it('warns before closing time when the remaining business time is short', () => {
    const late = dueAt(paris, new Date('2026-01-09T16:30:00Z'), 33)!; // 30 min Friday + 3 min Monday
    expect(slaState(paris, new Date('2026-01-09T16:58:00Z'), late, 5, null)).toBe('warning'); // 2 + 3 min left
    expect(slaState(paris, new Date('2026-01-10T10:00:00Z'), late, 5, null)).toBe('warning'); // still 3 min left, paused
  });

  it('reports medians and p90 by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([30, 10, 20, 40], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});

describe('locale and formatting', () => {
  it('detects Chinese text, then the contact locale, then the inbox default', () => {
    expect(detectLocale('我的订单到哪了', null, ['en', 'zh-CN'])).toBe('zh-CN');
    expect(detectLocale('where is my order', null, ['zh-CN', 'en'])).toBe('en');
    expect(detectLocale('1001', 'zh-CN', ['en', 'zh-CN'])).toBe('zh-CN');
    expect(detectLocale('👍', null, ['fr', 'en'])).toBe('fr');
  });

  it('formats the next opening in the inbox zone and locale', () => {
    const at = new Date('2026-01-12T08:00:00Z');
    expect(formatOpening(at, 'Europe/Paris', 'en')).toBe('Monday 12 January, 09:00 (Europe/Paris time)');
    expect(formatOpening(at, 'Asia/Shanghai', 'zh-CN')).toBe('1月12日 星期一 16:00（Asia/Shanghai 时间）');
    expect(weeklySummary({ timeZone: 'UTC', weekly: [{ day: 6, open: '10:00', close: '16:00' }, { day: 1, open: '09:00', close: '18:00' }], holidays: [], specialDates: [] }, 'en'))
      .toBe('Mon 09:00–18:00, Sat 10:00–16:00');
  });
});

describe('automation settings', () => {
  const fields = (body: unknown): string[] => {
    try {
      mergeSettings(DEFAULT_SETTINGS, body);
      return [];
    } catch (error) {
      return ((error as AppError).details as { field: string }[]).map((d) => d.field).sort();
    }
  };

  it('merges sections and keeps the rest', () => {
    const next = mergeSettings(DEFAULT_SETTINGS, { locales: ['zh-cn', 'en'], assignment: { mode: 'capacity', maxOpenPerAgent: 4 }, sla: { firstResponseMinutes: 15 } });
    expect(next.locales).toEqual(['zh-CN', 'en']);
    expect(next.assignment).toMatchObject({ mode: 'capacity', maxOpenPerAgent: 4, sticky: true });
    expect(next.sla).toEqual({ firstResponseMinutes: 15, resolutionMinutes: null, warnBeforeMinutes: 5 });
    expect(next.greeting).toEqual(DEFAULT_SETTINGS.greeting);
  });

  it('lists every invalid field', () => {
    expect(fields({ assignment: { mode: 'capacity' } })).toEqual(['assignment.maxOpenPerAgent']);
    expect(fields({ locales: ['en', 'not a locale!'], intents: { confidenceThreshold: 2, fallback: 'shrug' }, sla: { warnBeforeMinutes: -1 }, greeting: { texts: { xx_bad: '' } }, extra: 1 }))
      .toEqual(['extra', 'greeting.texts.xx_bad', 'intents.confidenceThreshold', 'intents.fallback', 'locales[1]', 'sla.warnBeforeMinutes']);
    expect(fields({ outOfOffice: { whatsappTemplate: { name: 'Bad Name', language: 'en' } } })).toEqual(['outOfOffice.whatsappTemplate.name']);
  });
});
