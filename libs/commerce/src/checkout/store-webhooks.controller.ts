import { IdParam } from '@concierge/observability';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { StoreWebhooks, type StoreWebhookResult } from './store-webhooks.js';

/** Order events from the brand's Shopify / WooCommerce store (URL shown in the store settings).
 * Three segments, so the channels' `webhooks/:provider/:inboxId` route never takes it. */
@ApiExcludeController()
@Controller('webhooks/store')
export class StoreWebhooksController {
  constructor(private readonly webhooks: StoreWebhooks) {}

  @Post(':accountId/orders')
  @HttpCode(200)
  handle(@IdParam('accountId', 'Store webhook') accountId: string, @Req() req: Request & { rawBody?: Buffer }): Promise<StoreWebhookResult> {
    return this.webhooks.handle(accountId, req.headers, req.rawBody);
  }
}
