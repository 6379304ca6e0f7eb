import type { BusinessHours, BusinessHoursView } from '../../api/types.js';

/**
 * The business-hours editor's draft. Rows keep the order they are sent in, so the API's field paths
 * (`weekly[3].close`, `holidays[0].date`) point straight back at the row that has the problem.
 */
export interface HoursDraft {
  timeZone: string;
  weekly: { key: string; day: number; open: string; close: string }[];
  holidays: { key: string; date: string; name: string }[];
  specialDates: { key: string; date: string; closed: boolean; open: string; close: string }[];
}

let next = 0;
export const rowKey = () => `r${++next}`;

export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Stored hours → draft; no hours yet → Monday to Friday 09:00–18:00 in the browser's zone (not saved until Save). */
export function toDraft(view: BusinessHoursView | null): HoursDraft {
  if (!view || !view.configured) {
    return { timeZone: browserZone(), weekly: [1, 2, 3, 4, 5].map((day) => ({ key: rowKey(), day, open: '09:00', close: '18:00' })), holidays: [], specialDates: [] };
  }
  return {
    timeZone: view.timeZone,
    weekly: [...view.weekly].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open)).map((w) => ({ key: rowKey(), ...w })),
    holidays: view.holidays.map((h) => ({ key: rowKey(), ...h })),
    specialDates: view.specialDates.map((s) => ({ key: rowKey(), date: s.date, closed: 'closed' in s, open: 'open' in s ? s.open : '', close: 'close' in s ? s.close : '' })),
  };
}

/** Draft → PUT body, every row as typed (the API says what is wrong with it). */
export function toBody(d: HoursDraft): BusinessHours {
  return {
    timeZone: d.timeZone,
    weekly: d.weekly.map((w) => ({ day: w.day, open: w.open.trim(), close: w.close.trim() })),
    holidays: d.holidays.map((h) => ({ date: h.date, name: h.name.trim() })),
    specialDates: d.specialDates.map((s) => (s.closed ? { date: s.date, closed: true as const } : { date: s.date, open: s.open.trim(), close: s.close.trim() })),
  };
}

/** `close <= open` runs past midnight into the next day (both valid HH:mm). */
export function overnight(open: string, close: string): boolean {
  const ok = /^([01]\d|2[0-3]):[0-5]\d$/;
  return ok.test(open.trim()) && ok.test(close.trim()) && close.trim() <= open.trim();
}

/** Every IANA zone the browser knows (searchable), with UTC and the current one always present. */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return [...new Set(['UTC', ...zones, current].filter(Boolean))].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** Zones matching a search: every word must appear ("new york", "shang", "europe par"). */
export function searchZones(zones: string[], query: string): string[] {
  const words = query.toLowerCase().replace(/[_/]/g, ' ').split(/\s+/).filter(Boolean);
  if (!words.length) return zones;
  return zones.filter((z) => {
    const name = z.toLowerCase().replace(/[_/]/g, ' ');
    return words.every((w) => name.includes(w));
  });
}
