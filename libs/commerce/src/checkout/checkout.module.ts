import { ContactsModule } from '@concierge/contacts';
import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CheckoutController } from './checkout.controller.js';
import { CheckoutService } from './checkout.service.js';
import { OrderUpdates } from './order-updates.js';
import { PayController } from './pay.controller.js';
import { StoreWebhooksController } from './store-webhooks.controller.js';
import { StoreWebhooks } from './store-webhooks.js';

/** Checkout links (built-in pay link, Shopify cart permalink, WooCommerce add-to-cart) and order updates posted to the chat. */
@Module({
  imports: [TenancyModule, ContactsModule, InboxModule, CatalogModule, OrdersModule],
  controllers: [CheckoutController, PayController, StoreWebhooksController],
  providers: [CheckoutService, OrderUpdates, StoreWebhooks],
  exports: [OrderUpdates],
})
export class CheckoutModule {}
