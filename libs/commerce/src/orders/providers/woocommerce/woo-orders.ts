import { OrderProvider, type StoreOrder } from '../../order.types.js';
import { fetchJson, trimBase } from '../http-json.js';
import { mapWooOrder } from './woo.mapper.js';
import type { WooConnection, WooOrder } from './woo.types.js';

/**
 * WooCommerce REST API v3 with a consumer key/secret over HTTP Basic auth (the documented method over
 * HTTPS). `search` matches order numbers, emails and billing phones as substrings: results are filtered exactly.
 */
export class WooOrders extends OrderProvider {
  constructor(private readonly conn: WooConnection) {
    super();
  }

  async findByNumber(ref: string): Promise<StoreOrder | null> {
    const number = ref.replace(/^#/, '');
    const orders = await this.search(number, 10);
    const hit = orders.find((o) => String(o.number).toUpperCase() === number.toUpperCase());
    return hit ? mapWooOrder(hit) : null;
  }

  async listForContact(who: { phones: string[]; emails: string[] }, limit: number): Promise<StoreOrder[]> {
    const found = new Map<string, StoreOrder>();
    for (const term of [...who.emails, ...who.phones].slice(0, 5)) {
      for (const raw of await this.search(term, limit)) {
        const order = mapWooOrder(raw);
        if ((order.email && who.emails.includes(order.email)) || (order.phone && who.phones.includes(order.phone))) found.set(order.providerId, order);
      }
    }
    return [...found.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }

  private search(term: string, perPage: number): Promise<WooOrder[]> {
    const params = new URLSearchParams({ search: term, per_page: String(Math.min(perPage, 100)), orderby: 'date', order: 'desc' });
    const auth = Buffer.from(`${this.conn.consumerKey}:${this.conn.consumerSecret}`).toString('base64');
    return fetchJson<WooOrder[]>(`${trimBase(this.conn.baseUrl)}/wp-json/wc/v3/orders?${params}`, { headers: { authorization: `Basic ${auth}`, accept: 'application/json' } });
  }
}
