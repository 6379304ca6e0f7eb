import { OrderProvider, type StoreOrder } from '../../order.types.js';
import { fetchJson, StoreUnavailableError, trimBase } from '../http-json.js';
import { mapShopifyOrder } from './shopify.mapper.js';
import type { ShopifyConnection, ShopifyOrdersResponse } from './shopify.types.js';

const ORDER_FIELDS = `
  id name email phone createdAt updatedAt cancelledAt displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } }
  customer { email phone }
  lineItems(first: 20) { nodes { title quantity } }
  fulfillments(first: 5) { displayStatus trackingInfo(first: 1) { company number url } }`;

const ORDERS_QUERY = `query Orders($query: String!, $first: Int!) {
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } }
}`;

/** Search syntax values are quoted; quotes and backslashes inside are escaped (https://shopify.dev/docs/api/usage/search-syntax). */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Shopify GraphQL Admin API. Orders are searched by name (`name:#1001`) or email; the search API has no
 * phone filter, so a contact's phone-only identity finds nothing here (PROVIDERS.md).
 */
export class ShopifyOrders extends OrderProvider {
  constructor(private readonly conn: ShopifyConnection) {
    super();
  }

  async findByNumber(ref: string): Promise<StoreOrder | null> {
    const number = ref.replace(/^#/, '');
    const orders = await this.search(`name:${quoted(`#${number}`)}`, 5);
    // The search matches prefixes and fuzzy tokens: only an exact name counts.
    return orders.find((o) => o.number.toUpperCase() === number.toUpperCase()) ?? null;
  }

  async listForContact(who: { phones: string[]; emails: string[] }, limit: number): Promise<StoreOrder[]> {
    if (who.emails.length === 0) return [];
    const query = who.emails.map((e) => `email:${quoted(e)}`).join(' OR ');
    return this.search(query, limit);
  }

  private async search(query: string, first: number): Promise<StoreOrder[]> {
    const url = `${trimBase(this.conn.baseUrl)}/admin/api/${encodeURIComponent(this.conn.apiVersion)}/graphql.json`;
    const body = await fetchJson<ShopifyOrdersResponse>(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': this.conn.accessToken },
      body: JSON.stringify({ query: ORDERS_QUERY, variables: { query, first } }),
    });
    // GraphQL reports throttling and access problems with 200 + errors.
    if (body.errors?.length || !body.data) throw new StoreUnavailableError(`Shopify: ${body.errors?.[0]?.message ?? 'no data'}`);
    return body.data.orders.nodes.map(mapShopifyOrder);
  }
}
