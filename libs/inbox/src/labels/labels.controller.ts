import type { LabelView } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateLabelDto, LabelDto, UpdateLabelDto } from './label.dto.js';
import { LabelsService } from './labels.service.js';

@ApiTags('labels')
@Controller('api/v1/accounts/:accountId/labels')
@AccountRoute()
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get()
  @ApiOkResponse({ type: [LabelDto], description: 'By name' })
  list(@CurrentAccount() ctx: AccountContext): Promise<LabelView[]> {
    return this.labels.list(ctx.accountId);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: LabelDto })
  @ApiConflictResponse({ description: 'A label with this name (any case) exists' })
  create(@CurrentAccount() ctx: AccountContext, @Body() body: CreateLabelDto): Promise<LabelView> {
    return this.labels.create(ctx.accountId, body);
  }

  @Patch(':labelId')
  @AdminOnly()
  @ApiOkResponse({ type: LabelDto })
  @ApiConflictResponse({ description: 'A label with this name (any case) exists' })
  update(@CurrentAccount() ctx: AccountContext, @IdParam('labelId') id: string, @Body() body: UpdateLabelDto): Promise<LabelView> {
    return this.labels.update(ctx.accountId, id, body);
  }

  @Delete(':labelId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Also removed from every conversation' })
  remove(@CurrentAccount() ctx: AccountContext, @IdParam('labelId') id: string): Promise<void> {
    return this.labels.remove(ctx.accountId, id);
  }
}
