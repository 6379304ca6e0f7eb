import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BuiltInStore } from '../orders/builtin-store.js';
import type { StoreOrder } from '../orders/order.types.js';
import { CheckoutService, type CheckoutView } from './checkout.service.js';
import { OrderUpdates, type OrderUpdateOutcome } from './order-updates.js';

@ApiTags('commerce')
@Controller('api/v1/accounts/:accountId')
@AccountRoute()
export class CheckoutController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly store: BuiltInStore,
    private readonly updates: OrderUpdates,
  ) {}

  @Post('conversations/:conversationId/checkout')
  @HttpCode(201)
  @ApiBody({
    description: 'Products (and variants) with quantities; `text` replaces the default message. Built-in store: a pending order and a pay link; Shopify: a cart permalink; WooCommerce: an add-to-cart link (one product).',
    schema: { type: 'object', example: { items: [{ productId: '3f1c…', quantity: 1 }, { productId: '9a2e…', variantSku: 'TOTE-BLK', quantity: 2 }], text: 'Here is your basket, Amélie' } },
  })
  @ApiCreatedResponse({ description: 'The link sent to the customer as a link_button message', schema: { example: { provider: 'builtin', url: 'https://hub.example/pay/…', orderNumber: '1006', total: { amount: '258.00', currency: 'EUR' }, items: [], message: {} } } })
  create(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') conversationId: string, @Body() body: unknown): Promise<CheckoutView> {
    return this.checkout.create(ctx, conversationId, body);
  }

  /** The built-in store's back office: moving an order along posts the update to the customer. */
  @Patch('store/orders/:number')
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: { status: 'shipped', trackingUrl: 'https://track.example/6A123', trackingCarrier: 'Colissimo' } } })
  @ApiOkResponse({ description: 'The order and what happened to its update (sent, template, refused, no_conversation, not_notified, duplicate)' })
  async changeStatus(@CurrentAccount() ctx: AccountContext, @Param('number') number: string, @Body() body: Record<string, unknown>): Promise<{ order: StoreOrder; update: OrderUpdateOutcome }> {
    const { order, conversationId } = await this.store.changeStatus(ctx.accountId, String(number).slice(0, 40), {
      status: body.status as StoreOrder['status'],
      ...(typeof body.trackingUrl === 'string' && { trackingUrl: body.trackingUrl }),
      ...(typeof body.trackingCarrier === 'string' && { trackingCarrier: body.trackingCarrier }),
    });
    return { order, update: await this.updates.notify(ctx.accountId, order, { conversationId }) };
  }
}
