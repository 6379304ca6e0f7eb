/**
 * A small fake of Twilio's Content API (content.twilio.com/v1/Content) so rich WhatsApp messages sent by
 * ContentSid (quick-reply, list-picker, card, call-to-action) can be rendered and answered on the phone.
 * Ref: twilio.com/docs/content/content-api-resources.
 */
import { Router, json, type Request, type Response } from 'express';
import { twilioSid } from './ids.js';
import type { SandboxStore } from './store.js';
import { twilioError } from './twilio-wire.js';
import type { TwilioAuth } from './twilio-auth.js';

const CAMEL_TYPES: Record<string, string> = {
  twilioText: 'twilio/text',
  twilioMedia: 'twilio/media',
  twilioLocation: 'twilio/location',
  twilioListPicker: 'twilio/list-picker',
  twilioCallToAction: 'twilio/call-to-action',
  twilioQuickReply: 'twilio/quick-reply',
  twilioCard: 'twilio/card',
  twilioCatalog: 'twilio/catalog',
  twilioCarousel: 'twilio/carousel',
  whatsappCard: 'whatsapp/card',
  whatsappAuthentication: 'whatsapp/authentication',
};

export function contentRouter(store: SandboxStore, auth: TwilioAuth): Router {
  const router = Router();
  router.post('/v1/Content', json({ limit: '1mb' }), (req: Request, res: Response) => {
    const accountSid = auth.account(req);
    if (!accountSid) return auth.reject(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rawTypes = body.types;
    const language = body.language;
    if (!rawTypes || typeof rawTypes !== 'object' || Object.keys(rawTypes).length === 0 || typeof language !== 'string') {
      return void res.status(400).json(twilioError(20001, 'Invalid content: language and at least one type are required'));
    }
    const types: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rawTypes)) types[CAMEL_TYPES[key] ?? key] = value;
    const sid = twilioSid('HX');
    const now = new Date(store.now()).toISOString();
    const resource = {
      account_sid: accountSid,
      date_created: now,
      date_updated: now,
      friendly_name: body.friendly_name ?? body.friendlyName ?? null,
      language,
      links: {
        approval_create: `https://content.twilio.com/v1/Content/${sid}/ApprovalRequests/whatsapp`,
        approval_fetch: `https://content.twilio.com/v1/Content/${sid}/ApprovalRequests`,
      },
      sid,
      types,
      url: `https://content.twilio.com/v1/Content/${sid}`,
      variables: (body.variables as Record<string, string> | undefined) ?? {},
    };
    store.contents.set(sid, resource);
    res.status(201).json(resource);
  });

  router.get('/v1/Content/:sid', (req: Request, res: Response) => {
    const accountSid = auth.account(req);
    if (!accountSid) return auth.reject(res);
    const content = store.contents.get(String(req.params.sid));
    if (!content || content.account_sid !== accountSid) return void res.status(404).json(twilioError(20404, 'The requested resource was not found', 404));
    res.json(content);
  });
  return router;
}

/** The stored definition with `{{n}}` placeholders filled from ContentVariables (defaults from the definition). */
export function renderContent(store: SandboxStore, sid: string, variablesJson: string | undefined): Record<string, unknown> | undefined {
  const content = store.contents.get(sid);
  if (!content) return undefined;
  const variables: Record<string, string> = { ...(content.variables as Record<string, string>) };
  if (variablesJson) Object.assign(variables, JSON.parse(variablesJson) as Record<string, string>);
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => variables[name] ?? whole);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return { sid, friendly_name: content.friendly_name, types: fill(content.types) };
}
