import { AdminOnly, AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StoreConnections, type StoreConnectionView } from '../store-connections.js';

const EXAMPLE = { provider: 'shopify', baseUrl: 'https://maison-demo.myshopify.com', apiVersion: '2025-10', accessToken: 'shpat_…' };

/** Which store answers the brand's order questions. Admins only: the view names which secrets are set, never their values. */
@ApiTags('commerce')
@Controller('api/v1/accounts/:accountId/store')
@AccountRoute()
export class StoreController {
  constructor(private readonly connections: StoreConnections) {}

  @Get()
  @AdminOnly()
  @ApiOkResponse({ description: 'The store connection (provider null: none)', schema: { example: { provider: 'shopify', baseUrl: EXAMPLE.baseUrl, apiVersion: '2025-10', secrets: { accessToken: true }, updatedAt: '2026-01-10T10:00:00.000Z' } } })
  get(@CurrentAccount() ctx: AccountContext): Promise<StoreConnectionView> {
    return this.connections.view(ctx.accountId);
  }

  @Put()
  @AdminOnly()
  @ApiBody({
    schema: { type: 'object', example: EXAMPLE },
    description: "provider builtin | shopify (baseUrl, apiVersion, accessToken) | woocommerce (baseUrl, consumerKey, consumerSecret). Secrets are write-only; omitted ones are kept while the provider stays the same.",
  })
  @ApiOkResponse({ description: 'The stored connection' })
  put(@CurrentAccount() ctx: AccountContext, @Body() body: unknown): Promise<StoreConnectionView> {
    return this.connections.put(ctx.accountId, body);
  }
}
