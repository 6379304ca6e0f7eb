import { DateTime, Info } from 'luxon';
import type { BusinessHours } from '../hours/business-hours.js';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

/**
 * The language to answer in: Chinese characters in the message mean zh-CN; otherwise the contact's
 * stored locale; otherwise English for Latin text when the inbox speaks it; otherwise the inbox default.
 */
export function detectLocale(text: string, contactLocale: string | null, inboxLocales: string[]): string {
  if (CJK.test(text)) return pickLocale(inboxLocales, 'zh-CN', true);
  if (contactLocale) return pickLocale(inboxLocales, contactLocale);
  if (LATIN.test(text) && inboxLocales.some((l) => language(l) === 'en')) return pickLocale(inboxLocales, 'en');
  return inboxLocales[0] ?? 'en';
}

/** Exact tag, else same language, else (unless forced) the inbox default. `force` keeps the wanted tag. */
export function pickLocale(available: string[], wanted: string, force = false): string {
  const exact = available.find((l) => l.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const sameLanguage = available.find((l) => language(l) === language(wanted));
  if (sameLanguage) return sameLanguage;
  return force ? wanted : (available[0] ?? wanted);
}

/** A text for the locale from a per-locale map: exact, same language, then the map's default. */
export function textFor(texts: Record<string, string>, locale: string, fallbackOrder: string[]): string | null {
  const keys = Object.keys(texts);
  if (keys.length === 0) return null;
  const key = keys.find((k) => k.toLowerCase() === locale.toLowerCase())
    ?? keys.find((k) => language(k) === language(locale))
    ?? fallbackOrder.find((l) => keys.includes(l))
    ?? keys[0]!;
  return texts[key] ?? null;
}

export function language(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

export function isChinese(locale: string): boolean {
  return language(locale) === 'zh';
}

/** "Monday 12 January, 09:00 (Europe/Paris time)" / "1月12日 星期一 09:00（Europe/Paris 时间）", in the inbox's zone. */
export function formatOpening(at: Date, timeZone: string, locale: string): string {
  const dt = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale);
  return isChinese(locale) ? `${dt.toFormat('M月d日 cccc HH:mm')}（${timeZone} 时间）` : `${dt.toFormat('cccc d LLLL, HH:mm')} (${timeZone} time)`;
}

export function formatTime(at: Date, timeZone: string, locale: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale).toFormat('HH:mm');
}

/** "Mon 09:00–18:00, Sat 10:00–16:00" from the weekly hours, days in the locale's language. */
export function weeklySummary(hours: BusinessHours, locale: string): string {
  const names = Info.weekdays('short', { locale });
  const sep = isChinese(locale) ? '，' : ', ';
  return [...hours.weekly]
    .sort((a, b) => a.day - b.day || a.open.localeCompare(b.open))
    .map((w) => `${names[w.day - 1]} ${w.open}–${w.close}`)
    .join(sep);
}

export function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}
