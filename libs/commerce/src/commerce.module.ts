import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module.js';
import { OrdersModule } from './orders/orders.module.js';

/** Commerce in the conversation: the catalog and product cards, orders and their verified lookup. */
@Module({
  imports: [CatalogModule, OrdersModule],
  exports: [CatalogModule, OrdersModule],
})
export class CommerceModule {}
