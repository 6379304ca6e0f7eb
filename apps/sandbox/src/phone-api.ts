/** The sandbox's own JSON API for the customer side: lines, sending from a phone, reading, threads, media. */
import { Router, json, type Request, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { digits } from './ids.js';
import { PhoneInputError, sendFromPhone, type PhoneMessage } from './phone.js';
import { lineKey, LineConfigError } from './store.js';
import type { LineConfig } from './types.js';

export const apiError = (res: Response, status: number, code: string, message: string): void => void res.status(status).json({ error: { code, message } });

const samePhone = (a: string, b: string): boolean => digits(a) === digits(b) && digits(a).length > 0;

export function phoneRouter(ctx: SandboxContext): Router {
  const { store } = ctx;
  const router = Router();
  router.use(json({ limit: '25mb' }));

  router.get('/lines', (_req: Request, res: Response) => void res.json(store.listLines()));

  router.post('/lines', (req: Request, res: Response) => {
    try {
      res.status(201).json(store.addLine(req.body as LineConfig));
    } catch (error) {
      if (error instanceof LineConfigError) return apiError(res, 400, 'INVALID_LINE', error.message);
      throw error;
    }
  });

  router.delete('/lines/:lineKey', (req: Request, res: Response) => {
    if (!store.removeLine(String(req.params.lineKey))) return apiError(res, 404, 'LINE_NOT_FOUND', 'No such line');
    res.status(204).end();
  });

  router.post('/phones/:lineKey/send', async (req: Request, res: Response) => {
    const line = store.resolveLine(String(req.params.lineKey));
    if (!line) return apiError(res, 404, 'LINE_NOT_FOUND', 'No such line');
    try {
      const { inbound, webhook, first } = await sendFromPhone(ctx, line, req.body as PhoneMessage);
      res.json({
        status: first.statusCode,
        body: first.responseBody ?? '',
        error: first.error,
        messageId: inbound.id,
        webhookId: webhook.id,
        willRetry: webhook.pending,
      });
    } catch (error) {
      if (error instanceof PhoneInputError) return apiError(res, 400, 'INVALID_MESSAGE', error.message);
      throw error;
    }
  });

  /** The phone displayed these brand messages: WhatsApp lines report `read` (after `delivered`). */
  router.post('/phones/:lineKey/read', (req: Request, res: Response) => {
    const line = store.resolveLine(String(req.params.lineKey));
    if (!line) return apiError(res, 404, 'LINE_NOT_FOUND', 'No such line');
    const { phone, messageIds } = (req.body ?? {}) as { phone?: string; messageIds?: unknown };
    if (typeof phone !== 'string' || !Array.isArray(messageIds)) return apiError(res, 400, 'INVALID_READ', 'phone and messageIds[] are required');
    const read: string[] = [];
    for (const id of messageIds) {
      const record = typeof id === 'string' ? store.findOutbound(id) : undefined;
      if (!record || record.provider !== line.provider || record.line !== lineKey(line) || !samePhone(record.to, phone)) continue;
      if (ctx.flow.markRead(record)) read.push(record.id);
    }
    res.json({ read });
  });

  /** Everything between this line and one customer, for the phone UI. */
  router.get('/phones/:lineKey/thread', (req: Request, res: Response) => {
    const line = store.resolveLine(String(req.params.lineKey));
    if (!line) return apiError(res, 404, 'LINE_NOT_FOUND', 'No such line');
    const phone = typeof req.query.phone === 'string' ? req.query.phone : '';
    const key = lineKey(line);
    const mine = <T extends { provider: string; line: string }>(r: T) => r.provider === line.provider && r.line === key;
    res.json({
      line: store.publicLine(line),
      outbound: store.outbox.filter((r) => mine(r) && samePhone(r.to, phone)),
      inbound: store.inbound.filter((r) => mine(r) && samePhone(r.from, phone)),
      webhooks: store.webhooks.filter((w) => mine(w) && w.kind === 'inbound').map(({ id, messageId, attempts, delivered, pending }) => ({ id, messageId, attempts, delivered, pending })),
    });
  });

  /** Media for the phone's own screen (what the customer sent); the provider URLs need credentials. */
  router.get('/media/:id', (req: Request, res: Response) => {
    const media = store.getMedia(String(req.params.id));
    if (!media) return apiError(res, 404, 'MEDIA_NOT_FOUND', 'No such media');
    res.type(media.mimeType).send(media.bytes);
  });
  return router;
}
