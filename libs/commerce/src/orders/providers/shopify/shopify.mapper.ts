import { toE164 } from '@concierge/common';
import type { FriendlyStatus, StoreOrder } from '../../order.types.js';
import type { ShopifyOrderNode } from './shopify.types.js';

const PAID = new Set(['PAID', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'AUTHORIZED']);

/** Financial + fulfillment display statuses → what the customer is told. Cancellation and refunds win. */
export function shopifyStatus(o: Pick<ShopifyOrderNode, 'cancelledAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'fulfillments'>): FriendlyStatus {
  const financial = o.displayFinancialStatus ?? '';
  const fulfillment = o.displayFulfillmentStatus ?? '';
  if (financial === 'REFUNDED') return 'refunded';
  if (o.cancelledAt || financial === 'VOIDED' || financial === 'EXPIRED') return 'cancelled';
  const shipments = o.fulfillments ?? [];
  if (shipments.length > 0 && shipments.every((f) => f.displayStatus === 'DELIVERED')) return 'delivered';
  if (fulfillment === 'FULFILLED' || fulfillment === 'PARTIALLY_FULFILLED' || shipments.length > 0) return 'shipped';
  if (fulfillment === 'IN_PROGRESS' || fulfillment === 'PENDING_FULFILLMENT') return 'packed';
  return PAID.has(financial) ? 'paid' : 'pending';
}

export function mapShopifyOrder(o: ShopifyOrderNode): StoreOrder {
  const tracking = (o.fulfillments ?? []).flatMap((f) => f.trackingInfo ?? []).find((t) => t.url || t.number) ?? null;
  const email = (o.email ?? o.customer?.email ?? '').trim().toLowerCase() || null;
  const phone = o.phone ?? o.customer?.phone ?? null;
  const money = o.totalPriceSet?.shopMoney;
  return {
    number: o.name.replace(/^#/, ''),
    providerId: o.id,
    status: shopifyStatus(o),
    email,
    phone: phone ? toE164(phone) : null,
    items: (o.lineItems?.nodes ?? []).map((i) => ({ title: i.title, quantity: i.quantity })),
    total: money ? { amount: money.amount, currency: money.currencyCode } : null,
    trackingUrl: tracking?.url ?? null,
    trackingCarrier: tracking?.company ?? null,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
