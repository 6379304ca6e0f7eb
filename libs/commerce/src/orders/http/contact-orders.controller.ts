import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ContactOrderView } from '@concierge/contracts';
import { OrdersService } from '../orders.service.js';

/** A contact's orders from the connected store, for the inbox sidebar (agents of the account only). */
@ApiTags('commerce')
@Controller('api/v1/accounts/:accountId/contacts/:contactId/orders')
@AccountRoute()
export class ContactOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiQuery({ name: 'locale', required: false, description: 'Language of statusLabel (en, zh-CN)' })
  @ApiOkResponse({
    description: 'Newest first; empty when no store is connected',
    schema: { example: { data: [{ number: '1001', status: 'shipped', statusLabel: 'Shipped', total: { amount: '129.00', currency: 'EUR' }, itemCount: 1, trackingUrl: 'https://…', createdAt: '…', updatedAt: '…' }] } },
  })
  async list(@CurrentAccount() ctx: AccountContext, @IdParam('contactId') contactId: string, @Query('locale') locale?: string): Promise<{ data: ContactOrderView[] }> {
    return { data: await this.orders.listForContact(ctx.accountId, contactId, typeof locale === 'string' ? locale.slice(0, 10) : 'en') };
  }
}
