import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module.js';
import { CheckoutModule } from './checkout/checkout.module.js';
import { OrdersModule } from './orders/orders.module.js';

/** Commerce in the conversation: the catalog and product cards, orders and their verified lookup, checkout links. */
@Module({
  imports: [CatalogModule, OrdersModule, CheckoutModule],
  exports: [CatalogModule, OrdersModule],
})
export class CommerceModule {}
