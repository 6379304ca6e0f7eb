import { describe, expect, it } from '@jest/globals';
import { AppError } from '@concierge/common';
import { Schedule, type BusinessHours, type WeeklyHours } from './business-hours.js';
import { parseBusinessHours } from './hours-input.js';

const weekdays = (open: string, close: string, days = [1, 2, 3, 4, 5]): WeeklyHours[] => days.map((day) => ({ day, open, close }));
const hours = (timeZone: string, weekly: WeeklyHours[], extra: Partial<BusinessHours> = {}): Schedule =>
  new Schedule({ timeZone, weekly, holidays: [], specialDates: [], ...extra });
const at = (iso: string) => new Date(iso);
const H = 3_600_000;

describe('Schedule: open / closed and the next opening', () => {
  const paris = hours('Europe/Paris', weekdays('09:00', '18:00'));

  it('is open inside weekly hours and closed outside, in the inbox zone', () => {
    expect(paris.isOpen(at('2026-01-05T08:00:00Z'))).toBe(true); // Monday 09:00 Paris (UTC+1)
    expect(paris.isOpen(at('2026-01-05T07:59:59Z'))).toBe(false);
    expect(paris.isOpen(at('2026-01-05T17:00:00Z'))).toBe(false); // 18:00 Paris: closing is exclusive
    expect(paris.closesAt(at('2026-01-05T10:00:00Z'))).toEqual(at('2026-01-05T17:00:00Z'));
  });

  it('finds the next opening across a weekend', () => {
    // Friday 19:00 Paris → Monday 09:00 Paris.
    expect(paris.nextOpenAt(at('2026-01-09T18:00:00Z'))).toEqual(at('2026-01-12T08:00:00Z'));
    expect(paris.nextOpenAt(at('2026-01-10T12:00:00Z'))).toEqual(at('2026-01-12T08:00:00Z'));
    expect(paris.nextOpenAt(at('2026-01-12T09:00:00Z'))).toBeNull(); // open now
  });

  it('handles the spring-forward weekend in Europe/Paris (opening moves to UTC+2)', () => {
    // Saturday 28 March 2026 → Monday 30 March 09:00 CEST = 07:00Z (one hour earlier in UTC than in winter).
    expect(paris.nextOpenAt(at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
    // A Sunday span 01:00–04:00 loses the skipped hour: 2 h of business time, not 3.
    const sunday = hours('Europe/Paris', [{ day: 7, open: '01:00', close: '04:00' }]);
    expect(sunday.businessMs(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(2 * H);
    expect(sunday.isOpen(at('2026-03-29T01:30:00Z'))).toBe(true); // 03:30 CEST
  });

  it('handles the fall-back night in Europe/Paris (an overnight span gains an hour)', () => {
    // Saturday 24 October 23:00 → Sunday 04:00: 5 h on the wall, 6 h of real time (03:00 CEST → 02:00 CET).
    const night = hours('Europe/Paris', [{ day: 6, open: '23:00', close: '04:00' }]);
    expect(night.businessMs(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(6 * H);
    expect(night.isOpen(at('2026-10-25T02:30:00Z'))).toBe(true); // 03:30 CET, inside
    expect(night.isOpen(at('2026-10-25T03:00:00Z'))).toBe(false); // 04:00 CET, closed
  });

  it('handles both DST transitions in America/New_York', () => {
    const ny = hours('America/New_York', weekdays('09:00', '17:00'));
    // Saturday 7 March 2026 (EST) → Monday 9 March 09:00 EDT = 13:00Z.
    expect(ny.nextOpenAt(at('2026-03-07T20:00:00Z'))).toEqual(at('2026-03-09T13:00:00Z'));
    // Saturday 31 October (EDT) → Monday 2 November 09:00 EST = 14:00Z.
    expect(ny.nextOpenAt(at('2026-10-31T20:00:00Z'))).toEqual(at('2026-11-02T14:00:00Z'));
    // A full business week straddling spring-forward is still 5 × 8 h.
    expect(ny.businessMs(at('2026-03-08T00:00:00Z'), at('2026-03-15T00:00:00Z'))).toBe(40 * H);
  });

  it('runs overnight hours 22:00–02:00 past midnight', () => {
    const bar = hours('Europe/Paris', weekdays('22:00', '02:00', [5, 6]));
    expect(bar.isOpen(at('2026-01-09T21:00:00Z'))).toBe(true); // Friday 22:00
    expect(bar.isOpen(at('2026-01-10T00:30:00Z'))).toBe(true); // Saturday 01:30, Friday's span
    expect(bar.isOpen(at('2026-01-10T01:00:00Z'))).toBe(false); // Saturday 02:00
    expect(bar.nextOpenAt(at('2026-01-10T01:00:00Z'))).toEqual(at('2026-01-10T21:00:00Z'));
    expect(bar.closesAt(at('2026-01-09T23:00:00Z'))).toEqual(at('2026-01-10T01:00:00Z'));
    // Sunday 01:30: Saturday's span; then nothing until Friday 22:00.
    expect(bar.isOpen(at('2026-01-11T00:30:00Z'))).toBe(true);
    expect(bar.nextOpenAt(at('2026-01-11T02:00:00Z'))).toEqual(at('2026-01-16T21:00:00Z'));
  });

  it('merges adjacent spans: 00:00–00:00 every day is always open', () => {
    const always = hours('Asia/Shanghai', weekdays('00:00', '00:00', [1, 2, 3, 4, 5, 6, 7]));
    expect(always.isOpen(at('2026-02-01T16:00:00Z'))).toBe(true);
    expect(always.businessMs(at('2026-02-01T00:00:00Z'), at('2026-02-03T00:00:00Z'))).toBe(48 * H);
  });

  it('closes on holidays and applies special dates', () => {
    const s = hours('Europe/Paris', weekdays('09:00', '18:00'), {
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
      specialDates: [{ date: '2026-12-24', open: '09:00', close: '13:00' }, { date: '2026-12-28', closed: true }, { date: '2026-12-27', open: '10:00', close: '16:00' }],
    });
    expect(s.isOpen(at('2026-12-25T10:00:00Z'))).toBe(false); // Friday, Christmas
    expect(s.isOpen(at('2026-12-24T13:00:00Z'))).toBe(false); // Thursday 14:00, shortened day
    expect(s.closesAt(at('2026-12-24T10:00:00Z'))).toEqual(at('2026-12-24T12:00:00Z'));
    // After Thursday's short day: Christmas off, the weekend closed except the special Sunday.
    expect(s.nextOpenAt(at('2026-12-24T12:30:00Z'))).toEqual(at('2026-12-27T09:00:00Z'));
    // Monday 28 closed by a special date → Tuesday 29 at 09:00.
    expect(s.nextOpenAt(at('2026-12-27T16:00:00Z'))).toEqual(at('2026-12-29T08:00:00Z'));
  });

  it('answers differently for two inboxes in two zones at the same instant', () => {
    const shanghai = hours('Asia/Shanghai', weekdays('10:00', '19:00'));
    const instant = at('2026-01-06T03:00:00Z'); // Tuesday 11:00 Shanghai, 04:00 Paris
    expect(shanghai.isOpen(instant)).toBe(true);
    expect(paris.isOpen(instant)).toBe(false);
    expect(paris.nextOpenAt(instant)).toEqual(at('2026-01-06T08:00:00Z'));
    expect(shanghai.closesAt(instant)).toEqual(at('2026-01-06T11:00:00Z'));
  });

  it('without hours is always open; with no intervals it never opens', () => {
    const none = new Schedule(null);
    expect(none.isOpen(at('2026-01-10T03:00:00Z'))).toBe(true);
    expect(none.nextOpenAt(at('2026-01-10T03:00:00Z'))).toBeNull();
    expect(none.addBusinessMs(at('2026-01-10T03:00:00Z'), H)).toEqual(at('2026-01-10T04:00:00Z'));
    const never = hours('UTC', []);
    expect(never.isOpen(at('2026-01-10T03:00:00Z'))).toBe(false);
    expect(never.nextOpenAt(at('2026-01-10T03:00:00Z'))).toBeNull();
    expect(never.addBusinessMs(at('2026-01-10T03:00:00Z'), H)).toBeNull();
  });

  it('adds business time across closed periods (the SLA clock pauses)', () => {
    // Friday 17:50 Paris + 30 business minutes → 10 min Friday, 20 min Monday → Monday 09:20.
    expect(paris.addBusinessMs(at('2026-01-09T16:50:00Z'), 30 * 60_000)).toEqual(at('2026-01-12T08:20:00Z'));
    expect(paris.businessMs(at('2026-01-09T16:50:00Z'), at('2026-01-12T08:20:00Z'))).toBe(30 * 60_000);
    // 3 weeks of business time from a Monday 09:00 spans windows: 15 days × 9 h.
    expect(paris.addBusinessMs(at('2026-01-05T08:00:00Z'), 135 * H)).toEqual(at('2026-01-23T17:00:00Z'));
  });
});

describe('parseBusinessHours', () => {
  const fields = (body: unknown): string[] => {
    try {
      parseBusinessHours(body);
      return [];
    } catch (error) {
      return ((error as AppError).details as { field: string }[]).map((d) => d.field);
    }
  };

  it('accepts a full valid body', () => {
    const body = {
      timeZone: 'America/New_York',
      weekly: [{ day: 1, open: '09:00', close: '17:30' }, { day: 5, open: '22:00', close: '02:00' }],
      holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)' }],
      specialDates: [{ date: '2026-11-27', open: '08:00', close: '23:00' }, { date: '2026-12-31', closed: true }],
    };
    expect(parseBusinessHours(body)).toEqual(body);
  });

  it('lists every bad field: zone, day, times, dates, unknown keys', () => {
    expect(
      fields({
        timeZone: 'Mars/Olympus',
        weekly: [{ day: 8, open: '9:00', close: '24:00' }, { day: 1, open: '09:00', close: '18:00', extra: 1 }],
        holidays: [{ date: '2026-02-30', name: '' }],
        specialDates: [{ date: '2026-01-01', closed: false }, { date: 'tomorrow', open: '10:00', close: '12:00' }],
        colour: 'red',
      }).sort(),
    ).toEqual(
      ['colour', 'holidays[0].date', 'holidays[0].name', 'specialDates[0].closed', 'specialDates[1].date', 'timeZone', 'weekly[0].close', 'weekly[0].day', 'weekly[0].open', 'weekly[1].extra'].sort(),
    );
  });

  it('requires weekly and an object body', () => {
    expect(fields({ timeZone: 'Europe/Paris' })).toEqual(['weekly']);
    expect(fields([])).toEqual(['body']);
  });
});
