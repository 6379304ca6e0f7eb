import { describe, expect, it } from '@jest/globals';
import type { AutomationSettings } from '../../api/types.js';
import { localeList, numberOrNull, toBody, toDraft } from './automation-model.js';
import { toFaqBody, toFaqDraft } from './faq-model.js';
import { overnight, searchZones, toBody as hoursBody, toDraft as hoursDraft, timeZones } from './hours-model.js';

const SETTINGS: AutomationSettings = {
  locales: ['en', 'zh-CN'],
  greeting: { enabled: false, texts: { en: 'Hello!' } },
  outOfOffice: { enabled: true, texts: { en: 'Back {{nextOpen}}.', 'zh-CN': '{{nextOpen}} 回来。' }, whatsappTemplate: { name: 'out_of_office', language: 'en' } },
  assistantRepliedRecentlyMinutes: 5,
  intents: { enabled: true, confidenceThreshold: 0.6, fallback: 'handover' },
  assignment: { mode: 'capacity', maxOpenPerAgent: 5, teamId: null, sticky: true, offlineGraceSeconds: 120 },
  sla: { firstResponseMinutes: 15, resolutionMinutes: null, warnBeforeMinutes: 5 },
};

describe('automation settings form model', () => {
  it('round-trips the settings through the draft', () => {
    expect(toBody(toDraft(SETTINGS))).toEqual(SETTINGS);
  });

  it('sends empty boxes as null (the API explains what is wrong) and drops empty texts', () => {
    const d = toDraft(SETTINGS);
    d.sla.warnBeforeMinutes = '';
    d.sla.resolutionMinutes = ' 480 ';
    d.outOfOffice.texts['zh-CN'] = '  ';
    d.outOfOffice.template = '';
    d.locales = 'en;  zh-CN, en';
    const body = toBody(d);
    expect(body.sla).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 480, warnBeforeMinutes: null });
    expect(body.outOfOffice).toEqual({ enabled: true, texts: { en: 'Back {{nextOpen}}.' }, whatsappTemplate: null });
    expect(body.locales).toEqual(['en', 'zh-CN']);
    expect(localeList('')).toEqual([]);
    expect(numberOrNull('1.5')).toBe(1.5);
  });
});

describe('business hours form model', () => {
  it('keeps rows in the order they are sent (API field paths point at them) and round-trips', () => {
    const view = {
      configured: true, timeZone: 'Europe/Paris',
      weekly: [{ day: 5, open: '22:00', close: '02:00' }, { day: 1, open: '14:00', close: '18:00' }, { day: 1, open: '09:00', close: '12:00' }],
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
      specialDates: [{ date: '2026-12-24', open: '09:00', close: '14:00' }, { date: '2026-12-31', closed: true as const }],
    };
    const d = hoursDraft(view);
    expect(d.weekly.map((w) => `${w.day} ${w.open}`)).toEqual(['1 09:00', '1 14:00', '5 22:00']);
    expect(hoursBody(d)).toEqual({
      timeZone: 'Europe/Paris',
      weekly: [{ day: 1, open: '09:00', close: '12:00' }, { day: 1, open: '14:00', close: '18:00' }, { day: 5, open: '22:00', close: '02:00' }],
      holidays: view.holidays,
      specialDates: view.specialDates,
    });
  });

  it('suggests weekday hours when none are saved', () => {
    const d = hoursDraft({ configured: false, timeZone: 'UTC', weekly: [], holidays: [], specialDates: [] });
    expect(d.weekly.map((w) => w.day)).toEqual([1, 2, 3, 4, 5]);
    expect(d.timeZone).toBeTruthy();
  });

  it('marks past-midnight intervals and searches zones by words', () => {
    expect(overnight('22:00', '02:00')).toBe(true);
    expect(overnight('00:00', '00:00')).toBe(true);
    expect(overnight('09:00', '18:00')).toBe(false);
    expect(overnight('25:00', '02:00')).toBe(false);
    const zones = timeZones('Asia/Calcutta');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Calcutta');
    expect(searchZones(['America/New_York', 'Europe/Paris', 'Asia/Shanghai'], 'new york')).toEqual(['America/New_York']);
    expect(searchZones(['America/New_York', 'Europe/Paris'], ' ')).toHaveLength(2);
  });
});

describe('FAQ form model', () => {
  it('has a block per inbox language plus the FAQ’s own, and leaves empty languages out', () => {
    const faq = { id: 'f', inboxId: 'i', title: 'Returns', phrases: { fr: ['retour'] }, answers: { fr: 'Sous 30 jours.' }, enabled: false, createdAt: '', updatedAt: '' };
    const d = toFaqDraft(faq, ['en', 'zh-CN']);
    expect(d.locales.map((l) => l.locale)).toEqual(['en', 'zh-CN', 'fr']);
    d.locales[0] = { locale: 'en', phrases: 'return policy\n\n  can I return  \n', answer: 'Within 30 days.' };
    expect(toFaqBody(d)).toEqual({ title: 'Returns', enabled: false, phrases: { en: ['return policy', 'can I return'], fr: ['retour'] }, answers: { en: 'Within 30 days.', fr: 'Sous 30 jours.' } });
  });
});
