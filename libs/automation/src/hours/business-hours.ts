import { DateTime } from 'luxon';

/** ISO weekday (1 = Monday … 7 = Sunday), local times `HH:mm`; `close <= open` ends the next day. */
export interface WeeklyHours {
  day: number;
  open: string;
  close: string;
}

export interface Holiday {
  date: string;
  name: string;
}

/** Replaces the weekly hours of one local date: other hours, or closed all day. */
export type SpecialDate = { date: string; open: string; close: string } | { date: string; closed: true };

export interface BusinessHours {
  /** IANA time zone of the shop (Europe/Paris, Asia/Shanghai, …). */
  timeZone: string;
  weekly: WeeklyHours[];
  holidays: Holiday[];
  specialDates: SpecialDate[];
}

/** An open span in epoch milliseconds, [start, end). */
export interface Span {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
/** How far ahead we look for an opening (a shop closed for longer is treated as never opening). */
const HORIZON_DAYS = 400;
const WINDOW_DAYS = 14;

/**
 * Business-hours arithmetic on real instants, with luxon doing every calendar and zone conversion
 * (daylight-saving gaps and overlaps included). A span belongs to the local date it opens on: an
 * overnight span that opens the evening before a holiday still runs past midnight.
 * `null` hours mean "not configured": always open.
 */
export class Schedule {
  private readonly holidays: Set<string>;
  private readonly special = new Map<string, SpecialDate[]>();

  constructor(readonly hours: BusinessHours | null) {
    this.holidays = new Set(hours?.holidays.map((h) => h.date) ?? []);
    for (const s of hours?.specialDates ?? []) this.special.set(s.date, [...(this.special.get(s.date) ?? []), s]);
  }

  get timeZone(): string {
    return this.hours?.timeZone ?? 'UTC';
  }

  /** Spans opening on one local calendar date. */
  spansOpeningOn(date: DateTime): Span[] {
    const hours = this.hours;
    if (!hours) return [];
    const iso = date.toISODate()!;
    if (this.holidays.has(iso)) return [];
    const special = this.special.get(iso);
    const entries = special
      ? special.flatMap((s) => ('closed' in s ? [] : [s]))
      : hours.weekly.filter((w) => w.day === date.weekday);
    return entries.map((e) => {
      const start = this.at(date, e.open);
      const end = this.at(e.close > e.open ? date : date.plus({ days: 1 }), e.close);
      return { start: start.toMillis(), end: end.toMillis() };
    }).filter((s) => s.end > s.start);
  }

  /** Merged open spans that overlap [from, to). */
  spans(from: Date | number, to: Date | number): Span[] {
    const a = +from;
    const b = +to;
    if (!this.hours) return [{ start: a, end: b }];
    const out: Span[] = [];
    let day = DateTime.fromMillis(a, { zone: this.timeZone }).startOf('day').minus({ days: 1 });
    const last = DateTime.fromMillis(b, { zone: this.timeZone }).startOf('day');
    while (day.toMillis() <= last.toMillis()) {
      out.push(...this.spansOpeningOn(day).filter((s) => s.end > a && s.start < b));
      day = day.plus({ days: 1 });
    }
    return merge(out);
  }

  isOpen(at: Date | number): boolean {
    if (!this.hours) return true;
    const t = +at;
    return this.spans(t, t + 1).some((s) => s.start <= t && t < s.end);
  }

  /** When the current open span ends (null when closed, or open without end in sight). */
  closesAt(at: Date | number): Date | null {
    if (!this.hours || !this.isOpen(at)) return null;
    const t = +at;
    for (let from = t; from < t + HORIZON_DAYS * DAY_MS; from += WINDOW_DAYS * DAY_MS) {
      const to = from + WINDOW_DAYS * DAY_MS;
      const spans = this.spans(from, to);
      const first = spans.find((s) => s.start <= from && from < s.end);
      if (!first) return new Date(from);
      if (first.end < to) return new Date(first.end);
    }
    return null;
  }

  /** The next opening after `at` while closed; null while open, or when it never opens within ~13 months. */
  nextOpenAt(at: Date | number): Date | null {
    if (!this.hours || this.isOpen(at)) return null;
    const t = +at;
    let day = DateTime.fromMillis(t, { zone: this.timeZone }).startOf('day').minus({ days: 1 });
    for (let i = 0; i <= HORIZON_DAYS; i++, day = day.plus({ days: 1 })) {
      const starts = this.spansOpeningOn(day).map((s) => s.start).filter((s) => s > t);
      if (starts.length) return new Date(Math.min(...starts));
    }
    return null;
  }

  /** Open time between two instants, in milliseconds (what an SLA clock counts). */
  businessMs(from: Date | number, to: Date | number): number {
    const a = +from;
    const b = +to;
    if (b <= a) return 0;
    let total = 0;
    for (let w = a; w < b; w += WINDOW_DAYS * DAY_MS) {
      const end = Math.min(b, w + WINDOW_DAYS * DAY_MS);
      for (const s of this.spans(w, end)) total += Math.min(s.end, end) - Math.max(s.start, w);
    }
    return total;
  }

  /** The instant when `ms` of open time have passed since `from`; null if that never happens (always closed). */
  addBusinessMs(from: Date | number, ms: number): Date | null {
    let remaining = ms;
    const a = +from;
    if (remaining <= 0) return new Date(a);
    for (let w = a; w < a + HORIZON_DAYS * DAY_MS; w += WINDOW_DAYS * DAY_MS) {
      const end = w + WINDOW_DAYS * DAY_MS;
      for (const s of this.spans(w, end)) {
        const start = Math.max(s.start, w);
        const available = Math.min(s.end, end) - start;
        if (remaining <= available) return new Date(start + remaining);
        remaining -= available;
      }
    }
    return null;
  }

  /** `HH:mm` on a local date; a time inside a spring-forward gap moves forward like the wall clock. */
  private at(date: DateTime, hhmm: string): DateTime {
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: this.timeZone });
  }
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
