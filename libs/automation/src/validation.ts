import { AppError, type FieldError } from '@concierge/common';
import { DateTime, IANAZone } from 'luxon';

/**
 * A small collector for hand-validated JSON bodies (nested shapes with cross-field rules): every problem
 * is reported with its field path, then one 400 VALIDATION_FAILED lists them all.
 */
export class Problems {
  private readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    const existing = this.list.find((e) => e.field === field);
    if (existing) existing.messages.push(message);
    else this.list.push({ field, messages: [message] });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(what: string): void {
    if (!this.empty) throw AppError.validation(`Invalid ${what}`, this.list);
  }
}

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses properties the shape does not know (the DTO pipes do the same for class-validated bodies). */
export function onlyKeys(p: Problems, field: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) p.add(field ? `${field}.${key}` : key, `property ${key} should not exist`);
}

export function validZone(zone: unknown): zone is string {
  return typeof zone === 'string' && IANAZone.isValidZone(zone);
}

export function validTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

export function validDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** A BCP 47 tag (en, zh-CN, pt-BR …), canonicalised; null when it is not one. */
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

export function text(p: Problems, field: string, value: unknown, max: number, required = true): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') p.add(field, `${field} must be a non-empty string`);
  else if (value.length > max) p.add(field, `${field} must be at most ${max} characters`);
  else return value.trim();
  return undefined;
}

export function integer(p: Problems, field: string, value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    p.add(field, `${field} must be an integer between ${min} and ${max}`);
    return undefined;
  }
  return value;
}

/** `{ "<locale>": "text" }` with valid locale keys. */
export function localeTexts(p: Problems, field: string, value: unknown, max: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) {
    p.add(field, `${field} must be an object of texts by locale, e.g. { "en": "…" }`);
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    const locale = canonicalLocale(key);
    if (!locale) p.add(`${field}.${key}`, `${key} is not a locale tag (en, zh-CN, …)`);
    const t = text(p, `${field}.${key}`, v, max);
    if (locale && t !== undefined) out[locale] = t;
  }
  return out;
}
