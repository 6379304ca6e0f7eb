import { AppError, type FieldError } from '@concierge/common';
import type { Money } from '@concierge/contracts';
import { linkAllowed } from './link-policy.js';
import { isCurrency, parseAmount } from './money.js';

export type AttributeValue = string | number | boolean;

export interface ProductVariant {
  sku: string;
  title: string;
  attributes: Record<string, AttributeValue>;
  price?: Money;
  stock?: number | null;
  retailerId?: string;
}

export interface ProductInput {
  sku: string;
  title: string;
  description: string;
  price: Money;
  stock: number | null;
  imageUrl: string | null;
  url: string | null;
  retailerId: string | null;
  attributes: Record<string, AttributeValue>;
  variants: ProductVariant[];
}

const FIELDS = ['sku', 'title', 'description', 'price', 'stock', 'imageUrl', 'url', 'retailerId', 'attributes', 'variants'] as const;
const VARIANT_FIELDS = ['sku', 'title', 'attributes', 'price', 'stock', 'retailerId'];
const SKU = /^[^\s\p{Cc}][^\p{Cc}]{0,99}$/u;
export const MAX_STOCK = 2_147_483_647;

/** Collects every problem with its field path, then one 400 lists them all. */
export class Problems {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    const existing = this.list.find((e) => e.field === field);
    if (existing) existing.messages.push(message);
    else this.list.push({ field, messages: [message] });
  }

  throwIfAny(what: string): void {
    if (this.list.length) throw AppError.validation(`Invalid ${what}`, this.list);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

function str(p: Problems, field: string, value: unknown, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) p.add(field, `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') p.add(field, `${field} must be a string`);
  else if (value.trim().length > max) p.add(field, `${field} must be at most ${max} characters`);
  else return value.trim();
  return undefined;
}

function price(p: Problems, field: string, value: unknown): Money | undefined {
  if (!isObject(value)) {
    p.add(field, `${field} must be { "amount": "1290.00", "currency": "EUR" }`);
    return undefined;
  }
  const amount = parseAmount(value.amount);
  if (amount === null) p.add(`${field}.amount`, `${field}.amount must be a decimal number ≥ 0 with at most 4 decimals, e.g. "1290.00"`);
  if (!isCurrency(value.currency)) p.add(`${field}.currency`, `${field}.currency must be an ISO 4217 code such as EUR`);
  return amount !== null && isCurrency(value.currency) ? { amount, currency: value.currency } : undefined;
}

function stock(p: Problems, field: string, value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_STOCK) {
    p.add(field, `${field} must be a whole number ≥ 0 (or null when not tracked)`);
    return undefined;
  }
  return value;
}

function link(p: Problems, field: string, value: unknown, hosts: readonly string[]): string | null | undefined {
  if (value === null || value === '') return null;
  const url = str(p, field, value, 2000, true);
  if (url === undefined) return undefined;
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    p.add(field, `${field} must be an http(s) URL`);
    return undefined;
  }
  if (!linkAllowed(url, hosts)) {
    p.add(field, `${field}: host ${new URL(url).hostname} is not an allowed link host (commerce settings → allowedLinkHosts)`);
    return undefined;
  }
  return url;
}

function attributes(p: Problems, field: string, value: unknown): Record<string, AttributeValue> | undefined {
  if (!isObject(value) || Object.keys(value).length > 50) {
    p.add(field, `${field} must be an object of at most 50 string, number or boolean values`);
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.length > 60 || !['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'string' && v.length > 500)) {
      p.add(`${field}.${k}`, `${field}.${k} must be a string (≤ 500 characters), number or boolean`);
    }
  }
  return value as Record<string, AttributeValue>;
}

function unknownKeys(p: Problems, prefix: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) p.add(join(prefix, key), `property ${key} should not exist`);
}

function variants(p: Problems, field: string, value: unknown): ProductVariant[] | undefined {
  if (!Array.isArray(value) || value.length > 100) {
    p.add(field, `${field} must be an array of at most 100 variants`);
    return undefined;
  }
  const out: ProductVariant[] = [];
  const skus = new Set<string>();
  value.forEach((raw, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(raw)) return p.add(at, `${at} must be an object`);
    unknownKeys(p, at, raw, VARIANT_FIELDS);
    const sku = str(p, `${at}.sku`, raw.sku, 100, true);
    if (sku && skus.has(sku)) p.add(`${at}.sku`, `${at}.sku repeats another variant's sku`);
    if (sku) skus.add(sku);
    const title = str(p, `${at}.title`, raw.title, 200, true);
    const v: ProductVariant = { sku: sku ?? '', title: title ?? '', attributes: raw.attributes === undefined ? {} : (attributes(p, `${at}.attributes`, raw.attributes) ?? {}) };
    if (raw.price !== undefined) v.price = price(p, `${at}.price`, raw.price);
    if (raw.stock !== undefined) v.stock = stock(p, `${at}.stock`, raw.stock);
    if (raw.retailerId !== undefined) v.retailerId = str(p, `${at}.retailerId`, raw.retailerId, 100, true);
    out.push(v);
  });
  return out;
}

/**
 * A product from a JSON body (create, import row) or a partial one merged onto `current` (PATCH).
 * Problems are added under `prefix`; the result is only meaningful when none were added.
 */
export function parseProduct(p: Problems, body: unknown, allowedHosts: readonly string[], current: ProductInput | null = null, prefix = ''): ProductInput {
  const f = (name: string) => join(prefix, name);
  const b = isObject(body) ? body : {};
  if (!isObject(body)) p.add(prefix || 'body', `${prefix || 'body'} must be a JSON object`);
  else unknownKeys(p, prefix, b, FIELDS);
  const has = (k: string) => current === null || b[k] !== undefined;
  const sku = has('sku') ? str(p, f('sku'), b.sku, 100, true) : current!.sku;
  if (sku !== undefined && !SKU.test(sku)) p.add(f('sku'), `${f('sku')} must be 1–100 printable characters`);
  const out: ProductInput = {
    sku: sku ?? '',
    title: (has('title') ? str(p, f('title'), b.title, 200, true) : current!.title) ?? '',
    description: (has('description') ? str(p, f('description'), b.description, 5000, false) : current!.description) ?? '',
    price: (has('price') ? (b.price === undefined ? (p.add(f('price'), `${f('price')} is required`), undefined) : price(p, f('price'), b.price)) : current!.price) ?? { amount: '0.00', currency: 'EUR' },
    stock: has('stock') ? (b.stock === undefined ? null : (stock(p, f('stock'), b.stock) ?? null)) : current!.stock,
    imageUrl: has('imageUrl') ? (b.imageUrl === undefined ? null : (link(p, f('imageUrl'), b.imageUrl, allowedHosts) ?? null)) : current!.imageUrl,
    url: has('url') ? (b.url === undefined ? null : (link(p, f('url'), b.url, allowedHosts) ?? null)) : current!.url,
    retailerId: has('retailerId') ? (b.retailerId === undefined || b.retailerId === null ? null : (str(p, f('retailerId'), b.retailerId, 100, true) ?? null)) : current!.retailerId,
    attributes: has('attributes') ? (b.attributes === undefined ? {} : (attributes(p, f('attributes'), b.attributes) ?? {})) : current!.attributes,
    variants: has('variants') ? (b.variants === undefined ? [] : (variants(p, f('variants'), b.variants) ?? [])) : current!.variants,
  };
  return out;
}

const CSV_COLUMNS: Record<string, string> = {
  sku: 'sku',
  title: 'title',
  description: 'description',
  price: 'price',
  currency: 'currency',
  stock: 'stock',
  image_url: 'imageUrl',
  imageurl: 'imageUrl',
  url: 'url',
  retailer_id: 'retailerId',
  retailerid: 'retailerId',
  attributes: 'attributes',
};

/** CSV header → product field names; unknown or repeated columns are problems. */
export function csvHeader(p: Problems, header: string[]): string[] {
  const names = header.map((h) => CSV_COLUMNS[h.trim().toLowerCase()] ?? '');
  header.forEach((h, i) => {
    if (!names[i]) p.add(`header.${h}`, `unknown column "${h}" (expected: sku, title, description, price, currency, stock, image_url, url, retailer_id, attributes)`);
  });
  for (const required of ['sku', 'title', 'price', 'currency']) if (!names.includes(required)) p.add('header', `the column "${required}" is missing`);
  if (new Set(names).size !== names.length) p.add('header', 'a column appears twice');
  return names;
}

/** One CSV row as the JSON body `parseProduct` takes; cells that cannot be converted become problems. */
export function csvRowBody(p: Problems, prefix: string, names: string[], cells: string[]): Record<string, unknown> {
  const cell = (name: string) => {
    const i = names.indexOf(name);
    const v = i < 0 ? undefined : cells[i]?.trim();
    return v === '' ? undefined : v;
  };
  if (cells.length !== names.length) p.add(prefix, `${prefix} has ${cells.length} cells, the header has ${names.length}`);
  const body: Record<string, unknown> = {};
  for (const name of ['sku', 'title', 'description', 'imageUrl', 'url', 'retailerId']) if (cell(name) !== undefined) body[name] = cell(name);
  body.price = { amount: cell('price'), currency: cell('currency') };
  const stockCell = cell('stock');
  if (stockCell !== undefined) body.stock = /^\d+$/.test(stockCell) ? Number(stockCell) : stockCell;
  const attrs = cell('attributes');
  if (attrs !== undefined) {
    try {
      body.attributes = JSON.parse(attrs);
    } catch {
      p.add(`${prefix}.attributes`, `${prefix}.attributes must be a JSON object, e.g. {"colour":"gold"}`);
    }
  }
  return body;
}
