import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics } from './metrics.js';

/**
 * Prometheus scrape endpoint. Counters reveal traffic volumes, so it is not world-readable in production:
 * with METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without it, it is open outside
 * production (a developer's machine) and off in production.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the bearer token is missing or wrong' })
  @ApiForbiddenResponse({ description: 'Production without METRICS_TOKEN: metrics are off' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    checkMetricsAccess(this.config, authorization);
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}

/** The /metrics access rule (hub controller and the worker's metrics listener alike). Throws an AppError when refused. */
export function checkMetricsAccess(config: Pick<AppConfig, 'env' | 'metricsToken'>, authorization: string | undefined): void {
  const token = config.metricsToken;
  if (!token) {
    if (config.env === 'production') throw AppError.forbidden('Metrics are off: set METRICS_TOKEN to scrape /metrics in production');
    return;
  }
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw AppError.unauthenticated('A valid metrics bearer token is required');
}
