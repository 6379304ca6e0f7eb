/**
 * Fake Twilio REST API: Messages create/fetch, inbound media, WhatsApp typing indicator.
 * The `twilio` SDK reaches it through a RequestClient that rewrites https://*.twilio.com (twilio-redirect.ts).
 */
import { Router, urlencoded, type NextFunction, type Request, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { E164, twilioSid } from './ids.js';
import { lineId } from './store.js';
import { renderContent } from './twilio-content.js';
import { lineAddress, messageResource, twilioError, type TwilioErrorBody } from './twilio-wire.js';
import type { OutboundRecord, TwilioLineConfig } from './types.js';

type Form = Record<string, string | string[] | undefined>;

const WINDOW_MESSAGE = 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.';

export function twilioRouter(ctx: SandboxContext): Router {
  const { store, twilioAuth } = ctx;
  const router = Router();
  const form = urlencoded({ extended: false, limit: '1mb' });
  const delay = (_req: Request, _res: Response, next: NextFunction) => void ctx.latency().then(() => next());

  router.post('/2010-04-01/Accounts/:accountSid/Messages.json', delay, form, (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Form;
    const fail = (status: number, error: TwilioErrorBody | Record<string, unknown>, line?: TwilioLineConfig, headers: Record<string, string> = {}) => {
      store.addRejection({
        at: new Date(store.now()).toISOString(),
        provider: line?.provider ?? 'twilio_sms',
        line: line?.phoneNumber,
        httpStatus: status,
        code: Number(error.code),
        message: String(error.message),
        request: { ...body },
      });
      res.status(status).set(headers).json(error);
    };
    const accountSid = twilioAuth.account(req);
    if (!accountSid) {
      res.set('WWW-Authenticate', 'Basic realm="Twilio API"');
      return fail(401, twilioAuth.unauthorized());
    }
    const one = (key: string): string | undefined => ([] as string[]).concat(body[key] ?? [])[0];
    const to = one('To');
    const from = one('From');
    const service = one('MessagingServiceSid');
    const text = one('Body') ?? '';
    const contentSid = one('ContentSid');
    const variables = one('ContentVariables');
    const media = ([] as string[]).concat(body.MediaUrl ?? []);
    const lines = store.twilioLines(accountSid);

    if (!to) return fail(400, twilioError(21604, "A 'To' phone number is required."));
    let line: TwilioLineConfig | undefined;
    if (from) {
      line = lines.find((l) => lineAddress(l) === from);
      if (!line) return fail(400, twilioError(21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`));
    } else if (service) {
      line = lines.find((l) => l.messagingServiceSid === service && to.startsWith('whatsapp:') === (l.provider === 'twilio_whatsapp'));
      if (!line) return fail(400, twilioError(21705, `The Messaging Service Sid ${service} is invalid.`));
    } else {
      return fail(400, twilioError(21603, "A 'From' phone number is required."));
    }
    const whatsapp = line.provider === 'twilio_whatsapp';
    if (to.startsWith('whatsapp:') !== whatsapp) {
      return fail(400, twilioError(21910, 'Invalid From and To pair. From and To should be of the same channel'), line);
    }
    const toNumber = to.replace(/^whatsapp:/, '');
    if (!E164.test(toNumber)) return fail(400, twilioError(21211, `Invalid 'To' Phone Number: ${toNumber}`), line);
    if (!text && media.length === 0 && !contentSid) return fail(400, twilioError(21619, 'A text message body or media urls must be specified.'), line);
    if (text.length > 1600) return fail(400, twilioError(21617, 'The concatenated message body exceeds the 1600 character limit.'), line);
    if (variables !== undefined && !isJsonObject(variables)) return fail(400, twilioError(21656, 'The ContentVariables Parameter is invalid.'), line);
    if (!whatsapp && store.isOptedOut(lineId(line), toNumber)) {
      return fail(400, twilioError(21610, 'Attempt to send to unsubscribed recipient'), line);
    }
    const outsideWindow = whatsapp && !contentSid && !store.windowOpen(lineId(line), toNumber);
    if (outsideWindow && ctx.twilioWindowErrors === 'sync') return fail(400, twilioError(63016, WINDOW_MESSAGE), line);
    const slot = store.takeRateSlot(lineId(line), line.ratePerSecond ?? store.defaultRate);
    if (!slot.ok) {
      return fail(429, twilioError(20429, 'Too Many Requests', 429), line, { 'Retry-After': String(Math.ceil(slot.retryAfterMs / 1000)) });
    }

    const created = store.now();
    const record: OutboundRecord = {
      id: twilioSid(media.length ? 'MM' : 'SM'),
      provider: line.provider,
      line: line.phoneNumber,
      to,
      from: from ?? null,
      kind: contentSid ? 'content' : media.length ? 'media' : 'text',
      request: { ...body },
      statuses: [],
      createdAt: new Date(created).toISOString(),
    };
    if (contentSid) {
      const content = renderContent(store, contentSid, variables);
      if (content) record.content = content;
    }
    if (outsideWindow) record.failure = { code: 63016, message: WINDOW_MESSAGE };
    store.addOutbound(record);
    ctx.flow.start(record, record.failure ? { code: 63016, details: WINDOW_MESSAGE } : undefined);
    res.status(201).json(messageResource(record, line, created));
  });

  router.get('/2010-04-01/Accounts/:accountSid/Messages/:sid.json', delay, (req: Request, res: Response) => {
    const accountSid = twilioAuth.account(req);
    if (!accountSid) return twilioAuth.reject(res);
    const record = store.findOutbound(String(req.params.sid));
    const line = record && store.twilioLines(accountSid).find((l) => l.provider === record.provider && l.phoneNumber === record.line);
    if (!record || !line) return void res.status(404).json(twilioError(20404, 'The requested resource was not found', 404));
    res.json(messageResource(record, line, Date.parse(record.createdAt)));
  });

  router.get('/2010-04-01/Accounts/:accountSid/Messages/:messageSid/Media/:mediaSid', (req: Request, res: Response) => {
    const accountSid = twilioAuth.account(req);
    if (!accountSid) return twilioAuth.reject(res);
    const media = store.getMedia(String(req.params.mediaSid));
    if (!media || media.accountSid !== accountSid || media.messageSid !== req.params.messageSid) {
      return void res.status(404).json(twilioError(20404, 'The requested resource was not found', 404));
    }
    res.type(media.mimeType).send(media.bytes);
  });

  // messaging.twilio.com/v2/Indicators/Typing.json (public beta): marks the customer's message read and shows "typing…".
  router.post('/v2/Indicators/Typing.json', delay, form, (req: Request, res: Response) => {
    const accountSid = twilioAuth.account(req);
    if (!accountSid) return twilioAuth.reject(res);
    const { channel, messageId } = (req.body ?? {}) as Record<string, string>;
    const inbound = messageId ? store.findInbound(messageId) : undefined;
    const line = inbound && store.twilioLines(accountSid).find((l) => l.provider === 'twilio_whatsapp' && l.phoneNumber === inbound.line);
    if (channel !== 'whatsapp') return void res.status(400).json(twilioError(20001, 'channel must be whatsapp'));
    if (!inbound || !line || inbound.provider !== 'twilio_whatsapp') {
      return void res.status(404).json(twilioError(20404, 'The requested resource was not found', 404));
    }
    store.markInboundRead(inbound);
    store.emit({ type: 'typing', line: inbound.line, data: { phone: inbound.from, messageId, at: new Date(store.now()).toISOString() } });
    res.json({ success: true });
  });
  return router;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
