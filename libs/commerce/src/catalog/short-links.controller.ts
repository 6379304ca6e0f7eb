import { AppError } from '@concierge/common';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ShortLinks } from './short-links.js';

/** Public: `/s/<code>` → 302 to the stored target, counting the click. Unknown codes are 404 (no open redirect). */
@ApiExcludeController()
@Controller('s')
export class ShortLinksController {
  constructor(private readonly links: ShortLinks) {}

  @Get(':code')
  async follow(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const url = await this.links.follow(code);
    if (!url) throw AppError.notFound('Link');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, url);
  }
}
