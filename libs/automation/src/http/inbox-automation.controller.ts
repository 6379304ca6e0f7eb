import { AppError, Clock } from '@concierge/common';
import { InboxesService } from '@concierge/inbox';
import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { BusinessHours } from '../hours/business-hours.js';
import type { AutomationSettings } from '../settings/automation-settings.js';
import { InboxAutomationStore } from '../settings/inbox-automation.js';

const HOURS_EXAMPLE = {
  timeZone: 'Europe/Paris',
  weekly: [{ day: 1, open: '09:00', close: '18:00' }, { day: 5, open: '22:00', close: '02:00' }],
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
  specialDates: [{ date: '2026-12-24', open: '09:00', close: '14:00' }, { date: '2026-12-31', closed: true }],
};

export interface BusinessHoursView extends BusinessHours {
  /** false: no hours set, the inbox counts as always open. */
  configured: boolean;
}

/** Business hours, availability and automation settings of one inbox. Admins write, members read. */
@ApiTags('automation')
@Controller('api/v1/accounts/:accountId/inboxes/:inboxId')
@AccountRoute()
export class InboxAutomationController {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly store: InboxAutomationStore,
    private readonly clock: Clock,
  ) {}

  @Get('business-hours')
  @ApiOkResponse({ description: 'Weekly hours (day 1 = Monday; close <= open ends the next day), holidays and special dates', schema: { example: { configured: true, ...HOURS_EXAMPLE } } })
  async hours(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<BusinessHoursView> {
    await this.inboxes.entity(ctx, inboxId);
    const { schedule } = await this.store.get(ctx.accountId, inboxId);
    return schedule.hours ? { configured: true, ...schedule.hours } : { configured: false, timeZone: 'UTC', weekly: [], holidays: [], specialDates: [] };
  }

  @Put('business-hours')
  @AdminOnly()
  @ApiBody({ schema: { type: 'object', example: HOURS_EXAMPLE }, description: 'IANA timeZone; times HH:mm; dates YYYY-MM-DD' })
  @ApiOkResponse({ description: 'The stored hours' })
  async putHours(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: unknown): Promise<BusinessHoursView> {
    await this.inboxes.entity(ctx, inboxId);
    return { configured: true, ...(await this.store.putHours(ctx.accountId, inboxId, body)) };
  }

  @Delete('business-hours')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Hours removed: the inbox is always open' })
  async clearHours(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<void> {
    await this.inboxes.entity(ctx, inboxId);
    await this.store.clearHours(ctx.accountId, inboxId);
  }

  @Get('availability')
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant to evaluate (default now)' })
  @ApiOkResponse({ schema: { example: { open: false, nextOpenAt: '2026-01-12T08:00:00.000Z', closesAt: null, timeZone: 'Europe/Paris', configured: true } } })
  async availability(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Query('at') at?: string) {
    await this.inboxes.entity(ctx, inboxId);
    const when = at ? new Date(at) : this.clock.now();
    if (Number.isNaN(when.getTime())) throw AppError.validation('Invalid at', [{ field: 'at', messages: ['at must be an ISO 8601 date-time'] }]);
    const a = await this.store.availability(ctx.accountId, inboxId, when);
    return { open: a.open, nextOpenAt: a.nextOpenAt?.toISOString() ?? null, closesAt: a.closesAt?.toISOString() ?? null, timeZone: a.timeZone, configured: a.configured };
  }

  @Get('automation')
  @ApiOkResponse({ description: 'Effective settings (defaults filled in)' })
  async settings(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string): Promise<AutomationSettings> {
    await this.inboxes.entity(ctx, inboxId);
    return (await this.store.get(ctx.accountId, inboxId)).settings;
  }

  @Put('automation')
  @AdminOnly()
  @ApiBody({
    description: 'Sections left out stay unchanged',
    schema: {
      type: 'object',
      example: {
        locales: ['en', 'zh-CN'],
        greeting: { enabled: true, texts: { en: 'Hello!', 'zh-CN': '您好！' } },
        outOfOffice: { enabled: true, texts: { en: "We're closed; back {{nextOpen}}." }, whatsappTemplate: { name: 'out_of_office', language: 'en' } },
        assistantRepliedRecentlyMinutes: 5,
        intents: { enabled: true, confidenceThreshold: 0.6, fallback: 'none' },
        assignment: { mode: 'capacity', maxOpenPerAgent: 5, teamId: null, sticky: true, offlineGraceSeconds: 120 },
        sla: { firstResponseMinutes: 15, resolutionMinutes: 480, warnBeforeMinutes: 5 },
      },
    },
  })
  async putSettings(@CurrentAccount() ctx: AccountContext, @IdParam('inboxId') inboxId: string, @Body() body: unknown): Promise<AutomationSettings> {
    await this.inboxes.entity(ctx, inboxId);
    return this.store.putSettings(ctx.accountId, inboxId, body);
  }
}
