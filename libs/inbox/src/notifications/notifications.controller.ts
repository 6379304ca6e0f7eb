import type { NotificationView } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery, NotificationDto, NotificationPageDto } from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notifications (another agent's are 404); live as `notification.created`. */
@ApiTags('notifications')
@Controller('api/v1/accounts/:accountId/notifications')
@AccountRoute()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentAccount() ctx: AccountContext, @Query() query: ListNotificationsQuery): Promise<{ data: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
    return this.notifications.list(ctx, query);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "Marks all the caller's notifications in this brand read" })
  readAll(@CurrentAccount() ctx: AccountContext): Promise<void> {
    return this.notifications.readAll(ctx);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentAccount() ctx: AccountContext, @IdParam('notificationId') id: string): Promise<NotificationView> {
    return this.notifications.read(ctx, id);
  }
}
