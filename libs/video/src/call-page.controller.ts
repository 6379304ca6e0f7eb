import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, isAppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { callPageCsp } from './call-page-csp.js';
import { CallRoster } from './call-roster.js';

export const CALL_PAGE_DIR = Symbol('CALL_PAGE_DIR');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page (no script) for people who open a dead link: a browser shows this rather than JSON. */
function notice(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933"><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
}

/**
 * `GET /call/:token`: the call page for whoever holds the invite (customer) or their own seat link
 * (assistant). The token travels in the path, so the page sends no Referer (product images and links
 * never see it) and is never cached. An expired link or a finished call answers 410.
 */
@ApiTags('video calls')
@Controller('call')
export class CallPageController {
  private readonly csp: string;

  constructor(
    private readonly roster: CallRoster,
    @Inject(CALL_PAGE_DIR) private readonly dir: string,
    config: AppConfig,
  ) {
    this.csp = callPageCsp(config.video.livekit?.url ?? null);
  }

  @Get(':token')
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({
    description: 'The call page (HTML). In a consultation through LiveKit it loads livekit-client and joins the room with the participant token of the `/call` socket\'s `welcome`.',
    headers: {
      'Content-Security-Policy': { description: "Scripts from the hub only; connect-src is the hub plus, when LIVEKIT_URL is set, that server's origin (ws/wss and http/https)", schema: { type: 'string' } },
    },
  })
  @ApiGoneResponse({ description: 'LINK_EXPIRED: the link expired or the call is over' })
  @ApiUnauthorizedResponse({ description: 'Not a valid call link' })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      await this.roster.seat(token);
    } catch (error) {
      if (!isAppError(error) || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') throw error;
      const gone = error.code === 'LINK_EXPIRED';
      res.status(gone ? 410 : 401).type('html').send(notice(gone ? 'This call link has expired' : 'This call link is not valid', gone ? 'Ask the shop to send you a new invitation.' : 'Check that you opened the whole link from your invitation.'));
      return;
    }
    const file = join(this.dir, 'index.html');
    if (!existsSync(file)) throw new AppError('NOT_FOUND', 'The call page is not built: run npm run build');
    res.setHeader('Content-Security-Policy', this.csp);
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self)');
    res.sendFile(file, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
}
