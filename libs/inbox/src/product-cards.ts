import type { MessageContent, ProductCardContent } from '@concierge/contracts';
import { AppError } from '@concierge/common';
import { Injectable } from '@nestjs/common';

export type ProductSnapshot = Omit<ProductCardContent, 'type'>;
/** The catalog's card for a product id of the account; null when there is no such product. */
type CardResolver = (accountId: string, productId: string) => Promise<ProductSnapshot | null>;

/**
 * Product cards are the commerce lib's business; the inbox only asks it to fill a card an agent sent
 * with just a `productId`. The resolver is registered at boot; without one, cards are sent as given.
 */
@Injectable()
export class ProductCards {
  private resolver: CardResolver | null = null;

  register(resolver: CardResolver): void {
    this.resolver = resolver;
  }

  /** Fills product_card / product_list entries that carry no snapshot at all; other content is returned unchanged. */
  async complete(accountId: string, content: MessageContent): Promise<MessageContent> {
    if (content.type === 'product_card') {
      if (!bare(content)) return content;
      return { type: 'product_card', ...(await this.fill(accountId, content)) };
    }
    if (content.type === 'product_list' && content.products.some(bare)) {
      const products: ProductSnapshot[] = [];
      for (const p of content.products) products.push(bare(p) ? await this.fill(accountId, p) : p);
      return { ...content, products };
    }
    return content;
  }

  private async fill(accountId: string, product: ProductSnapshot): Promise<ProductSnapshot> {
    if (!this.resolver) return product;
    const card = await this.resolver(accountId, product.productId);
    if (!card) throw AppError.notFound('Product');
    return card;
  }
}

function bare(p: ProductSnapshot): boolean {
  return p.title === undefined && p.url === undefined && p.imageUrl === undefined && p.price === undefined && p.description === undefined;
}
