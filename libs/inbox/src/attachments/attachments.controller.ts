import { AppError } from '@concierge/common';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Headers, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AttachmentsService } from './attachments.service.js';

class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Capability URL the channels and the widget fetch' }) url: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
}

/** Agents upload a file (the raw bytes with its Content-Type), then send `{ type: 'media', attachmentId }`. */
@ApiTags('messages')
@Controller('api/v1/accounts/:accountId/attachments')
@AccountRoute()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @ApiConsumes('image/jpeg', 'image/png', 'application/pdf', 'video/mp4', 'audio/ogg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'filename', required: false })
  @ApiCreatedResponse({ type: AttachmentDto })
  async upload(
    @CurrentAccount() ctx: AccountContext,
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
    @Query('filename') filename?: string,
  ): Promise<AttachmentDto> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw AppError.validation('Send the file as the request body with its Content-Type');
    const stored = await this.attachments.store({ accountId: ctx.accountId, inboxId: null, bytes: req.body, mimeType: contentType ?? '', filename: filename ?? null });
    return { id: stored.id, url: this.attachments.url(stored.id), mimeType: stored.mimeType, sizeBytes: stored.sizeBytes };
  }
}
