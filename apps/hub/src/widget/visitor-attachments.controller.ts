import { RateLimits } from '@concierge/cluster';
import { AppError } from '@concierge/common';
import { VisitorSessions, type VisitorUpload } from '@concierge/inbox';
import { Controller, Headers, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

class VisitorUploadDto implements VisitorUpload {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Capability URL of the stored file' }) url: string;
  @ApiProperty({ enum: ['image', 'video', 'audio', 'document', 'sticker'] }) mediaType: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiPropertyOptional({ nullable: true, type: String }) filename: string | null;
}

/**
 * A web-chat visitor uploads a file (raw body with its Content-Type) and then sends
 * `message.send { content: { type: 'media', attachmentId } }` on the socket. Same types and size limit as
 * agents' uploads. The custom headers keep other websites' pages out (a cross-origin preflight is refused).
 */
@ApiTags('webchat')
@Controller('webchat/attachments')
export class VisitorAttachmentsController {
  // Per visitor and per client address, across every hub in REDIS_URL mode.
  private readonly perVisitor: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(private readonly sessions: VisitorSessions, limits: RateLimits) {
    this.perVisitor = limits.create({ keyPrefix: 'webchat-upload-visitor', points: 20, duration: 600 });
    this.perAddress = limits.create({ keyPrefix: 'webchat-upload-ip', points: 60, duration: 600 });
  }

  @Post()
  @ApiConsumes('image/jpeg', 'image/png', 'application/pdf', 'video/mp4', 'audio/ogg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-Website-Token', required: true, description: 'The web-chat inbox (public)' })
  @ApiHeader({ name: 'X-Visitor-Token', required: true, description: 'The visitor token from the `session` event' })
  @ApiQuery({ name: 'filename', required: false })
  @ApiCreatedResponse({ type: VisitorUploadDto })
  async upload(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-website-token') websiteToken: string | undefined,
    @Headers('x-visitor-token') visitorToken: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Query('filename') filename?: string,
  ): Promise<VisitorUploadDto> {
    try {
      await Promise.all([this.perAddress.consume(req.ip ?? 'unknown'), this.perVisitor.consume(String(visitorToken ?? '').slice(0, 64) || 'none')]);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new AppError('RATE_LIMITED', `Too many uploads; try again in ${seconds} s`);
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw AppError.validation('Send the file as the request body with its Content-Type');
    return this.sessions.upload({
      websiteToken,
      visitorToken,
      bytes: req.body,
      mimeType: contentType ?? '',
      filename: typeof filename === 'string' && filename ? filename.slice(0, 200) : null,
    });
  }
}
