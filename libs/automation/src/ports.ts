import type { OrderSummaryContent, ProductCardContent } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';

/**
 * Commerce ports (ARCHITECTURE §1: commerce owns catalog and orders). Automation asks through these
 * abstract classes; until the commerce lib provides them (overriding the providers in the composition
 * root), the defaults answer "not available" and the bot hands the question to an assistant.
 */
export type OrderLookupResult =
  | { kind: 'found'; orderId: string; status: string; summary: string; content: OrderSummaryContent }
  | { kind: 'not_found' }
  /** The order exists but does not belong to this contact: never reveal anything about it. */
  | { kind: 'not_owner' }
  | { kind: 'unavailable' };

/** A customer typed what looks like the one-time code sent to an order's phone. */
export type OrderCodeResult =
  | { kind: 'verified'; order: Extract<OrderLookupResult, { kind: 'found' }> }
  /** No recent code was sent for this contact: the digits are something else (an order number, a price…). */
  | { kind: 'no_challenge' }
  | { kind: 'wrong' | 'expired' | 'exhausted' | 'unavailable' };

export abstract class OrderLookupPort {
  /** Must check that the order belongs to `contactId` (or one of the contact's verified identities). */
  abstract lookup(input: { accountId: string; contactId: string | null; orderRef: string; locale: string }): Promise<OrderLookupResult>;
  /** Checks a code against the contact's latest challenge; a right one unlocks that order for the contact. */
  abstract verifyCode(input: { accountId: string; contactId: string; code: string; locale: string }): Promise<OrderCodeResult>;
}

export type ProductSearchResult = { kind: 'found'; products: Omit<ProductCardContent, 'type'>[] } | { kind: 'none' } | { kind: 'unavailable' };

export abstract class ProductSearchPort {
  abstract search(input: { accountId: string; inboxId: string; query: string; locale: string; limit: number }): Promise<ProductSearchResult>;
}

@Injectable()
export class NoOrderLookup extends OrderLookupPort {
  async lookup(): Promise<OrderLookupResult> {
    return { kind: 'unavailable' };
  }

  async verifyCode(): Promise<OrderCodeResult> {
    return { kind: 'no_challenge' };
  }
}

@Injectable()
export class NoProductSearch extends ProductSearchPort {
  async search(): Promise<ProductSearchResult> {
    return { kind: 'unavailable' };
  }
}

/**
 * Optional language-model provider. Nothing depends on it: the rule engine answers on its own. A
 * deployment may provide one to classify messages the rules did not recognise.
 */
export abstract class LanguageModelPort {
  abstract classify(input: { text: string; intents: string[]; locale: string }): Promise<{ intent: string; confidence: number } | null>;
}

@Injectable()
export class NoLanguageModel extends LanguageModelPort {
  async classify(): Promise<null> {
    return null;
  }
}
