import { OrderLookupPort, ProductSearchPort, type AutomationOptions, type OrderCodeResult, type OrderLookupResult, type ProductSearchResult } from '@concierge/automation';
import { CommerceModule, OrdersService, ProductCardBuilder, ProductSearch } from '@concierge/commerce';
import { Injectable } from '@nestjs/common';

/**
 * Automation's order questions answered by the commerce lib. `not_owner` stays distinct here, but automation
 * words it exactly like `not_found`, so a customer never learns whether someone else's order exists.
 */
@Injectable()
export class CommerceOrderLookup extends OrderLookupPort {
  constructor(private readonly orders: OrdersService) {
    super();
  }

  async lookup(input: { accountId: string; contactId: string | null; orderRef: string; locale: string }): Promise<OrderLookupResult> {
    const result = await this.orders.lookupForCustomer(input);
    if (result.kind !== 'found') return { kind: result.kind };
    return { kind: 'found', orderId: `#${result.order.number}`, status: result.order.status, summary: result.summary, content: result.content };
  }

  async verifyCode(input: { accountId: string; contactId: string; code: string; locale: string }): Promise<OrderCodeResult> {
    const verdict = await this.orders.verifyCode(input);
    if (!verdict.ok) return { kind: verdict.reason === 'no_challenge' ? 'no_challenge' : verdict.reason === 'wrong' || verdict.reason === 'expired' ? verdict.reason : 'exhausted' };
    // The challenge is now verified: the ordinary lookup proves ownership through it.
    const order = await this.lookup({ accountId: input.accountId, contactId: input.contactId, orderRef: verdict.orderNumber, locale: input.locale });
    return order.kind === 'found' ? { kind: 'verified', order } : { kind: 'unavailable' };
  }
}

/** Automation's product questions ("do you have the Kelly bag?") answered with catalog cards (counted short links). */
@Injectable()
export class CatalogProductSearch extends ProductSearchPort {
  constructor(
    private readonly catalog: ProductSearch,
    private readonly cards: ProductCardBuilder,
  ) {
    super();
  }

  async search(input: { accountId: string; inboxId: string; query: string; locale: string; limit: number }): Promise<ProductSearchResult> {
    const found = await this.catalog.bestMatches(input.accountId, input.query, input.limit);
    if (!found.length) return { kind: 'none' };
    return { kind: 'found', products: await Promise.all(found.map((p) => this.cards.snapshotOf(input.accountId, p.id))) };
  }
}

/**
 * The composition root connects automation's commerce ports to the commerce lib (feature libs never
 * import each other). Ports without a bridge class here answer "not available".
 */
export const commercePorts: AutomationOptions = {
  imports: [CommerceModule],
  orderLookup: CommerceOrderLookup,
  productSearch: CatalogProductSearch,
};
