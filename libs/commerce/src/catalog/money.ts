import type { Money } from '@concierge/contracts';

const AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** A decimal amount in major units as a string ("1290", 1290.5 → "1290.50"); null when it is not one. */
export function parseAmount(value: unknown): string | null {
  const raw = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (raw === null || !AMOUNT.test(raw)) return null;
  return normaliseAmount(raw);
}

export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY.test(value);
}

/** PostgreSQL numeric text ("1290.0000") → at least two decimals, no trailing zeros beyond them ("1290.00", "9.995"). */
export function normaliseAmount(raw: string): string {
  const [whole = '0', frac = ''] = raw.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${whole.replace(/^0+(?=\d)/, '')}.${trimmed}`;
}

export function money(amount: string, currency: string): Money {
  return { amount: normaliseAmount(amount), currency: currency.trim() };
}
