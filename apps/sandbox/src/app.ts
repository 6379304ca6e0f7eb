import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { graphError } from './graph-wire.js';
import { graphRouter } from './graph-api.js';
import { publicDir } from './paths.js';
import { apiError, phoneRouter } from './phone-api.js';
import { recordsRouter } from './records-api.js';
import { contentRouter } from './twilio-content.js';
import { twilioRouter } from './twilio-api.js';
import { twilioError } from './twilio-wire.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: http: https:; media-src 'self' blob: http: https:; connect-src 'self'";

/** Routes: sandbox JSON API, fake Twilio (api/content/messaging hosts), phone UI, fake Graph API. */
export function createApp(ctx: SandboxContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox/api', phoneRouter(ctx), recordsRouter(ctx));
  app.use(twilioRouter(ctx));
  app.use(contentRouter(ctx.store, ctx.twilioAuth));
  app.use(
    (_req: Request, res: Response, next: NextFunction) => {
      res.set({ 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
      next();
    },
    express.static(publicDir(), { index: 'index.html' }),
  );
  app.use(graphRouter(ctx));
  app.use((req: Request, res: Response) => apiError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    const message = status < 500 && error instanceof Error ? error.message : 'Internal error';
    if (status >= 500) ctx.log(`sandbox error on ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    if (req.path.startsWith('/sandbox/api')) return apiError(res, status, status < 500 ? 'BAD_REQUEST' : 'INTERNAL', message);
    if (/^\/(2010-04-01|v1\/Content|v2\/Indicators)/.test(req.path)) return void res.status(status).json(twilioError(20001, message, status));
    res.status(status).json(graphError(status < 500 ? 100 : 1, status < 500 ? 'Invalid parameter' : 'An unknown error occurred', message));
  });
  return app;
}
