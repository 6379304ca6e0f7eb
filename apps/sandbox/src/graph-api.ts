/**
 * Fake WhatsApp Cloud API (Graph): send messages, mark read + typing indicator, media upload/retrieve/download.
 * The hub points its `apiBaseUrl` here instead of https://graph.facebook.com.
 */
import { Router, json, raw, type NextFunction, type Request, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { authError, graphError, unknownObject, type GraphErrorBody } from './graph-wire.js';
import { isObj } from './graph-rules.js';
import { validateMessage } from './graph-validate.js';
import { digits, graphId, sha256Hex, wamid } from './ids.js';
import { lineId } from './store.js';
import type { CloudLineConfig, OutboundRecord } from './types.js';

const VERSION = /^v\d+\.\d+$/;
const WINDOW_DETAILS = 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

export function graphRouter(ctx: SandboxContext): Router {
  const { store } = ctx;
  const router = Router();
  const versioned = (req: Request, _res: Response, next: NextFunction) => next(VERSION.test(String(req.params.version)) ? undefined : 'route');
  const delay = (_req: Request, _res: Response, next: NextFunction) => void ctx.latency().then(() => next());
  const token = (req: Request): string | undefined =>
    /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? (typeof req.query.access_token === 'string' ? req.query.access_token : undefined);

  const refuse = (req: Request, res: Response, status: number, error: GraphErrorBody, line?: CloudLineConfig) => {
    store.addRejection({
      at: new Date(store.now()).toISOString(),
      provider: 'whatsapp_cloud',
      line: line?.phoneNumberId ?? String(req.params.phoneNumberId ?? ''),
      httpStatus: status,
      code: error.error.code,
      message: error.error.message,
      request: isObj(req.body) ? req.body : {},
    });
    res.status(status).json(error);
  };

  /** The line behind `:phoneNumberId` if the bearer token is its access token; otherwise answers the Graph error. */
  const lineFor = (req: Request, res: Response): CloudLineConfig | undefined => {
    const bearer = token(req);
    const lines = bearer ? store.cloudLinesByToken(bearer) : [];
    const id = String(req.params.phoneNumberId);
    const line = lines.find((l) => l.phoneNumberId === id);
    if (!lines.length) refuse(req, res, 401, authError());
    else if (!line) refuse(req, res, 400, unknownObject(id, 'post'));
    return line;
  };

  router.post('/:version/:phoneNumberId/messages', versioned, delay, json({ limit: '5mb' }), (req: Request, res: Response) => {
    const line = lineFor(req, res);
    if (!line) return;
    const body: unknown = req.body;
    if (isObj(body) && body.status === 'read') return markRead(req, res, line);
    const check = validateMessage(body, (id) => store.getMedia(id)?.line === lineId(line));
    if (!check.ok) return refuse(req, res, 400, graphError(check.code, check.message, check.details), line);
    const slot = store.takeRateSlot(lineId(line), line.ratePerSecond ?? store.defaultRate);
    // Meta answers throughput errors with HTTP 400 and code 130429 (no Retry-After header).
    if (!slot.ok) return refuse(req, res, 400, graphError(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'), line);

    const waId = digits(check.to);
    const template = check.kind === 'template';
    const record: OutboundRecord = {
      id: wamid(waId),
      provider: 'whatsapp_cloud',
      line: line.phoneNumberId,
      to: check.to,
      from: digits(line.displayPhoneNumber),
      kind: check.kind,
      request: body as Record<string, unknown>,
      statuses: [],
      createdAt: new Date(store.now()).toISOString(),
      apiVersion: String(req.params.version),
    };
    // Outside the 24-hour window Meta accepts the request and reports 131047 in a `failed` status webhook.
    if (!template && !store.windowOpen(lineId(line), waId)) record.failure = { code: 131047, message: 'Re-engagement message' };
    store.addOutbound(record);
    ctx.flow.start(record, record.failure ? { code: 131047, details: WINDOW_DETAILS } : undefined);
    res.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: check.to, wa_id: waId }],
      messages: [{ id: record.id, ...(template ? { message_status: 'accepted' } : {}) }],
    });
  });

  const markRead = (req: Request, res: Response, line: CloudLineConfig) => {
    const body = req.body as Record<string, unknown>;
    if (body.messaging_product !== 'whatsapp') return refuse(req, res, 400, graphError(100, 'The parameter messaging_product is required.'), line);
    if (typeof body.message_id !== 'string') return refuse(req, res, 400, graphError(100, 'The parameter message_id is required.'), line);
    const typing = body.typing_indicator;
    if (typing !== undefined && !(isObj(typing) && typing.type === 'text')) {
      return refuse(req, res, 400, graphError(131009, 'Parameter value is not valid', "typing_indicator['type'] must be text"), line);
    }
    const inbound = store.findInbound(body.message_id);
    if (!inbound || inbound.provider !== 'whatsapp_cloud' || inbound.line !== line.phoneNumberId) {
      return refuse(req, res, 400, graphError(100, 'Invalid parameter', `message_id ${body.message_id} is not a message received by this phone number`), line);
    }
    store.markInboundRead(inbound);
    if (typing !== undefined) {
      store.emit({ type: 'typing', line: line.phoneNumberId, data: { phone: inbound.from, messageId: inbound.id, at: new Date(store.now()).toISOString() } });
    }
    res.json({ success: true });
  };

  router.post('/:version/:phoneNumberId/media', versioned, delay, raw({ type: () => true, limit: '100mb' }), async (req: Request, res: Response) => {
    const line = lineFor(req, res);
    if (!line) return;
    const contentType = req.get('content-type') ?? 'application/octet-stream';
    let bytes: Buffer;
    let mimeType: string;
    let filename: string | undefined;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Request('http://sandbox.local/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(req.body as Buffer) })
        .formData()
        .catch(() => undefined);
      const file = form?.get('file');
      if (!form || form.get('messaging_product') !== 'whatsapp') return refuse(req, res, 400, graphError(100, 'The parameter messaging_product is required.'), line);
      if (!(file instanceof Blob)) return refuse(req, res, 400, graphError(100, 'The parameter file is required.'), line);
      bytes = Buffer.from(await file.arrayBuffer());
      mimeType = String(form.get('type') ?? file.type ?? 'application/octet-stream');
      filename = file instanceof File ? file.name : undefined;
    } else {
      // Not Meta's format: a convenience for scripts that post the bytes directly.
      bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      mimeType = contentType.split(';')[0]!.trim();
    }
    if (bytes.length === 0) return refuse(req, res, 400, graphError(100, 'The parameter file is required.'), line);
    const id = graphId();
    store.putMedia({ id, line: lineId(line), mimeType, filename, bytes, sha256: sha256Hex(bytes) });
    res.json({ id });
  });

  router.get('/:version/:mediaId', versioned, delay, (req: Request, res: Response) => {
    const bearer = token(req);
    const lines = bearer ? store.cloudLinesByToken(bearer) : [];
    if (!lines.length) return void res.status(401).json(authError());
    const media = store.getMedia(String(req.params.mediaId));
    if (!media || !lines.some((l) => lineId(l) === media.line)) return void res.status(400).json(unknownObject(String(req.params.mediaId), 'get'));
    res.json({
      messaging_product: 'whatsapp',
      url: `${ctx.baseUrl}/whatsapp-media/${media.id}?mid=${media.id}&source=getMedia`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.bytes.length,
      id: media.id,
    });
  });

  router.delete('/:version/:mediaId', versioned, (req: Request, res: Response) => {
    const bearer = token(req);
    const lines = bearer ? store.cloudLinesByToken(bearer) : [];
    if (!lines.length) return void res.status(401).json(authError());
    const media = store.getMedia(String(req.params.mediaId));
    if (!media || !lines.some((l) => lineId(l) === media.line)) return void res.status(400).json(unknownObject(String(req.params.mediaId), 'get'));
    res.json({ success: true });
  });

  // The media `url` Graph hands out: the bytes, for the same bearer token only (like lookaside.fbsbx.com).
  router.get('/whatsapp-media/:mediaId', (req: Request, res: Response) => {
    const bearer = token(req);
    const media = store.getMedia(String(req.params.mediaId));
    if (!bearer || !media || !store.cloudLinesByToken(bearer).some((l) => lineId(l) === media.line)) {
      return void res.status(401).json(authError());
    }
    res.type(media.mimeType).send(media.bytes);
  });
  return router;
}
