import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import twilio from 'twilio';
import { createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';
import { recordBadInputs } from './report.js';

/**
 * Issue 9 part 1, authenticity (RELIABILITY.md): forged, missing, other-URL and other-account Twilio
 * signatures and tampered bodies; Meta signatures over re-serialised JSON, `sha1=`, wrong verify
 * tokens, a `<script>` challenge. Pass: 401/403 with nothing stored, the challenge echoed only as
 * text/plain; valid requests with reordered parameters or an explicit :443 accepted; a valid request
 * replayed 100 times stored once.
 */
jest.setTimeout(120_000);

const PUBLIC_URL = 'https://hub.example.com';
const hex = (n: number) => randomBytes(n).toString('hex');

describe('webhook authenticity over HTTP', () => {
  let hub: TestHub;
  let brand: Brand;
  const twilioInbox = { id: '', accountSid: `AC${hex(16)}`, authToken: hex(16) };
  const cloudInbox = { id: '', appSecret: hex(16), verifyToken: hex(8), phoneNumberId: '109876543210987' };
  const path = (p: string) => new URL(p).pathname + new URL(p).search;
  const count = async () => Number((await hub.query<{ n: string }>('SELECT count(*) AS n FROM message'))[0]!.n) + Number((await hub.query<{ n: string }>('SELECT count(*) AS n FROM webhook_quarantine'))[0]!.n);

  const postTwilio = (url: string, body: string, signature: string | null) =>
    hub.http().post(path(url)).set({ 'content-type': 'application/x-www-form-urlencoded', ...(signature !== null && { 'x-twilio-signature': signature }) }).send(body);
  const postCloud = (body: string, signature: string | null) =>
    hub.http().post(`/webhooks/whatsapp/${cloudInbox.id}`).set({ 'content-type': 'application/json', ...(signature !== null && { 'x-hub-signature-256': signature }) }).send(body);
  const sms = (sid: string, extra: Record<string, string> = {}) => ({ AccountSid: twilioInbox.accountSid, MessageSid: sid, From: '+16175550123', To: '+14155550100', Body: 'hello', NumMedia: '0', ...extra });
  const cloudBody = (id: string) =>
    JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: cloudInbox.phoneNumberId }, messages: [{ from: '15017122661', id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'hi' } }] } }] }] });
  const hmac = (body: string, secret = cloudInbox.appSecret, algo = 'sha256') => createHmac(algo, secret).update(body).digest('hex');

  beforeAll(async () => {
    hub = await startHub({ PUBLIC_URL });
    brand = await createBrand(hub, 'Authenticity');
    const create = (channel: object) => hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' }).send({ name: 'x', channel }).expect(201);
    twilioInbox.id = (await create({ type: 'twilio_sms', accountSid: twilioInbox.accountSid, authToken: twilioInbox.authToken, phoneNumber: '+14155550100', apiBaseUrl: 'http://127.0.0.1:9' })).body.id;
    cloudInbox.id = (await create({ type: 'whatsapp_cloud', phoneNumberId: cloudInbox.phoneNumberId, accessToken: `EAAG${hex(8)}`, appSecret: cloudInbox.appSecret, verifyToken: cloudInbox.verifyToken, apiBaseUrl: 'http://127.0.0.1:9' })).body.id;
  });
  afterAll(() => hub?.close());

  it('refuses forged, unsigned, re-targeted, other-account and tampered Twilio webhooks, storing nothing', async () => {
    const url = `${PUBLIC_URL}/webhooks/twilio/${twilioInbox.id}`;
    const params = sms(`SM${hex(16)}`);
    const body = new URLSearchParams(params).toString();
    const sign = (p: Record<string, string>, u = url, token = twilioInbox.authToken) => twilio.getExpectedTwilioSignature(token, u, p);
    const otherAccount = { ...params, AccountSid: `AC${hex(16)}` };
    const attacks: [string, () => Promise<{ status: number }>, number][] = [
      ['forged signature', () => postTwilio(url, body, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='), 401],
      ['missing signature', () => postTwilio(url, body, null), 401],
      ['signed for another URL', () => postTwilio(url, body, sign(params, `${PUBLIC_URL}/webhooks/twilio/other`)), 401],
      ['signed for the status URL', () => postTwilio(url, body, sign(params, `${url}/status`)), 401],
      ['signed with another token', () => postTwilio(url, body, sign(params, url, hex(16))), 401],
      ['tampered body', () => postTwilio(url, new URLSearchParams({ ...params, Body: 'transfer all' }).toString(), sign(params)), 401],
      ['extra parameter added', () => postTwilio(url, `${body}&Extra=1`, sign(params)), 401],
      ['other account (validly signed)', () => postTwilio(url, new URLSearchParams(otherAccount).toString(), sign(otherAccount)), 403],
      ['signed status callback on the events route', () => postTwilio(url, new URLSearchParams({ ...params, MessageStatus: 'delivered' }).toString(), sign(params)), 401],
    ];
    const before = await count();
    let refused = 0;
    for (const [name, attack, expected] of attacks) {
      const res = await attack();
      expect({ name, status: res.status }).toEqual({ name, status: expected });
      refused += 1;
    }
    recordBadInputs({ class: 'forged or tampered Twilio webhooks', tried: attacks.length, refused });
    expect(await count()).toBe(before);
  });

  it('accepts valid Twilio requests with reordered parameters or an explicit :443, and stores a 100x replay once', async () => {
    const url = `${PUBLIC_URL}/webhooks/twilio/${twilioInbox.id}`;
    const params = sms(`SM${hex(16)}`);
    const reordered = new URLSearchParams(Object.entries(params).reverse()).toString();
    expect((await postTwilio(url, reordered, twilio.getExpectedTwilioSignature(twilioInbox.authToken, url, params))).status).toBe(200);
    const withPort = sms(`SM${hex(16)}`);
    const signed443 = twilio.getExpectedTwilioSignature(twilioInbox.authToken, `${PUBLIC_URL}:443/webhooks/twilio/${twilioInbox.id}`, withPort);
    expect((await postTwilio(url, new URLSearchParams(withPort).toString(), signed443)).status).toBe(200);
    const replayed = sms(`SM${hex(16)}`);
    const body = new URLSearchParams(replayed).toString();
    const signature = twilio.getExpectedTwilioSignature(twilioInbox.authToken, url, replayed);
    const statuses = await Promise.all(Array.from({ length: 100 }, () => postTwilio(url, body, signature).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(await hub.query('SELECT count(*)::int AS n FROM message WHERE source_id = $1', [replayed.MessageSid])).toEqual([{ n: 1 }]);
    // The first delivery is the genuine one; the 99 repeats are what must not be stored again.
    recordBadInputs({ class: 'replays of a valid webhook (99 repeats, none stored)', tried: 99, refused: 99 });
  });

  it('refuses Meta webhooks signed wrong and handshakes with a wrong token; echoes a challenge only as text', async () => {
    const id = `wamid.${hex(8)}`;
    const body = cloudBody(id);
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const attacks: [string, () => Promise<{ status: number }>, number][] = [
      ['missing signature', () => postCloud(body, null), 401],
      ['forged signature', () => postCloud(body, `sha256=${'0'.repeat(64)}`), 401],
      ['signature over re-serialised JSON', () => postCloud(body, `sha256=${hmac(pretty)}`), 401],
      ['sha1= prefix', () => postCloud(body, `sha1=${hmac(body, cloudInbox.appSecret, 'sha1')}`), 401],
      ['other app secret', () => postCloud(body, `sha256=${hmac(body, hex(16))}`), 401],
      ['tampered body', () => postCloud(body.replace('"hi"', '"hi!"'), `sha256=${hmac(body)}`), 401],
      ['handshake with a wrong token', () => hub.http().get(`/webhooks/whatsapp/${cloudInbox.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '123' }), 403],
      ['handshake with a wrong mode', () => hub.http().get(`/webhooks/whatsapp/${cloudInbox.id}`).query({ 'hub.mode': 'unsubscribe', 'hub.verify_token': cloudInbox.verifyToken, 'hub.challenge': '123' }), 403],
      ['script challenge with a wrong token', () => hub.http().get(`/webhooks/whatsapp/${cloudInbox.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': '<script>alert(1)</script>' }), 403],
    ];
    const before = await count();
    let refused = 0;
    for (const [name, attack, expected] of attacks) {
      const res = await attack();
      expect({ name, status: res.status }).toEqual({ name, status: expected });
      refused += 1;
    }
    recordBadInputs({ class: 'forged Meta webhooks and handshakes', tried: attacks.length, refused });
    expect(await count()).toBe(before);

    const challenge = '<script>alert(1)</script>';
    const ok = await hub.http().get(`/webhooks/whatsapp/${cloudInbox.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': cloudInbox.verifyToken, 'hub.challenge': challenge });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.text).toBe(challenge);
    expect((await postCloud(body, `sha256=${hmac(body)}`)).status).toBe(200);
    expect((await postCloud(body, `sha256=${hmac(body).toUpperCase()}`)).status).toBe(200);
    expect(await hub.query('SELECT count(*)::int AS n FROM message WHERE source_id = $1', [id])).toEqual([{ n: 1 }]);
  });
});
