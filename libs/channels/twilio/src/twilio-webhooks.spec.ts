import { describe, expect, it } from '@jest/globals';
import { WebhookRejection, type ChannelContext, type WebhookRequest, type WebhookRoute } from '@concierge/channels-core';
import twilio from 'twilio';
import { ACCOUNT_SID, CUSTOMER, inboundMms, inboundSms, OTHER_ACCOUNT_SID, whatsappButton, whatsappLocation, whatsappText } from './__fixtures__/inbound.js';
import { OUTBOUND_SID, smsDelivered, smsSent, smsUndelivered, whatsappFailedOutsideWindow, whatsappRead } from './__fixtures__/status.js';
import { TwilioWebhookHandler } from './twilio-webhooks.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const EVENTS_URL = 'https://hub.example.com/webhooks/twilio/inbox-1';
const STATUS_URL = `${EVENTS_URL}/status`;
const sms = new TwilioWebhookHandler('twilio_sms');
const whatsapp = new TwilioWebhookHandler('twilio_whatsapp');
const ctx: ChannelContext = { accountId: 'acc-1', inboxId: 'inbox-1', config: { accountSid: ACCOUNT_SID, phoneNumber: '+14155550100' }, credentials: { authToken: TOKEN } };

type Params = Record<string, string>;
interface SignOptions {
  url?: string;
  signedUrl?: string;
  token?: string;
  route?: WebhookRoute;
  headers?: Record<string, string>;
  body?: string;
  signature?: string | null;
}

/** A request as Twilio sends it, signed by the twilio package itself. */
function twilioRequest(params: Params, options: SignOptions = {}): WebhookRequest {
  const url = options.url ?? (options.route === 'status' ? STATUS_URL : EVENTS_URL);
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.token ?? TOKEN, options.signedUrl ?? url, params) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return { route: options.route ?? 'events', method: 'POST', publicUrl: url, query: {}, headers, rawBody: Buffer.from(options.body ?? new URLSearchParams(params).toString()) };
}

function rejection(fn: () => unknown): WebhookRejection {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookRejection) return error;
    throw error;
  }
  throw new Error('expected a WebhookRejection');
}

describe('Twilio webhook signature', () => {
  it('accepts requests signed by the twilio package, on both routes and both types', () => {
    expect(() => sms.verify(twilioRequest(inboundSms), ctx)).not.toThrow();
    expect(() => sms.verify(twilioRequest(inboundMms), ctx)).not.toThrow();
    expect(() => whatsapp.verify(twilioRequest(whatsappButton), ctx)).not.toThrow();
    expect(() => sms.verify(twilioRequest(smsDelivered, { route: 'status' }), ctx)).not.toThrow();
  });

  it('refuses a tampered body, another URL, another token and a missing header with 401', () => {
    const tampered = twilioRequest(inboundSms, { body: new URLSearchParams({ ...inboundSms, Body: 'Refund me twice' }).toString() });
    const otherUrl = twilioRequest(inboundSms, { signedUrl: 'https://hub.example.com/webhooks/twilio/inbox-2' });
    const otherToken = twilioRequest(inboundSms, { token: 'fedcba9876543210fedcba9876543210' });
    const unsigned = twilioRequest(inboundSms, { signature: null });
    const garbage = twilioRequest(inboundSms, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    for (const request of [tampered, otherUrl, otherToken, unsigned, garbage]) {
      const error = rejection(() => sms.verify(request, ctx));
      expect([error.status, error.code]).toEqual([401, 'INVALID_SIGNATURE']);
    }
  });

  it('refuses a status callback signed for the events URL (the path is part of the signature)', () => {
    const request = twilioRequest(smsDelivered, { route: 'status', signedUrl: EVENTS_URL });
    expect(rejection(() => sms.verify(request, ctx)).status).toBe(401);
  });

  it('accepts the URL signed with or without the default port, and a query string only when signed', () => {
    const withPort = 'https://hub.example.com:443/webhooks/twilio/inbox-1';
    expect(() => sms.verify(twilioRequest(inboundSms, { signedUrl: withPort }), ctx)).not.toThrow();
    expect(() => sms.verify(twilioRequest(inboundSms, { url: withPort, signedUrl: EVENTS_URL }), ctx)).not.toThrow();
    const withQuery = `${STATUS_URL}?attempt=2`;
    expect(() => sms.verify(twilioRequest(smsSent, { route: 'status', url: withQuery }), ctx)).not.toThrow();
    expect(rejection(() => sms.verify(twilioRequest(smsSent, { route: 'status', url: withQuery, signedUrl: STATUS_URL }), ctx)).status).toBe(401);
  });

  it('accepts the same parameters in another order (Twilio signs them sorted by name)', () => {
    const reordered = Object.fromEntries(Object.entries(inboundSms).reverse());
    const request = twilioRequest(inboundSms, { body: new URLSearchParams(reordered).toString() });
    expect(() => sms.verify(request, ctx)).not.toThrow();
  });

  it('refuses another account with 403 and a signed body that is not a Twilio form with 400', () => {
    const foreign = rejection(() => sms.verify(twilioRequest({ ...inboundSms, AccountSid: OTHER_ACCOUNT_SID }), ctx));
    expect([foreign.status, foreign.code]).toEqual([403, 'ACCOUNT_MISMATCH']);
    const notTwilio = rejection(() => sms.verify(twilioRequest({ hello: 'world' }), ctx));
    expect([notTwilio.status, notTwilio.code]).toEqual([400, 'MALFORMED_BODY']);
  });

  it('refuses everything when the inbox has no auth token', () => {
    const bare = { ...ctx, credentials: null };
    expect(rejection(() => sms.verify(twilioRequest(inboundSms), bare)).status).toBe(401);
  });

  it('validates JSON bodies through bodySHA256 (validateRequestWithBody)', () => {
    const body = JSON.stringify({ AccountSid: ACCOUNT_SID, MessageSid: OUTBOUND_SID, MessageStatus: 'delivered' });
    const url = `${STATUS_URL}?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const request = (raw: string): WebhookRequest => ({
      ...twilioRequest({}, { route: 'status', url }),
      headers: { 'content-type': 'application/json', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) },
      rawBody: Buffer.from(raw),
    });
    expect(() => sms.verify(request(body), ctx)).not.toThrow();
    expect(sms.parse(request(body), ctx)).toEqual([{ kind: 'status', sourceId: OUTBOUND_SID, status: 'delivered' }]);
    expect(rejection(() => sms.verify(request(body.replace('delivered', 'read')), ctx)).status).toBe(401);
  });

  it('validates SharedKey webhooks (HMAC-SHA256 announced in X-Twilio-Webhooks-Signature-Settings)', () => {
    const secret = 'shared-key-secret-0123456789';
    const settings = { 'x-twilio-webhooks-signature-settings': 'key=webhooks_sharedkey_abc,algorithm=HMAC_SHA256' };
    const sha256 = twilio.getExpectedTwilioSignature(secret, EVENTS_URL, inboundSms, twilio.HMAC_SHA256);
    const withKey = { ...ctx, credentials: { authToken: TOKEN, webhookSharedKeySecret: secret } };
    expect(() => sms.verify(twilioRequest(inboundSms, { headers: settings, signature: sha256 }), withKey)).not.toThrow();
    // Same request, but the inbox has no shared key: nothing to check it with.
    expect(rejection(() => sms.verify(twilioRequest(inboundSms, { headers: settings, signature: sha256 }), ctx)).status).toBe(401);
    // An Auth Token HMAC-SHA1 signature does not pass for a SharedKey-announced request.
    expect(rejection(() => sms.verify(twilioRequest(inboundSms, { headers: settings }), withKey)).status).toBe(401);
    const unknownAlgorithm = { 'x-twilio-webhooks-signature-settings': 'key=k,algorithm=HMAC_MD5' };
    expect(rejection(() => sms.verify(twilioRequest(inboundSms, { headers: unknownAlgorithm, signature: sha256 }), withKey)).status).toBe(401);
  });
});

describe('Twilio inbound parsing', () => {
  const profile = { name: 'Mei Lin', phone: CUSTOMER };

  it('parses an SMS into one text item with the customer in E.164', () => {
    expect(sms.parse(twilioRequest(inboundSms), ctx)).toEqual([
      { kind: 'message', sourceId: inboundSms.MessageSid, address: CUSTOMER, profile: { phone: CUSTOMER }, content: { type: 'text', text: inboundSms.Body } },
    ]);
  });

  it('parses an MMS with two media into two items, the first keeping the SID and the caption', () => {
    const sid = inboundMms.MessageSid;
    expect(sms.parse(twilioRequest(inboundMms), ctx)).toEqual([
      {
        kind: 'message',
        sourceId: sid,
        address: CUSTOMER,
        profile: { phone: CUSTOMER },
        content: { type: 'media', mediaType: 'image', url: '', mimeType: 'image/jpeg', caption: inboundMms.Body },
        media: { mediaType: 'image', ref: inboundMms.MediaUrl0, mimeType: 'image/jpeg', caption: inboundMms.Body },
      },
      {
        kind: 'message',
        sourceId: `${sid}:1`,
        address: CUSTOMER,
        profile: { phone: CUSTOMER },
        content: { type: 'media', mediaType: 'video', url: '', mimeType: 'video/mp4' },
        media: { mediaType: 'video', ref: inboundMms.MediaUrl1, mimeType: 'video/mp4' },
      },
    ]);
  });

  it('parses WhatsApp text, location and quick-reply button messages', () => {
    expect(whatsapp.parse(twilioRequest(whatsappText), ctx)).toEqual([
      { kind: 'message', sourceId: whatsappText.MessageSid, address: CUSTOMER, profile, content: { type: 'text', text: whatsappText.Body } },
    ]);
    expect(whatsapp.parse(twilioRequest(whatsappLocation), ctx)).toEqual([
      {
        kind: 'message',
        sourceId: whatsappLocation.MessageSid,
        address: CUSTOMER,
        profile,
        content: { type: 'location', latitude: 37.7873589, longitude: -122.408227, name: 'Twilio HQ', address: whatsappLocation.Address },
      },
    ]);
    expect(whatsapp.parse(twilioRequest(whatsappButton), ctx)).toEqual([
      { kind: 'message', sourceId: whatsappButton.MessageSid, address: CUSTOMER, profile, content: { type: 'interactive_reply', id: 'track_order', title: 'Track my order' } },
    ]);
  });

  it('marks SMS keywords as consent and still delivers the message', () => {
    const consentOf = (handler: TwilioWebhookHandler, extra: Params): [string | undefined, unknown] => {
      const [item] = handler.parse(twilioRequest({ ...inboundSms, ...extra }), ctx);
      if (item?.kind !== 'message') throw new Error(`expected a message, got ${item?.kind}`);
      return [item.consent, item.content];
    };
    expect(consentOf(sms, { Body: 'stop' })).toEqual(['opt_out', { type: 'text', text: 'stop' }]);
    expect(consentOf(sms, { Body: ' UNSUBSCRIBE ' })[0]).toBe('opt_out');
    expect(consentOf(sms, { Body: 'Start' })[0]).toBe('opt_in');
    expect(consentOf(sms, { Body: 'UNSTOP' })[0]).toBe('opt_in');
    expect(consentOf(sms, { Body: 'help' })[0]).toBe('help');
    expect(consentOf(sms, { Body: 'INFO' })[0]).toBe('help');
    expect(consentOf(sms, { Body: 'please stop the order' })[0]).toBeUndefined();
    // Advanced Opt-Out names custom keywords itself.
    expect(consentOf(sms, { Body: 'ARRET', OptOutType: 'STOP' })[0]).toBe('opt_out');
    expect(consentOf(sms, { Body: 'stop', OptOutType: 'START' })[0]).toBe('opt_in');
    // WhatsApp has no carrier keywords.
    expect(consentOf(whatsapp, { ...whatsappText, Body: 'STOP' })[0]).toBeUndefined();
  });

  it('accepts unknown fields and quarantines messages without MessageSid or From', () => {
    const future = sms.parse(twilioRequest({ ...inboundSms, SomethingNew: 'x', RcsSenderId: 'y' }), ctx);
    expect(future[0]?.kind).toBe('message');
    const { MessageSid: _a, SmsMessageSid: _b, ...noSid } = inboundSms;
    const { From: _c, ...noFrom } = inboundSms;
    expect(sms.parse(twilioRequest(noSid), ctx)).toEqual([expect.objectContaining({ kind: 'quarantine', raw: expect.objectContaining({ From: CUSTOMER }) })]);
    expect(sms.parse(twilioRequest(noFrom), ctx)[0]?.kind).toBe('quarantine');
    expect(sms.parse(twilioRequest({ ...inboundSms, NumMedia: '1' }), ctx)[0]?.kind).toBe('quarantine');
  });
});

describe('Twilio status callbacks', () => {
  const parseStatus = (params: Params) => sms.parse(twilioRequest(params, { route: 'status' }), ctx);

  it('maps every fixture, including failures with the mapped error', () => {
    expect(parseStatus(smsSent)).toEqual([{ kind: 'status', sourceId: OUTBOUND_SID, status: 'sent' }]);
    expect(parseStatus(smsDelivered)).toEqual([{ kind: 'status', sourceId: OUTBOUND_SID, status: 'delivered' }]);
    expect(parseStatus(smsUndelivered)).toEqual([
      { kind: 'status', sourceId: OUTBOUND_SID, status: 'failed', error: { code: 'RECIPIENT_UNREACHABLE', message: 'Twilio 30003: message undelivered', providerCode: '30003' } },
    ]);
    expect(parseStatus(whatsappRead)).toEqual([{ kind: 'status', sourceId: whatsappRead.MessageSid, status: 'read' }]);
    expect(parseStatus(whatsappFailedOutsideWindow)).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'OUTSIDE_CUSTOMER_WINDOW', providerCode: '63016' }) }),
    ]);
  });

  it('maps each Twilio status, and out-of-order callbacks each on their own', () => {
    const statuses = ['read', 'accepted', 'delivered', 'scheduled', 'queued', 'sending', 'sent', 'failed', 'undelivered', 'canceled'];
    const mapped = statuses.map((s) => {
      const [item] = parseStatus({ ...smsSent, MessageStatus: s, SmsStatus: s });
      return item?.kind === 'status' ? item.status : item?.kind;
    });
    expect(mapped).toEqual(['read', 'queued', 'delivered', 'queued', 'queued', 'sent', 'sent', 'failed', 'failed', 'failed']);
    const [failed] = parseStatus({ ...smsSent, MessageStatus: 'failed', SmsStatus: 'failed' });
    expect(failed).toEqual(expect.objectContaining({ error: { code: 'UNKNOWN', message: 'Twilio error: message failed' } }));
    expect(parseStatus({ ...smsSent, MessageStatus: 'teleported', SmsStatus: 'teleported' })[0]?.kind).toBe('quarantine');
    expect(parseStatus({ ...smsSent, MessageStatus: 'constructor', SmsStatus: 'constructor' })[0]?.kind).toBe('quarantine');
  });

  it('acknowledges events with empty TwiML and statuses with an empty 200', () => {
    expect(sms.acknowledge('events')).toEqual({ status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' });
    expect(sms.acknowledge('status')).toEqual({ status: 200, contentType: 'text/plain', body: '' });
    expect([sms.provider, sms.routes]).toEqual(['twilio', ['events', 'status']]);
  });
});
