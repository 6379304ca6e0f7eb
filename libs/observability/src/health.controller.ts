import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthChecks } from './health-checks.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: HealthChecks,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Database (and Redis when configured) answer. `status: degraded` with 200: an advisory check failed (e.g. a WhatsApp Web session lost its link); the process still serves' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ok' | 'degraded'; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    results.database = await withTimeout(this.db.query('SELECT 1').then(() => 'up'), 2000);
    for (const [name, check] of this.checks.entries()) results[name] = await withTimeout(check().then(() => 'up'), 2000);
    const ready = Object.values(results).every((v) => v === 'up');
    for (const [name, check] of this.checks.advisories()) results[name] = await withTimeout(check().then(() => 'up'), 2000);
    res.status(ready ? 200 : 503);
    return { status: ready && Object.values(results).every((v) => v === 'up') ? 'ok' : 'degraded', checks: results };
  }
}

async function withTimeout(check: Promise<string>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([check.catch(() => 'down'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
