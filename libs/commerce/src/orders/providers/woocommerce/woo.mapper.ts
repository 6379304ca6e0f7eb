import { toE164 } from '@concierge/common';
import type { FriendlyStatus, StoreOrder } from '../../order.types.js';
import type { WooOrder, WooTrackingItem } from './woo.types.js';

/** WooCommerce core statuses plus the custom ones fulfilment plugins commonly add. */
const STATUS: Record<string, FriendlyStatus> = {
  pending: 'pending',
  'on-hold': 'pending',
  failed: 'pending',
  'checkout-draft': 'pending',
  processing: 'paid',
  packed: 'packed',
  'ready-to-ship': 'packed',
  shipped: 'shipped',
  // Core Woo marks an order completed when it leaves the warehouse: "shipped" is what the customer needs.
  completed: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  trash: 'cancelled',
  refunded: 'refunded',
};

export function wooStatus(status: string): FriendlyStatus {
  return STATUS[status.replace(/^wc-/, '')] ?? 'pending';
}

function tracking(order: WooOrder): WooTrackingItem | null {
  const meta = order.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items');
  const items = Array.isArray(meta?.value) ? (meta!.value as WooTrackingItem[]) : [];
  return items.at(-1) ?? null;
}

/** WooCommerce dates without `_gmt` are the site's local time; the `_gmt` ones have no zone suffix but are UTC. */
function utc(value: string | null | undefined): string | null {
  if (!value) return null;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).toISOString();
}

export function mapWooOrder(o: WooOrder): StoreOrder {
  const t = tracking(o);
  const created = utc(o.date_created_gmt) ?? new Date(0).toISOString();
  return {
    number: String(o.number),
    providerId: String(o.id),
    status: wooStatus(o.status),
    email: o.billing?.email?.trim().toLowerCase() || null,
    phone: o.billing?.phone ? toE164(o.billing.phone) : null,
    items: (o.line_items ?? []).map((i) => ({ title: i.name, quantity: i.quantity })),
    total: o.total ? { amount: o.total, currency: o.currency } : null,
    trackingUrl: t?.custom_tracking_link || t?.tracking_link || null,
    trackingCarrier: t?.custom_tracking_provider || t?.tracking_provider || null,
    createdAt: created,
    updatedAt: utc(o.date_modified_gmt) ?? created,
  };
}
