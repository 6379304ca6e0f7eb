import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@concierge/common';
import { frameAncestors, originAllowed } from '@concierge/channels-webchat';
import type { WebchatWidgetSettings } from '@concierge/contracts';
import { VisitorSessions } from '@concierge/inbox';
import { Controller, Get, Headers, HttpCode, Options, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

/** `dist/web/widget` (Vite build of apps/widget), from both `apps/hub/src/widget` and `dist/apps/hub/src/widget`. */
export function widgetBuildDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'apps', 'hub', 'public')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web', 'widget');
}

class WidgetConfigDto implements WebchatWidgetSettings {
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) greeting: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['minutes', 'hour', 'day'] }) replyTime: 'minutes' | 'hour' | 'day' | null;
  @ApiProperty({ example: '#7a5c2e' }) color: string;
  @ApiProperty({ enum: ['right', 'left'] }) position: 'right' | 'left';
  @ApiProperty() maxUploadBytes: number;
}

/** The widget's CSP: only our own scripts; framed only by the inbox's allowed origins (or anyone when it has none). */
function widgetCsp(ancestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https: http:",
    "media-src 'self' https: http:",
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/**
 * Serves the web-chat widget: the loader `/widget.js` (embedded by brands' pages), the chat app page
 * `/widget/?websiteToken=…` (loaded in the loader's iframe) and the public `/widget/config`.
 * The app's hashed assets are static files under `/widget/assets` (see hub.ts).
 */
@ApiTags('webchat')
@Controller()
export class WidgetController {
  private readonly dir = widgetBuildDir();

  constructor(private readonly sessions: VisitorSessions) {}

  @Get('widget.js')
  @ApiExcludeEndpoint()
  loader(@Res() res: Response): void {
    const file = join(this.dir, 'widget.js');
    if (!existsSync(file)) throw new AppError('NOT_FOUND', 'The widget is not built: run npm run build');
    // Any brand's page loads it (helmet's default Cross-Origin-Resource-Policy would block that). The URL is
    // fixed, so caches revalidate after a few minutes (ETag) rather than keep an old loader for long.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.sendFile(file, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' }, maxAge: '5m', etag: true, lastModified: true });
  }

  @Get('widget')
  @ApiExcludeEndpoint()
  async page(@Query('websiteToken') websiteToken: unknown, @Res() res: Response): Promise<void> {
    const widget = await this.sessions.widget(websiteToken);
    if (!widget) throw AppError.notFound('Website token');
    const file = join(this.dir, 'index.html');
    if (!existsSync(file)) throw new AppError('NOT_FOUND', 'The widget is not built: run npm run build');
    // Replaces the hub's `frame-ancestors 'self'` for this page only; X-Frame-Options would contradict it.
    res.setHeader('Content-Security-Policy', widgetCsp(frameAncestors(widget.allowedOrigins)));
    res.removeHeader('X-Frame-Options');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendFile(file, { headers: { 'Content-Type': 'text/html; charset=utf-8' }, etag: true, lastModified: true });
  }

  @Get('widget/config')
  @ApiQuery({ name: 'websiteToken', required: true })
  @ApiOkResponse({ type: WidgetConfigDto, description: 'Public look of a web-chat inbox (no secrets), read by the loader to draw the bubble. 403 ORIGIN_NOT_ALLOWED for a page outside the inbox allow-list.' })
  async config(
    @Query('websiteToken') websiteToken: unknown,
    @Headers('origin') origin: string | undefined,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WidgetConfigDto> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('Vary', 'Origin');
    const widget = await this.sessions.widget(websiteToken);
    if (!widget) throw AppError.notFound('Website token');
    // A courtesy to the brand's developers (the loader says why nothing shows); the socket and CSP enforce it.
    if (origin && !this.sessions.isHubOrigin(origin, host) && !originAllowed(origin, widget.allowedOrigins)) {
      throw new AppError('ORIGIN_NOT_ALLOWED', `${origin} is not in this inbox's allowed origins`);
    }
    return widget.settings;
  }

  @Options('widget/config')
  @HttpCode(204)
  @ApiExcludeEndpoint()
  preflight(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}
