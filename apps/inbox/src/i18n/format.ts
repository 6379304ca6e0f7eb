import { useTranslation } from 'react-i18next';

/** Dates and numbers with Intl in the locale the agent chose (not the browser's). */
export function useFormat() {
  const { i18n } = useTranslation();
  return formatters(i18n.language);
}

const cache = new Map<string, ReturnType<typeof build>>();

export function formatters(locale: string) {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = build(locale)));
  return f;
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function build(locale: string) {
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'narrow' });
  return {
    locale,
    time: (v: string | Date | null | undefined) => { const d = toDate(v); return d ? time.format(d) : ''; },
    full: (v: string | Date | null | undefined) => { const d = toDate(v); return d ? full.format(d) : ''; },
    /** "14:05" today, "Tue 09:00" this week, a date otherwise. */
    when(v: string | Date | null | undefined, now = new Date()): string {
      const d = toDate(v);
      if (!d) return '';
      if (d.toDateString() === now.toDateString()) return time.format(d);
      return Math.abs(d.getTime() - now.getTime()) < 6 * 86_400_000 ? weekday.format(d) : full.format(d);
    },
    /** Compact age for lists: "now", "5 min. ago", then a short date. */
    age(v: string | Date | null | undefined, now = Date.now()): string {
      const d = toDate(v);
      if (!d) return '';
      const minutes = Math.round((d.getTime() - now) / 60_000);
      if (Math.abs(minutes) < 1) return relative.format(0, 'minute');
      if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
      if (Math.abs(minutes) < 1440) return relative.format(Math.round(minutes / 60), 'hour');
      if (Math.abs(minutes) < 7 * 1440) return relative.format(Math.round(minutes / 1440), 'day');
      return day.format(d);
    },
    money(amount: string, currency: string): string {
      const n = Number(amount);
      if (!Number.isFinite(n)) return `${amount} ${currency}`;
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
      } catch {
        return `${amount} ${currency}`;
      }
    },
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
  };
}

export type Formatters = ReturnType<typeof build>;
