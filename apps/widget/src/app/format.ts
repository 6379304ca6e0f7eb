import { locale, t } from './i18n.js';

/** Only absolute http(s) URLs become links or images: no javascript:, data:, blob: or relative tricks. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function fmt(options: Intl.DateTimeFormatOptions, date: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return date.toLocaleString();
  }
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : fmt({ hour: 'numeric', minute: '2-digit' }, date);
}

/** "at 9:00 AM" today, "Monday at 9:00 AM" within a week, else a date — in the visitor's locale and time zone. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = fmt({ hour: 'numeric', minute: '2-digit' }, date);
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) return t.at(t.today, time);
  const days = (date.getTime() - now.getTime()) / 86_400_000;
  const day = days < 6.5 ? fmt({ weekday: 'long' }, date) : fmt({ month: 'short', day: 'numeric' }, date);
  return t.at(day, time);
}

export function formatMoney(price: unknown): string | null {
  if (!price || typeof price !== 'object') return null;
  const { amount, currency } = price as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'string' || typeof currency !== 'string') return null;
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatBytes(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function uuid(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
