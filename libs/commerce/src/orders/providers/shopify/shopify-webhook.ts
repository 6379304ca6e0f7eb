import { toE164 } from '@concierge/common';
import type { FriendlyStatus, StoreOrder } from '../../order.types.js';

/**
 * The slice of the REST order resource Shopify posts to `orders/*` webhooks
 * (https://shopify.dev/docs/api/admin-rest/latest/resources/order). Webhooks still use the REST shape.
 */
export interface ShopifyWebhookOrder {
  id: number;
  admin_graphql_api_id?: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  customer?: { email?: string | null; phone?: string | null } | null;
  financial_status?: string | null;
  fulfillment_status?: string | null;
  cancelled_at?: string | null;
  currency?: string;
  total_price?: string;
  created_at: string;
  updated_at: string;
  note_attributes?: { name: string; value: string }[];
  line_items?: { title: string; quantity: number }[];
  fulfillments?: { status?: string; shipment_status?: string | null; tracking_company?: string | null; tracking_url?: string | null; tracking_urls?: string[] }[];
}

/** The same precedence as the GraphQL mapper: cancellation and refunds win, then delivery, shipping, payment. */
function status(o: ShopifyWebhookOrder): FriendlyStatus {
  const financial = o.financial_status ?? '';
  if (financial === 'refunded') return 'refunded';
  if (o.cancelled_at || financial === 'voided') return 'cancelled';
  const shipments = (o.fulfillments ?? []).filter((f) => f.status !== 'cancelled');
  if (shipments.length > 0 && shipments.every((f) => f.shipment_status === 'delivered')) return 'delivered';
  if (o.fulfillment_status === 'fulfilled' || o.fulfillment_status === 'partial' || shipments.length > 0) return 'shipped';
  return ['paid', 'partially_paid', 'partially_refunded', 'authorized'].includes(financial) ? 'paid' : 'pending';
}

export function isShopifyWebhookOrder(body: unknown): body is ShopifyWebhookOrder {
  const o = body as Partial<ShopifyWebhookOrder> | null;
  return Boolean(o && typeof o === 'object' && typeof o.id === 'number' && typeof o.name === 'string' && typeof o.updated_at === 'string');
}

export function mapShopifyWebhookOrder(o: ShopifyWebhookOrder): { order: StoreOrder; conversationId: string | null } {
  const shipment = (o.fulfillments ?? []).find((f) => f.tracking_url || f.tracking_urls?.length);
  const phone = o.phone ?? o.customer?.phone ?? null;
  const order: StoreOrder = {
    number: o.name.replace(/^#/, ''),
    providerId: o.admin_graphql_api_id ?? `gid://shopify/Order/${o.id}`,
    status: status(o),
    email: (o.email ?? o.customer?.email ?? '').trim().toLowerCase() || null,
    phone: phone ? toE164(phone) : null,
    items: (o.line_items ?? []).map((i) => ({ title: i.title, quantity: i.quantity })),
    total: o.total_price && o.currency ? { amount: o.total_price, currency: o.currency } : null,
    trackingUrl: shipment?.tracking_url ?? shipment?.tracking_urls?.[0] ?? null,
    trackingCarrier: shipment?.tracking_company ?? null,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
  // Set by our cart permalink (`attributes[concierge_conversation]`), copied by Shopify onto the order.
  const conversationId = o.note_attributes?.find((a) => a.name === 'concierge_conversation')?.value ?? null;
  return { order, conversationId };
}
