import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { text } from 'express';
import { CATALOG_ENTITIES } from './catalog.entities.js';
import { CommerceSettings } from './commerce-settings.js';
import { ProductCardBuilder } from './product-card-builder.js';
import { ProductSearch } from './product-search.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';
import { ShortLinksController } from './short-links.controller.js';
import { ShortLinks } from './short-links.js';

/** Products, search, product cards and the hub's short links. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES), TenancyModule, InboxModule],
  controllers: [ProductsController, ShortLinksController],
  providers: [ProductsService, ProductSearch, CommerceSettings, ShortLinks, ProductCardBuilder],
  exports: [ProductSearch, ProductCardBuilder, ProductsService, CommerceSettings, ShortLinks],
})
export class CatalogModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The hub parses JSON and forms only; CSV imports arrive as text (10 MB ≈ 20k rows).
    consumer.apply(text({ type: ['text/csv', 'text/plain'], limit: '10mb' })).forRoutes({ path: 'api/v1/accounts/:accountId/products/import', method: RequestMethod.POST });
  }
}
