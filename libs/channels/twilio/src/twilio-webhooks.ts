import { timingSafeEqual } from 'node:crypto';
import { ChannelError, WebhookHandler, WebhookRejection, type ChannelContext, type InboundItem, type WebhookReply, type WebhookRequest, type WebhookRoute } from '@concierge/channels-core';
import twilio from 'twilio';
import { inboundItems, statusItem } from './twilio.mapper.js';
import { param, twilioSettings, type TwilioChannelType, type TwilioParams, type TwilioSettings } from './twilio.types.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const SUPPORTED_ALGORITHMS = new Set([twilio.HMAC_SHA1, twilio.HMAC_SHA256]);

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function isJson(request: WebhookRequest): boolean {
  return /^application\/json\b/i.test(header(request, 'content-type') ?? '');
}

/** Twilio URLs of JSON webhooks carry the body hash; the signature then covers the URL only. */
function bodyHashParam(publicUrl: string): string | null {
  try {
    return new URL(publicUrl).searchParams.get('bodySHA256');
  } catch {
    return null;
  }
}

/** Form (or, for `bodySHA256` webhooks, flat JSON) parameters; a repeated form name keeps every value. */
export function twilioParams(request: WebhookRequest): TwilioParams {
  const raw = request.rawBody.toString('utf8');
  if (isJson(request) || bodyHashParam(request.publicUrl) !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new WebhookRejection(400, 'MALFORMED_BODY', 'The body is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new WebhookRejection(400, 'MALFORMED_BODY', 'The JSON body is not an object');
    const flat = Object.entries(parsed).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
    return Object.fromEntries(flat.map(([k, v]) => [k, String(v)]));
  }
  // No prototype: a parameter named `toString` or `__proto__` must be a parameter like any other (found by fuzzing).
  const params: TwilioParams = Object.create(null) as TwilioParams;
  for (const [key, value] of new URLSearchParams(raw)) {
    const previous = params[key];
    params[key] = previous === undefined ? value : ([] as string[]).concat(previous, value);
  }
  return params;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function unauthorized(message: string): WebhookRejection {
  return new WebhookRejection(401, 'INVALID_SIGNATURE', message);
}

/**
 * `X-Twilio-Signature` (https://www.twilio.com/docs/usage/webhooks/webhooks-security): checked with the
 * SDK's validators against the URL rebuilt from PUBLIC_URL. A SharedKey announces itself in
 * `X-Twilio-Webhooks-Signature-Settings` and signs with its own secret and the algorithm named there.
 */
function verifySignature(request: WebhookRequest, settings: TwilioSettings, params: TwilioParams): void {
  const signature = header(request, twilio.SIGNATURE_HEADER);
  if (!signature) throw unauthorized('Missing X-Twilio-Signature');
  const signatureSettings = header(request, twilio.SIGNATURE_SETTINGS_HEADER);
  const algorithm = twilio.getSignatureAlgorithm(signatureSettings);
  if (!SUPPORTED_ALGORITHMS.has(algorithm)) throw unauthorized(`Unsupported signature algorithm ${algorithm}`);
  const secret = signatureSettings ? settings.webhookSharedKeySecret : settings.authToken;
  if (!secret) throw unauthorized('Webhook signed with a SharedKey, but the inbox has no webhookSharedKeySecret');
  const valid =
    bodyHashParam(request.publicUrl) !== null
      ? twilio.validateRequestWithBody(secret, signature, request.publicUrl, request.rawBody.toString('utf8'), algorithm)
      : twilio.validateRequest(secret, signature, request.publicUrl, params, algorithm);
  if (!valid) throw unauthorized('X-Twilio-Signature does not match');
}

/** Twilio's webhook protocol for one inbox type (SMS keywords differ from WhatsApp). */
export class TwilioWebhookHandler extends WebhookHandler {
  readonly provider = 'twilio';
  readonly routes: readonly WebhookRoute[] = ['events', 'status'];

  constructor(private readonly type: TwilioChannelType) {
    super();
  }

  verify(request: WebhookRequest, ctx: ChannelContext): void {
    let settings: TwilioSettings;
    try {
      settings = twilioSettings(ctx);
    } catch (error) {
      if (error instanceof ChannelError) throw unauthorized('The inbox has no Twilio credentials to check signatures with');
      throw error;
    }
    let params: TwilioParams;
    try {
      params = twilioParams(request);
    } catch (error) {
      // An unsigned garbage body learns nothing more than "unauthorised".
      if (!header(request, twilio.SIGNATURE_HEADER)) throw unauthorized('Missing X-Twilio-Signature');
      throw error;
    }
    verifySignature(request, settings, params);
    const accountSid = param(params, 'AccountSid');
    if (!accountSid) throw new WebhookRejection(400, 'MALFORMED_BODY', 'Not a Twilio webhook: no AccountSid');
    if (!sameText(accountSid, settings.accountSid)) throw new WebhookRejection(403, 'ACCOUNT_MISMATCH', 'AccountSid is not this inbox’s account');
  }

  parse(request: WebhookRequest, _ctx: ChannelContext): InboundItem[] {
    const params = twilioParams(request);
    return request.route === 'status' ? [statusItem(params)] : inboundItems(this.type, params);
  }

  acknowledge(route: WebhookRoute): WebhookReply {
    // An empty <Response> tells Twilio not to reply on our behalf; status callbacks only need a 2xx.
    return route === 'events' ? { status: 200, contentType: 'text/xml', body: EMPTY_TWIML } : { status: 200, contentType: 'text/plain', body: '' };
  }
}
