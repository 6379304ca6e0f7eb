import type { ProductEntity } from './catalog.entities.js';
import { money } from './money.js';
import type { AttributeValue, ProductInput, ProductVariant } from './product-input.js';

/** What the API returns: the product as it was given, plus its identity and timestamps. */
export interface ProductView extends ProductInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProductRow {
  id: string;
  sku: string;
  title: string;
  description: string;
  price_amount: string;
  currency: string;
  stock: number | null;
  image_url: string | null;
  url: string | null;
  retailer_id: string | null;
  attributes: Record<string, AttributeValue>;
  variants: ProductVariant[];
  created_at: Date;
  updated_at: Date;
}

/** The columns a raw search query selects (no tsvector: it never leaves the database). */
export const COLUMNS = (alias = '') =>
  ['id', 'sku', 'title', 'description', 'price_amount', 'currency', 'stock', 'image_url', 'url', 'retailer_id', 'attributes', 'variants', 'created_at', 'updated_at']
    .map((c) => (alias ? `${alias}.${c}` : c))
    .join(', ');
export const PRODUCT_COLUMNS = COLUMNS();

export function toProductView(p: ProductEntity): ProductView {
  return {
    id: p.id,
    sku: p.sku,
    title: p.title,
    description: p.description,
    price: money(p.priceAmount, p.currency),
    stock: p.stock,
    imageUrl: p.imageUrl,
    url: p.url,
    retailerId: p.retailerId,
    attributes: p.attributes,
    variants: p.variants,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function rowToView(r: ProductRow): ProductView {
  return {
    id: r.id,
    sku: r.sku,
    title: r.title,
    description: r.description,
    price: money(r.price_amount, r.currency),
    stock: r.stock,
    imageUrl: r.image_url,
    url: r.url,
    retailerId: r.retailer_id,
    attributes: r.attributes,
    variants: r.variants,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
