import type { ProductCardContent } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommerceSettings, type CommerceSettingsView } from './commerce-settings.js';
import { ProductCardBuilder } from './product-card-builder.js';
import { ProductSearch, type SearchPage } from './product-search.js';
import type { ProductView } from './product-views.js';
import { ProductsService, type ImportResult } from './products.service.js';

const PRODUCT_EXAMPLE = {
  sku: 'KELLY-28-GOLD',
  title: 'Kelly 28 bag, gold',
  description: 'Togo calfskin, gold hardware',
  price: { amount: '9800.00', currency: 'EUR' },
  stock: 2,
  imageUrl: 'https://images.maison-demo.example/kelly-28-gold.jpg',
  url: 'https://shop.maison-demo.example/kelly-28-gold',
  variants: [{ sku: 'KELLY-28-GOLD-PHW', title: 'Palladium hardware', attributes: { hardware: 'palladium' } }],
};

/** The brand's catalog: members search and build cards, admins write and import. */
@ApiTags('catalog')
@Controller('api/v1/accounts/:accountId')
@AccountRoute()
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly finder: ProductSearch,
    private readonly cards: ProductCardBuilder,
    private readonly settings: CommerceSettings,
  ) {}

  @Get('products')
  @ApiQuery({ name: 'q', required: false, description: 'Words (English stemming, last word as a prefix), a SKU, or Chinese/Japanese/Korean text' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async search(@CurrentAccount() ctx: AccountContext, @Query('q') q?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<SearchPage> {
    return this.finder.search(ctx.accountId, { q: typeof q === 'string' ? q : '', cursor: typeof cursor === 'string' ? cursor : undefined, limit: limit ? Number(limit) || 20 : 20 });
  }

  @Post('products')
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: PRODUCT_EXAMPLE } })
  @ApiCreatedResponse()
  create(@CurrentAccount() ctx: AccountContext, @Body() body: unknown): Promise<ProductView> {
    return this.products.create(ctx.accountId, body);
  }

  @Post('products/import')
  @AdminOnly()
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ description: 'A JSON array of products, or CSV (sku,title,description,price,currency,stock,image_url,url,retailer_id,attributes). All rows or none.' })
  import(@CurrentAccount() ctx: AccountContext, @Body() body: unknown, @Headers('content-type') type?: string): Promise<ImportResult> {
    return this.products.import(ctx.accountId, body, /^text\/(csv|plain)/i.test(type ?? '') ? 'csv' : 'json');
  }

  @Get('products/:productId')
  get(@CurrentAccount() ctx: AccountContext, @IdParam('productId') id: string): Promise<ProductView> {
    return this.products.get(ctx.accountId, id);
  }

  @Patch('products/:productId')
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: { stock: 1 } }, description: 'Fields left out stay unchanged' })
  update(@CurrentAccount() ctx: AccountContext, @IdParam('productId') id: string, @Body() body: unknown): Promise<ProductView> {
    return this.products.update(ctx.accountId, id, body);
  }

  @Delete('products/:productId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentAccount() ctx: AccountContext, @IdParam('productId') id: string): Promise<void> {
    await this.products.remove(ctx.accountId, id);
  }

  @Post('products/:productId/card')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A product_card content to send as is (its link is a counted short link)' })
  card(@CurrentAccount() ctx: AccountContext, @IdParam('productId') id: string): Promise<ProductCardContent> {
    return this.cards.card(ctx.accountId, id);
  }

  @Get('commerce-settings')
  getSettings(@CurrentAccount() ctx: AccountContext): Promise<CommerceSettingsView> {
    return this.settings.get(ctx.accountId);
  }

  @Put('commerce-settings')
  @AdminOnly()
  @ApiBody({
    description: 'Every field is optional; omitted ones keep their value. orderUpdateStatuses: which store statuses are posted to the customer; orderUpdateTemplate: the WhatsApp template used outside the 24-hour window ({{1}} order number, {{2}} status).',
    schema: { type: 'object', example: { allowedLinkHosts: ['shop.maison-demo.example', '*.maison-demo.example'], orderUpdateStatuses: ['paid', 'shipped', 'delivered'], orderUpdateTemplate: { name: 'order_update', language: 'en_US' } } },
  })
  putSettings(@CurrentAccount() ctx: AccountContext, @Body() body: unknown): Promise<CommerceSettingsView> {
    return this.settings.put(ctx.accountId, body);
  }
}
