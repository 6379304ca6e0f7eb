import type { Money } from '@concierge/contracts';
import type { ProductEntity } from '../catalog/catalog.entities.js';
import { money } from '../catalog/money.js';
import { Problems, type ProductVariant } from '../catalog/product-input.js';

export interface CheckoutItemInput {
  productId: string;
  /** A variant of the product (its SKU); the product itself when omitted. */
  variantSku?: string;
  quantity: number;
}

/** One priced line of a checkout: what the customer will pay for. */
export interface CartLine {
  productId: string;
  product: ProductEntity;
  variant: ProductVariant | null;
  title: string;
  quantity: number;
  unitPrice: Money;
}

export const MAX_LINES = 20;
export const MAX_QUANTITY = 99;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCALE = 10_000n; // amounts carry at most four decimals (money.ts)

/** Checks the request's shape; every problem is listed with its field path. */
export function parseItems(body: unknown): CheckoutItemInput[] {
  const p = new Problems();
  const raw = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_LINES) {
    p.add('items', `items must be an array of 1 to ${MAX_LINES} products`);
    p.throwIfAny('checkout');
  }
  const items = (raw as unknown[]).map((item, i) => {
    const it = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    if (typeof it.productId !== 'string' || !UUID.test(it.productId)) p.add(`items[${i}].productId`, `items[${i}].productId must be a product id`);
    if (it.variantSku !== undefined && (typeof it.variantSku !== 'string' || !it.variantSku.trim())) p.add(`items[${i}].variantSku`, `items[${i}].variantSku must be a variant SKU`);
    const quantity = it.quantity ?? 1;
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_QUANTITY) p.add(`items[${i}].quantity`, `items[${i}].quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
    return { productId: String(it.productId), ...(typeof it.variantSku === 'string' && { variantSku: it.variantSku.trim() }), quantity: Number(quantity) };
  });
  p.throwIfAny('checkout');
  return items;
}

/** Prices each item from the catalog: unknown products or variants, short stock and mixed currencies are refused together. */
export function priceLines(items: CheckoutItemInput[], products: Map<string, ProductEntity>): CartLine[] {
  const p = new Problems();
  const lines: CartLine[] = [];
  items.forEach((item, i) => {
    const product = products.get(item.productId);
    if (!product) return p.add(`items[${i}].productId`, `items[${i}].productId: no such product in the catalog`);
    const variant = item.variantSku ? (product.variants.find((v) => v.sku === item.variantSku) ?? null) : null;
    if (item.variantSku && !variant) return p.add(`items[${i}].variantSku`, `items[${i}].variantSku: ${product.title} has no variant ${item.variantSku}`);
    const stock = variant ? (variant.stock ?? null) : product.stock;
    if (stock !== null && stock !== undefined && stock < item.quantity) {
      return p.add(`items[${i}].quantity`, `items[${i}].quantity: only ${stock} of ${product.title} in stock`);
    }
    lines.push({
      productId: product.id,
      product,
      variant,
      title: variant ? `${product.title} (${variant.title})` : product.title,
      quantity: item.quantity,
      unitPrice: variant?.price ?? money(product.priceAmount, product.currency),
    });
  });
  const currencies = new Set(lines.map((l) => l.unitPrice.currency));
  if (currencies.size > 1) p.add('items', `items must share one currency (found ${[...currencies].join(', ')})`);
  p.throwIfAny('checkout');
  return lines;
}

/** Exact decimal arithmetic: money is never a float. */
export function totalOf(lines: CartLine[]): Money {
  const minor = lines.reduce((sum, l) => sum + toMinor(l.unitPrice.amount) * BigInt(l.quantity), 0n);
  return money(fromMinor(minor), lines[0]!.unitPrice.currency);
}

function toMinor(amount: string): bigint {
  const [whole = '0', frac = ''] = amount.split('.');
  return BigInt(whole) * SCALE + BigInt(frac.padEnd(4, '0').slice(0, 4));
}

function fromMinor(minor: bigint): string {
  return `${minor / SCALE}.${(minor % SCALE).toString().padStart(4, '0')}`;
}

/** "2 x Silk scarf, 1 x Tote (Black)": GSM-7 only (plain x), clipped for an SMS. */
export function linesSummary(lines: CartLine[], max = 90): string {
  const text = lines.map((l) => `${l.quantity} x ${l.title}`).join(', ');
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
