import 'reflect-metadata';
import { utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AppConfig } from '@concierge/config';
import { isAppError } from '@concierge/common';
import { AppLogger, checkMetricsAccess, HealthChecks, Metrics } from '@concierge/observability';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { ChannelOptions } from '../../hub/src/channels.module.js';
import { WorkerModule } from './worker.module.js';

/** The docker healthcheck reads this file's age (docker/docker-compose.yml). */
export const HEARTBEAT_FILE = '/tmp/concierge-worker.heartbeat';
const HEARTBEAT_MS = 10_000;

export interface Worker {
  app: INestApplicationContext;
  /** Serves GET /metrics (Prometheus) and GET /health/live; the worker has no other HTTP. */
  http: Server;
  close(): Promise<void>;
}

/** Boots the worker: a Nest application context (no HTTP API) plus its metrics listener and heartbeat. */
export async function createWorker(config: AppConfig, databaseUrl: string, channels: ChannelOptions = {}): Promise<Worker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, databaseUrl, channels), { bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  await app.init();
  const http = metricsServer(config, app.get(Metrics));
  const heartbeat = setInterval(() => void beat(app), HEARTBEAT_MS);
  heartbeat.unref();
  await beat(app);
  return {
    app,
    http,
    close: async () => {
      clearInterval(heartbeat);
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await app.close();
    },
  };
}

/** Touches the heartbeat file only while the database and the other dependencies (Redis) answer. */
async function beat(app: INestApplicationContext): Promise<void> {
  try {
    await app.get(DataSource).query('SELECT 1');
    for (const [, check] of app.get(HealthChecks).entries()) await check();
    const now = new Date();
    await utimes(HEARTBEAT_FILE, now, now).catch(() => writeFile(HEARTBEAT_FILE, ''));
  } catch {
    // A stale heartbeat is the signal: the orchestrator restarts the worker.
  }
}

function metricsServer(config: AppConfig, metrics: Metrics): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    if (req.method === 'GET' && path === '/health/live') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404).end();
    try {
      checkMetricsAccess(config, req.headers.authorization);
    } catch (error) {
      const status = isAppError(error) && error.code === 'FORBIDDEN' ? 403 : 401;
      const body = isAppError(error) ? { error: { code: error.code, message: error.message } } : { error: { code: 'INTERNAL', message: 'error' } };
      return void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
}
