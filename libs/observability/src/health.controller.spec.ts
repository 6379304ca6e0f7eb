import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { HealthChecks } from './health-checks.js';
import { HealthController } from './health.controller.js';

function readiness(database: () => Promise<unknown>, register: (checks: HealthChecks) => void) {
  const checks = new HealthChecks();
  register(checks);
  const controller = new HealthController({ query: database } as unknown as DataSource, checks);
  let status = 0;
  const res = { status: (code: number) => ((status = code), res) } as unknown as Response;
  return controller.ready(res).then((body) => ({ status, body }));
}

describe('GET /health/ready', () => {
  const up = () => Promise.resolve();
  const down = () => Promise.reject(new Error('ECONNREFUSED'));

  it('is ready when every check answers', async () => {
    expect(await readiness(up, (c) => c.register('redis', up))).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', redis: 'up' } } });
  });

  it('is not ready (503, degraded) when the database or a critical check is down', async () => {
    expect(await readiness(down, () => undefined)).toMatchObject({ status: 503, body: { status: 'degraded', checks: { database: 'down' } } });
    expect(await readiness(up, (c) => c.register('redis', down))).toMatchObject({ status: 503, body: { status: 'degraded', checks: { redis: 'down' } } });
  });

  it('stays ready but says degraded when only an advisory check fails (a WhatsApp Web session lost its link)', async () => {
    const result = await readiness(up, (c) => c.register('live_sessions', down, { critical: false }));
    expect(result).toEqual({ status: 200, body: { status: 'degraded', checks: { database: 'up', live_sessions: 'down' } } });
  });

  it('keeps advisory checks out of the critical list (the worker heartbeat uses it)', () => {
    const checks = new HealthChecks();
    checks.register('redis', up);
    checks.register('live_sessions', down, { critical: false });
    expect(checks.entries().map(([name]) => name)).toEqual(['redis']);
    expect(checks.advisories().map(([name]) => name)).toEqual(['live_sessions']);
  });
});
