import type { CartLine } from './cart-lines.js';

/**
 * Store-side ids of a catalog line. Shopify needs the numeric variant id and WooCommerce the product id:
 * from the line's `shopify_variant_id` / `woocommerce_product_id` attribute, or from a retailer id that
 * is one (Meta's Shopify channel writes `shopify_<country>_<productId>_<variantId>`).
 */
export function shopifyVariantId(line: CartLine): string | null {
  const attr = line.variant?.attributes.shopify_variant_id ?? line.product.attributes.shopify_variant_id;
  if (attr !== undefined && /^\d{1,20}$/.test(String(attr))) return String(attr);
  const retailerId = line.variant?.retailerId ?? line.product.retailerId ?? '';
  return /^\d{1,20}$/.test(retailerId) ? retailerId : (retailerId.match(/^shopify_[A-Za-z]{2}_\d+_(\d+)$/)?.[1] ?? null);
}

export function wooProductId(line: CartLine): string | null {
  const attr = line.variant?.attributes.woocommerce_product_id ?? line.product.attributes.woocommerce_product_id;
  if (attr !== undefined && /^\d{1,20}$/.test(String(attr))) return String(attr);
  const retailerId = line.variant?.retailerId ?? line.product.retailerId ?? '';
  return /^\d{1,20}$/.test(retailerId) ? retailerId : null;
}

/**
 * A Shopify cart permalink (`/cart/<variant>:<qty>,…`). The conversation travels as a cart attribute, which
 * Shopify copies to the order's `note_attributes`: order webhooks then find the conversation directly.
 * https://shopify.dev/docs/apps/build/checkout/create-cart-permalinks
 */
export function shopifyCartPermalink(storeUrl: string, lines: { variantId: string; quantity: number }[], conversationId: string): string {
  const url = new URL(`/cart/${lines.map((l) => `${l.variantId}:${l.quantity}`).join(',')}`, new URL(storeUrl).origin);
  url.searchParams.set('attributes[concierge_conversation]', conversationId);
  url.searchParams.set('ref', 'concierge');
  return url.toString();
}

/** WooCommerce's add-to-cart link takes one product per request: multi-product carts are refused up front. */
export function wooAddToCartLink(storeUrl: string, productId: string, quantity: number): string {
  const url = new URL(`${storeUrl.replace(/\/+$/, '')}/`);
  url.searchParams.set('add-to-cart', productId);
  url.searchParams.set('quantity', String(quantity));
  return url.toString();
}
