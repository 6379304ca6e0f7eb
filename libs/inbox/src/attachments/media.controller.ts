import { IdParam } from '@concierge/observability';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttachmentsService } from './attachments.service.js';

const INLINE = /^(image\/(jpeg|png|gif|webp)|video\/|audio\/)/;

/** Serves stored media at its capability URL, never as something a browser would run. */
@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id/:signature')
  async get(@IdParam('id') id: string, @Param('signature') signature: string, @Res() res: Response): Promise<void> {
    const file = await this.attachments.read(id, signature);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    const disposition = INLINE.test(file.mimeType) ? 'inline' : 'attachment';
    res.setHeader('Content-Disposition', `${disposition}; filename="${encodeURIComponent(file.filename ?? file.id)}"`);
    res.end(file.data);
  }
}
