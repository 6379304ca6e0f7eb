import type { ProductCardContent } from '@concierge/contracts';
import { AppError, isUuid } from '@concierge/common';
import { ProductCards } from '@concierge/inbox';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ProductEntity } from './catalog.entities.js';
import { money } from './money.js';
import { ProductsService } from './products.service.js';
import { ShortLinks } from './short-links.js';

/** An SMS segment holds 153 GSM-7 characters: title, price, a short description and the short link fit. */
const CARD_DESCRIPTION = 100;

/**
 * Ready-to-send `product_card` contents: the product's snapshot with its link through the hub's short
 * links (counted). Registered with the inbox at boot so an agent can send a card by `productId` alone.
 */
@Injectable()
export class ProductCardBuilder implements OnModuleInit {
  constructor(
    private readonly products: ProductsService,
    private readonly links: ShortLinks,
    private readonly cards: ProductCards,
  ) {}

  onModuleInit(): void {
    this.cards.register(async (accountId, productId) => {
      if (!isUuid(productId)) return null;
      const product = await this.products.find(accountId, productId);
      return product ? this.snapshot(product) : null;
    });
  }

  async card(accountId: string, productId: string): Promise<ProductCardContent> {
    const product = await this.products.find(accountId, productId);
    if (!product) throw AppError.notFound('Product');
    return { type: 'product_card', ...(await this.snapshot(product)) };
  }

  /** The card's fields for a product known to exist (the bot's search results). */
  async snapshotOf(accountId: string, productId: string): Promise<Omit<ProductCardContent, 'type'>> {
    const product = await this.products.find(accountId, productId);
    if (!product) throw AppError.notFound('Product');
    return this.snapshot(product);
  }

  async snapshot(p: ProductEntity): Promise<Omit<ProductCardContent, 'type'>> {
    const description = p.description.length > CARD_DESCRIPTION ? `${p.description.slice(0, CARD_DESCRIPTION - 1).trimEnd()}…` : p.description;
    return {
      productId: p.id,
      title: p.title,
      ...(description && { description }),
      price: money(p.priceAmount, p.currency),
      ...(p.imageUrl && { imageUrl: p.imageUrl }),
      ...(p.url && { url: await this.links.forProduct(p.accountId, p.id, p.url) }),
      ...(p.retailerId && { retailerId: p.retailerId }),
    };
  }
}
