import { isObject, onlyKeys, Problems, text, validDate, validTime, validZone } from '../validation.js';
import type { BusinessHours, Holiday, SpecialDate, WeeklyHours } from './business-hours.js';

const MAX_ENTRIES = 400;

/** Validates a business-hours body (PUT …/business-hours); every problem is listed with its field. */
export function parseBusinessHours(body: unknown): BusinessHours {
  const p = new Problems();
  if (!isObject(body)) {
    p.add('body', 'body must be an object { timeZone, weekly, holidays?, specialDates? }');
    p.throwIfAny('business hours');
  }
  const b = body as Record<string, unknown>;
  onlyKeys(p, '', b, ['timeZone', 'weekly', 'holidays', 'specialDates']);
  if (!validZone(b.timeZone)) p.add('timeZone', 'timeZone must be an IANA time zone such as Europe/Paris or Asia/Shanghai');
  const weekly = list(p, 'weekly', b.weekly, true).flatMap((w, i) => weeklyEntry(p, `weekly[${i}]`, w));
  const holidays = list(p, 'holidays', b.holidays, false).flatMap((h, i) => holiday(p, `holidays[${i}]`, h));
  const specialDates = list(p, 'specialDates', b.specialDates, false).flatMap((s, i) => special(p, `specialDates[${i}]`, s));
  p.throwIfAny('business hours');
  return { timeZone: b.timeZone as string, weekly, holidays, specialDates };
}

function list(p: Problems, field: string, value: unknown, required: boolean): unknown[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) {
    p.add(field, `${field} must be an array`);
    return [];
  }
  if (value.length > MAX_ENTRIES) p.add(field, `${field} must have at most ${MAX_ENTRIES} entries`);
  return value.slice(0, MAX_ENTRIES);
}

function times(p: Problems, field: string, v: Record<string, unknown>): { open: string; close: string } | null {
  if (!validTime(v.open)) p.add(`${field}.open`, 'open must be a time HH:mm (00:00-23:59)');
  if (!validTime(v.close)) p.add(`${field}.close`, 'close must be a time HH:mm (00:00-23:59); close <= open means the next day');
  return validTime(v.open) && validTime(v.close) ? { open: v.open, close: v.close } : null;
}

function weeklyEntry(p: Problems, field: string, v: unknown): WeeklyHours[] {
  if (!isObject(v)) {
    p.add(field, 'each weekly entry must be { day: 1-7, open: "HH:mm", close: "HH:mm" }');
    return [];
  }
  onlyKeys(p, field, v, ['day', 'open', 'close']);
  const day = typeof v.day === 'number' && Number.isInteger(v.day) && v.day >= 1 && v.day <= 7 ? v.day : null;
  if (day === null) p.add(`${field}.day`, 'day must be an integer from 1 (Monday) to 7 (Sunday)');
  const t = times(p, field, v);
  return day !== null && t ? [{ day, ...t }] : [];
}

function holiday(p: Problems, field: string, v: unknown): Holiday[] {
  if (!isObject(v)) {
    p.add(field, 'each holiday must be { date: "YYYY-MM-DD", name }');
    return [];
  }
  onlyKeys(p, field, v, ['date', 'name']);
  if (!validDate(v.date)) p.add(`${field}.date`, 'date must be a calendar date YYYY-MM-DD');
  const name = text(p, `${field}.name`, v.name, 120);
  return validDate(v.date) && name !== undefined ? [{ date: v.date, name }] : [];
}

function special(p: Problems, field: string, v: unknown): SpecialDate[] {
  if (!isObject(v)) {
    p.add(field, 'each special date must be { date, open, close } or { date, closed: true }');
    return [];
  }
  if (!validDate(v.date)) p.add(`${field}.date`, 'date must be a calendar date YYYY-MM-DD');
  if (v.closed !== undefined) {
    onlyKeys(p, field, v, ['date', 'closed']);
    if (v.closed !== true) p.add(`${field}.closed`, 'closed must be true (give open and close for other hours)');
    return validDate(v.date) && v.closed === true ? [{ date: v.date, closed: true }] : [];
  }
  onlyKeys(p, field, v, ['date', 'open', 'close']);
  const t = times(p, field, v);
  return validDate(v.date) && t ? [{ date: v.date, ...t }] : [];
}
