import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SlaReports, type ConversationSlaView, type SlaReport } from '../sla/sla-reports.js';

const CLOCK = { targetMinutes: 15, dueAt: '2026-01-12T08:15:00.000Z', doneAt: null, elapsedSeconds: 540, remainingSeconds: 360, state: 'running' };

/** SLA clocks and metrics; durations count business hours only. */
@ApiTags('automation')
@Controller('api/v1/accounts/:accountId')
@AccountRoute()
export class SlaController {
  constructor(private readonly sla: SlaReports) {}

  @Get('conversations/:conversationId/sla')
  @ApiOkResponse({
    description: 'state: none | running | paused | warning | breached | met | missed | done (both clocks `none` when the conversation has no clock)',
    schema: { example: { conversationId: '…', inboxId: '…', startedAt: '2026-01-12T08:00:00.000Z', timeZone: 'Europe/Paris', paused: false, firstResponse: CLOCK, resolution: { ...CLOCK, targetMinutes: null, dueAt: null, remainingSeconds: null, state: 'none' } } },
  })
  conversation(@CurrentAccount() ctx: AccountContext, @IdParam('conversationId') id: string): Promise<ConversationSlaView> {
    return this.sla.conversation(ctx, id);
  }

  @Get('sla/running')
  @ApiQuery({ name: 'inboxId', required: false })
  @ApiOkResponse({ description: 'Clocks of unresolved conversations in the caller’s inboxes (badges), oldest first' })
  running(@CurrentAccount() ctx: AccountContext, @Query('inboxId') inboxId?: string): Promise<ConversationSlaView[]> {
    return this.sla.running(ctx, inboxId);
  }

  @Get('reports/sla')
  @ApiQuery({ name: 'from', required: false, description: 'ISO date-time (default: 30 days before `to`); conversations started in [from, to]' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date-time (default: now)' })
  @ApiQuery({ name: 'inboxId', required: false })
  @ApiOkResponse({
    schema: { example: { from: '…', to: '…', inboxId: null, conversations: 12, firstResponse: { count: 10, medianSeconds: 240, p90Seconds: 900, breached: 1, met: 9 }, resolution: { count: 6, medianSeconds: 5400, p90Seconds: 14000, breached: 0, met: 6 } } },
  })
  report(@CurrentAccount() ctx: AccountContext, @Query('from') from?: string, @Query('to') to?: string, @Query('inboxId') inboxId?: string): Promise<SlaReport> {
    return this.sla.report(ctx, { ...(from !== undefined && { from }), ...(to !== undefined && { to }), ...(inboxId !== undefined && { inboxId }) });
  }
}
