/**
 * The slice of the GraphQL Admin API `Order` object we query
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order).
 */
export interface ShopifyMoneyBag {
  shopMoney: { amount: string; currencyCode: string };
}

export interface ShopifyOrderNode {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  /** OrderDisplayFinancialStatus: PENDING, AUTHORIZED, PARTIALLY_PAID, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED, EXPIRED. */
  displayFinancialStatus: string | null;
  /** OrderDisplayFulfillmentStatus: UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED, IN_PROGRESS, ON_HOLD, OPEN, PENDING_FULFILLMENT, RESTOCKED, SCHEDULED, REQUEST_DECLINED. */
  displayFulfillmentStatus: string | null;
  totalPriceSet: ShopifyMoneyBag | null;
  customer: { email: string | null; phone: string | null } | null;
  lineItems: { nodes: { title: string; quantity: number }[] };
  /** FulfillmentDisplayStatus: DELIVERED, IN_TRANSIT, OUT_FOR_DELIVERY, FULFILLED, ATTEMPTED_DELIVERY, … */
  fulfillments: { displayStatus: string | null; trackingInfo: { company: string | null; number: string | null; url: string | null }[] }[];
}

export interface ShopifyOrdersResponse {
  data?: { orders: { nodes: ShopifyOrderNode[] } } | null;
  errors?: { message: string }[];
}

export interface ShopifyConnection {
  /** https://{shop}.myshopify.com (configurable so tests point at a local fake). */
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
}
