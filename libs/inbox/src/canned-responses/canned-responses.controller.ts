import type { CannedResponseView } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CannedResponseDto, CannedResponsesQuery, CreateCannedResponseDto, UpdateCannedResponseDto } from './canned-response.dto.js';
import { CannedResponsesService } from './canned-responses.service.js';

@ApiTags('canned-responses')
@Controller('api/v1/accounts/:accountId/canned-responses')
@AccountRoute()
export class CannedResponsesController {
  constructor(private readonly canned: CannedResponsesService) {}

  @Get()
  @ApiOkResponse({ type: [CannedResponseDto], description: 'Short-code prefix matches first, then content matches (at most 100)' })
  list(@CurrentAccount() ctx: AccountContext, @Query() query: CannedResponsesQuery): Promise<CannedResponseView[]> {
    return this.canned.list(ctx.accountId, query.q);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CannedResponseDto })
  @ApiConflictResponse({ description: 'The short code is taken' })
  create(@CurrentAccount() ctx: AccountContext, @Body() body: CreateCannedResponseDto): Promise<CannedResponseView> {
    return this.canned.create(ctx.accountId, body);
  }

  @Patch(':cannedResponseId')
  @AdminOnly()
  @ApiOkResponse({ type: CannedResponseDto })
  @ApiConflictResponse({ description: 'The short code is taken' })
  update(@CurrentAccount() ctx: AccountContext, @IdParam('cannedResponseId', 'Canned response') id: string, @Body() body: UpdateCannedResponseDto): Promise<CannedResponseView> {
    return this.canned.update(ctx.accountId, id, body);
  }

  @Delete(':cannedResponseId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentAccount() ctx: AccountContext, @IdParam('cannedResponseId', 'Canned response') id: string): Promise<void> {
    return this.canned.remove(ctx.accountId, id);
  }
}
