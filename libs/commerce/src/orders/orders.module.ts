import { Module } from '@nestjs/common';

/** Orders, providers (built-in, Shopify, WooCommerce), ownership proof (filled in by the orders work). */
@Module({})
export class OrdersModule {}
