import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '@concierge/config';
import { isTransientDbError } from '@concierge/database';
import { AppLogger, HttpErrorFilter, httpLogger, validationPipe } from '@concierge/observability';
import { ClusterIoAdapter, LeanIoAdapter, RealtimeCluster } from '@concierge/realtime';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { raw, static as serveStatic, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { ChannelOptions } from './channels.module.js';

/** The repository root, from both `apps/hub/src` (tests) and `dist/apps/hub/src` (built). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'apps', 'hub', 'public')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Builds the hub (not yet listening): used by `main.ts` and by the end-to-end tests. */
export async function createHub(config: AppConfig, databaseUrl: string, channels: ChannelOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl, channels), {
    rawBody: true,
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  // REDIS_URL mode: agents on any hub get the events caused on any other hub or the worker.
  const cluster = app.get(RealtimeCluster);
  app.useWebSocketAdapter(cluster.enabled ? new ClusterIoAdapter(app, cluster) : new LeanIoAdapter(app));
  app.use(httpLogger(logger.pino));
  app.useBodyParser('json', { limit: config.limits.maxBodyBytes });
  app.useBodyParser('urlencoded', { limit: config.limits.maxBodyBytes, extended: false });
  // Agents upload files as the raw request body (POST …/attachments); everything else is JSON or a form.
  app.use('/api/v1/accounts/:accountId/attachments', raw({ type: () => true, limit: config.limits.maxMediaBytes }));
  app.use('/webchat/attachments', raw({ type: () => true, limit: config.limits.maxMediaBytes }));
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          frameAncestors: ["'self'"],
          // Self-hosters often start on plain http://localhost; TLS belongs to their proxy.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter(isTransientDbError));
  // The agent console moved to the inbox app at /app/ (old bookmarks keep working).
  app.use('/agent', (_req: Request, res: Response) => res.redirect(302, '/app/'));
  // The printed "Concierge is running at <PUBLIC_URL>" is the first thing people click: land in the inbox.
  app.use((req: Request, res: Response, next: () => void) => (req.method === 'GET' && req.path === '/' ? res.redirect(302, '/app/') : next()));
  // Mounted at the root, the public files would cost every API GET a file-system look-up (a stat that fails).
  const publicFiles = serveStatic(join(projectRoot(), 'apps', 'hub', 'public'), { index: 'index.html', redirect: true });
  app.use((req: Request, res: Response, next: () => void) => (req.path.startsWith('/api/') ? next() : publicFiles(req, res, next)));
  // The agent inbox (apps/inbox, built by Vite into dist/web/inbox) at /app/.
  app.useStaticAssets(join(projectRoot(), 'dist', 'web', 'inbox'), { prefix: '/app', index: 'index.html', redirect: true });
  // The web-chat widget's hashed assets; /widget.js and the /widget/ page itself are served by WidgetController.
  app.useStaticAssets(join(projectRoot(), 'dist', 'web', 'widget', 'assets'), { prefix: '/widget/assets', immutable: true, maxAge: '365d', index: false });
  // The video-call page's hashed assets (apps/call); the page itself is GET /call/:token (libs/video).
  app.useStaticAssets(join(projectRoot(), 'dist', 'web', 'call', 'assets'), { prefix: '/call/assets', immutable: true, maxAge: '365d', index: false });

  const openapi = new DocumentBuilder()
    .setTitle('Concierge API')
    .setDescription('Omnichannel conversational-commerce hub: agents, inboxes, conversations, messages.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  return app;
}
