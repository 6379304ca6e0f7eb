import type { Money } from '@concierge/contracts';

/** What a customer is told about an order, whatever the store calls it. */
export type FriendlyStatus = 'pending' | 'paid' | 'packed' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
export const FRIENDLY_STATUSES: readonly FriendlyStatus[] = ['pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded'];

export interface OrderItem {
  title: string;
  quantity: number;
  price?: Money;
}

/** An order as every provider reports it (built-in table, Shopify, WooCommerce). Never sent as is to a customer. */
export interface StoreOrder {
  /** The customer-facing number without `#` ("1001"). */
  number: string;
  /** The provider's id (uuid, Shopify gid, WooCommerce id). */
  providerId: string;
  status: FriendlyStatus;
  /** Used for ownership proof only; agents see them, customers never do. */
  email: string | null;
  /** E.164 when the store had a valid number. */
  phone: string | null;
  items: OrderItem[];
  total: Money | null;
  trackingUrl: string | null;
  trackingCarrier: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A store back-end. Adapters are stateless: the connection (base URL, secrets) arrives with each call. */
export abstract class OrderProvider {
  abstract findByNumber(ref: string): Promise<StoreOrder | null>;
  /** The orders matching any of these identities, newest first. */
  abstract listForContact(who: { phones: string[]; emails: string[] }, limit: number): Promise<StoreOrder[]>;
}

/** Normalises what customers type ("#1001", "1001 ", "No.1001") to the bare number. */
export function normaliseOrderRef(ref: string): string {
  return ref.normalize('NFKC').trim().replace(/^(?:#|no\.?\s*)/i, '').toUpperCase().slice(0, 40);
}
