import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { ContactsService } from '@concierge/contacts';
import type { LinkButtonContent, MessageView, Money } from '@concierge/contracts';
import { ConversationsService, MessagesService } from '@concierge/inbox';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ProductEntity } from '../catalog/catalog.entities.js';
import { CommerceSettings } from '../catalog/commerce-settings.js';
import { linkAllowed } from '../catalog/link-policy.js';
import { ShortLinks } from '../catalog/short-links.js';
import { BuiltInStore } from '../orders/builtin-store.js';
import { provenIdentities } from '../orders/ownership.js';
import { StoreConnections } from '../orders/store-connections.js';
import { linesSummary, parseItems, priceLines, totalOf, type CartLine } from './cart-lines.js';
import { shopifyCartPermalink, shopifyVariantId, wooAddToCartLink, wooProductId } from './store-links.js';

export interface CheckoutView {
  provider: 'builtin' | 'shopify' | 'woocommerce';
  /** The link the customer got (the hub's counted short link for external stores). */
  url: string;
  /** The built-in store's pending order; null for external stores (they create the order at checkout). */
  orderNumber: string | null;
  items: { productId: string; title: string; quantity: number; unitPrice: Money }[];
  total: Money;
  message: MessageView;
}

/**
 * An assistant sends a checkout link for chosen products: the built-in store opens a pending order with a
 * pay link; Shopify gets a cart permalink; WooCommerce an add-to-cart link (one product). The link goes to
 * the customer as a `link_button` message, rendered per channel like any other.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly messages: MessagesService,
    private readonly connections: StoreConnections,
    private readonly store: BuiltInStore,
    private readonly settings: CommerceSettings,
    private readonly links: ShortLinks,
  ) {}

  async create(ctx: AccountContext, conversationId: string, body: unknown): Promise<CheckoutView> {
    const items = parseItems(body);
    const text = (body as { text?: unknown }).text;
    if (text !== undefined && (typeof text !== 'string' || text.length > 300)) throw AppError.validation('Invalid checkout', [{ field: 'text', messages: ['text must be a string of at most 300 characters'] }]);
    const conversation = await this.conversations.get(ctx, conversationId);
    const products = await this.db.getRepository(ProductEntity).findBy({ accountId: ctx.accountId, id: In([...new Set(items.map((i) => i.productId))]) });
    const lines = priceLines(items, new Map(products.map((p) => [p.id, p])));
    const total = totalOf(lines);
    const connection = await this.connections.view(ctx.accountId);
    const provider = connection.provider ?? 'builtin';

    let url: string;
    let orderNumber: string | null = null;
    if (provider === 'builtin') {
      const contact = await this.contacts.get(ctx.accountId, conversation.contact.id);
      const proven = provenIdentities(contact.channels);
      const { order, payToken } = await this.store.createPending({
        accountId: ctx.accountId, conversationId,
        customer: { name: contact.name, email: proven.emails[0] ?? null, phone: proven.phones[0] ?? null },
        items: lines.map((l) => ({ title: l.title, quantity: l.quantity, price: l.unitPrice })), total,
      });
      orderNumber = order.number;
      url = `${this.config.publicUrl}/pay/${payToken}`;
    } else {
      const target = provider === 'shopify' ? shopifyLink(connection.baseUrl!, lines, conversationId) : wooLink(connection.baseUrl!, lines);
      // Checkout links obey the same allow-list as product links: an agent cannot send customers elsewhere.
      if (!linkAllowed(target, await this.settings.hosts(ctx.accountId))) {
        throw AppError.validation('Checkout link not allowed', [{ field: 'items', messages: [`${new URL(target).hostname} is not in the brand's allowed link hosts (commerce settings)`] }]);
      }
      url = await this.links.create(ctx.accountId, target);
    }

    const content: LinkButtonContent = {
      type: 'link_button',
      text: typeof text === 'string' && text.trim() ? text.trim() : `Your basket: ${linesSummary(lines)} - ${total.currency} ${total.amount}`,
      buttonText: provider === 'builtin' ? 'Pay now' : 'Checkout',
      url,
      ...(lines[0]!.product.imageUrl && { imageUrl: lines[0]!.product.imageUrl }),
      ...(orderNumber && { footer: `Order #${orderNumber}` }),
    };
    const message = await this.messages.send(ctx, conversationId, { content }).then(
      (sent) => sent.message,
      async (error: unknown) => {
        // The channel refused the link (window closed, opted out): no pending order may linger without it.
        if (orderNumber) await this.store.discardPending(ctx.accountId, orderNumber);
        throw error;
      },
    );
    return {
      provider, url, orderNumber, total, message,
      items: lines.map((l) => ({ productId: l.productId, title: l.title, quantity: l.quantity, unitPrice: l.unitPrice })),
    };
  }
}

function shopifyLink(storeUrl: string, lines: CartLine[], conversationId: string): string {
  const missing = lines.filter((l) => !shopifyVariantId(l)).map((l) => l.title);
  if (missing.length) throw AppError.validation('Products without a Shopify variant id', [{ field: 'items', messages: [`no Shopify variant id (attribute shopify_variant_id or retailerId) for: ${missing.join(', ')}`] }]);
  return shopifyCartPermalink(storeUrl, lines.map((l) => ({ variantId: shopifyVariantId(l)!, quantity: l.quantity })), conversationId);
}

function wooLink(storeUrl: string, lines: CartLine[]): string {
  if (lines.length !== 1) throw AppError.validation('WooCommerce links take one product', [{ field: 'items', messages: ["WooCommerce's add-to-cart link holds one product: send one link per product"] }]);
  const id = wooProductId(lines[0]!);
  if (!id) throw AppError.validation('Product without a WooCommerce id', [{ field: 'items', messages: [`no WooCommerce product id (attribute woocommerce_product_id or a numeric retailerId) for ${lines[0]!.title}`] }]);
  return wooAddToCartLink(storeUrl, id, lines[0]!.quantity);
}
