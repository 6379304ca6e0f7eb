import { ContactsModule } from '@concierge/contacts';
import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BuiltInStore } from './builtin-store.js';
import { CodeDelivery } from './code-delivery.js';
import { CustomerConversations } from './customer-conversations.js';
import { ORDER_ENTITIES } from './entities.js';
import { ContactOrdersController } from './http/contact-orders.controller.js';
import { StoreController } from './http/store.controller.js';
import { OrderPersonalData } from './order-personal-data.js';
import { OrdersService } from './orders.service.js';
import { StoreConnections } from './store-connections.js';

/** Orders, providers (built-in, Shopify, WooCommerce), ownership proof with one-time codes, rate-limited lookups. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDER_ENTITIES), TenancyModule, ContactsModule, InboxModule],
  controllers: [StoreController, ContactOrdersController],
  providers: [StoreConnections, OrdersService, CodeDelivery, BuiltInStore, OrderPersonalData, CustomerConversations],
  exports: [OrdersService, BuiltInStore, StoreConnections, CustomerConversations],
})
export class OrdersModule {}
