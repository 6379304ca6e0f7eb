/** What tests and benchmarks read back: accepted messages, inbound messages, webhook deliveries, events. */
import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { digits } from './ids.js';
import type { SandboxEvent } from './store.js';

const param = (req: Request, name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);

/**
 * Whether a record's line matches a `line` filter: `+E164`, `whatsapp:+E164` or a phone number id; an
 * unencoded `+` in a query string arrives as a space, so compare digits.
 */
export const lineMatches = (recordLine: string | undefined, filter: string | undefined): boolean =>
  !filter || !recordLine || digits(recordLine) === digits(filter.replace(/^whatsapp:/, ''));

/** `since` as an ISO date or epoch milliseconds. */
function sinceOf(req: Request): number | undefined {
  const raw = param(req, 'since');
  if (!raw) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function recordsRouter(ctx: SandboxContext): Router {
  const { store, tasks } = ctx;
  const router = Router();

  router.get('/outbox', (req: Request, res: Response) => {
    const line = param(req, 'line');
    const to = param(req, 'to');
    const since = sinceOf(req);
    res.json(
      store.outbox.filter(
        (r) =>
          lineMatches(r.line, line) &&
          (!to || digits(r.to) === digits(to)) &&
          (since === undefined || Date.parse(r.createdAt) >= since),
      ),
    );
  });

  router.get('/inbound', (req: Request, res: Response) => {
    const line = param(req, 'line');
    const from = param(req, 'from');
    const since = sinceOf(req);
    res.json(
      store.inbound.filter(
        (r) => lineMatches(r.line, line) && (!from || digits(r.from) === digits(from)) && (since === undefined || Date.parse(r.createdAt) >= since),
      ),
    );
  });

  router.get('/webhooks', (req: Request, res: Response) => {
    const line = param(req, 'line');
    const kind = param(req, 'kind');
    const since = sinceOf(req);
    res.json(
      store.webhooks.filter(
        (w) => lineMatches(w.line, line) && (!kind || w.kind === kind) && (since === undefined || Date.parse(w.attempts[0]?.at ?? '') >= since),
      ),
    );
  });

  router.get('/rejections', (_req: Request, res: Response) => void res.json(store.rejections));
  router.get('/stats', (_req: Request, res: Response) => void res.json({ ...store.stats, pendingTasks: tasks.size }));

  router.delete('/records', (req: Request, res: Response) => {
    store.clear(param(req, 'all') === 'true');
    res.status(204).end();
  });

  /** Resolves when no status timer or webhook retry is pending (bounded by `timeoutMs`, default 30 s). */
  router.get('/idle', async (req: Request, res: Response) => {
    const timeoutMs = Number(param(req, 'timeoutMs') ?? 30_000);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const idle = await Promise.race([tasks.idle().then(() => true), timedOut]);
    clearTimeout(timer);
    res.status(idle ? 200 : 503).json({ idle, pendingTasks: tasks.size });
  });

  /** Server-Sent Events: every sandbox event, optionally only one line's (`?line=`). */
  router.get('/events', (req: Request, res: Response) => {
    const line = param(req, 'line');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const listener = (event: SandboxEvent) => {
      if (!lineMatches(event.line, line)) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    };
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    store.events.on('event', listener);
    req.on('close', () => {
      clearInterval(heartbeat);
      store.events.off('event', listener);
    });
  });
  return router;
}
