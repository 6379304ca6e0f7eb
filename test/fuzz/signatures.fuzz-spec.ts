import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { WebhookRejection, type ChannelContext, type WebhookRequest } from '@concierge/channels-core';
import { TwilioWebhookHandler } from '@concierge/channels-twilio';
import { WhatsappCloudWebhooks } from '@concierge/channels-whatsapp-cloud';
import fc from 'fast-check';
import twilio from 'twilio';
import { recordBadInputs } from '../reliability/report.js';

/**
 * Issue 9 part 4: the hub's webhook authenticity against an oracle, on random inputs. Twilio: random
 * form parameters (unicode, repeated names, empty values) on random URLs (ports, paths, queries) signed
 * right or wrong; the hub's handler must accept exactly what `twilio.validateRequest` accepts for the
 * same URL and parameters. Meta: random bodies and signature headers; accepted exactly when the header
 * is `sha256=` + the HMAC-SHA256 of the raw bytes with the app secret.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'f'.repeat(8) + '0123456789abcdef0123456789ab';
const twilioCtx: ChannelContext = { accountId: 'acc', inboxId: 'inbox', config: { accountSid: ACCOUNT_SID, phoneNumber: '+14155550100' }, credentials: { authToken: TOKEN } };
const handler = new TwilioWebhookHandler('twilio_sms');
const stats = { twilio: { tried: 0, refused: 0 }, meta: { tried: 0, refused: 0 } };

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((k) => k !== 'AccountSid');
const params = fc.dictionary(key, fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 3 })), { maxKeys: 8 });
const url = fc.record({
  scheme: fc.constantFrom('https', 'http'),
  host: fc.constantFrom('hub.example.com', 'chat.brand.cn', '127.0.0.1'),
  port: fc.constantFrom('', ':443', ':80', ':8443'),
  path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/), { maxLength: 4 }),
  query: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9 %+]{0,8}$/), { maxKeys: 3 }),
}).map((u) => {
  const q = new URLSearchParams(u.query).toString();
  return `${u.scheme}://${u.host}${u.port}/webhooks/twilio/${u.path.join('/')}${q ? `?${q}` : ''}`;
});
type Tamper = 'none' | 'signature' | 'param' | 'url' | 'token' | 'missing';
const tamper = fc.constantFrom<Tamper>('none', 'none', 'signature', 'param', 'url', 'token', 'missing');

function formBody(p: Record<string, string | string[]>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const one of ([] as string[]).concat(v)) form.append(k, one);
  return form.toString();
}

function accepts(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof WebhookRejection) return false;
    throw error;
  }
}

describe('fuzz: webhook signatures against their oracles', () => {
  afterAll(() => {
    recordBadInputs({ class: 'fuzz: tampered Twilio signatures', ...stats.twilio });
    recordBadInputs({ class: 'fuzz: tampered Meta X-Hub-Signature-256', ...stats.meta });
  });

  it('Twilio: the hub accepts exactly what twilio.validateRequest accepts', () => {
    fc.assert(
      fc.property(params, url, tamper, (extra, signedUrl, how) => {
        const sent: Record<string, string | string[]> = { ...extra, AccountSid: ACCOUNT_SID };
        const signedParams = how === 'param' ? { ...sent, AccountSid: ACCOUNT_SID, Body: `${String(sent.Body ?? '')}!` } : sent;
        const urlSigned = how === 'url' ? `${signedUrl}${signedUrl.includes('?') ? '&' : '?'}x=1` : signedUrl;
        let signature: string | undefined = twilio.getExpectedTwilioSignature(how === 'token' ? `${TOKEN}x` : TOKEN, urlSigned, signedParams);
        if (how === 'signature') signature = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
        if (how === 'missing') signature = undefined;
        const request: WebhookRequest = {
          route: 'events',
          method: 'POST',
          publicUrl: signedUrl,
          query: {},
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== undefined && { 'x-twilio-signature': signature }) },
          rawBody: Buffer.from(formBody(sent)),
        };
        const oracle = signature !== undefined && twilio.validateRequest(TOKEN, signature, signedUrl, sent);
        const hub = accepts(() => handler.verify(request, twilioCtx));
        if (how !== 'none') {
          stats.twilio.tried += 1;
          if (!hub) stats.twilio.refused += 1;
        }
        expect({ how, hub }).toEqual({ how, hub: oracle });
        if (how === 'none') expect(hub).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('Meta: accepted exactly when X-Hub-Signature-256 is the HMAC of the raw bytes', () => {
    const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const cloud = new WhatsappCloudWebhooks();
    const ctx: ChannelContext = { accountId: 'acc', inboxId: 'inbox', config: { phoneNumberId: '1098765' }, credentials: { appSecret: secret, accessToken: 't', verifyToken: 'v' } };
    const body = fc.oneof(fc.json().map((j) => Buffer.from(j)), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)));
    const header = fc.constantFrom('right', 'upper', 'sha1', 'reserialised', 'truncated', 'other-secret', 'missing', 'spaced');
    fc.assert(
      fc.property(body, header, (raw, how) => {
        const hex = createHmac('sha256', secret).update(raw).digest('hex');
        let reserialised: string | null = null;
        try {
          reserialised = JSON.stringify(JSON.parse(raw.toString('utf8')), null, 1);
        } catch {
          reserialised = null;
        }
        const value: Record<string, string | undefined> = {
          right: `sha256=${hex}`,
          upper: `SHA256=${hex.toUpperCase()}`,
          sha1: `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`,
          reserialised: `sha256=${createHmac('sha256', secret).update(reserialised ?? `${raw.toString('latin1')} `).digest('hex')}`,
          truncated: `sha256=${hex.slice(0, 63)}`,
          'other-secret': `sha256=${createHmac('sha256', `${secret}0`).update(raw).digest('hex')}`,
          missing: undefined,
          spaced: `sha256= ${hex}`,
        };
        const signature = value[how];
        const request: WebhookRequest = { route: 'events', method: 'POST', publicUrl: 'https://hub.example.com/webhooks/whatsapp/x', query: {}, headers: signature ? { 'x-hub-signature-256': signature } : {}, rawBody: raw };
        const hub = accepts(() => cloud.verify(request, ctx));
        // Hex is case-insensitive; a re-serialised body only matches when serialising changed nothing.
        const oracle = how === 'right' || how === 'upper' || (how === 'reserialised' && reserialised === raw.toString('utf8') && raw.equals(Buffer.from(reserialised)));
        if (!oracle) {
          stats.meta.tried += 1;
          if (!hub) stats.meta.refused += 1;
        }
        expect({ how, hub }).toEqual({ how, hub: oracle });
      }),
      { numRuns: RUNS },
    );
  });
});
