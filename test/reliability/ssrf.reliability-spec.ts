import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import twilio from 'twilio';
import { createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';
import { recordBadInputs } from './report.js';
import { PNG } from './support/tenant-fixtures.js';

/**
 * Issue 9 part 1, SSRF: every URL the hub fetches. Media URLs in (signed) provider webhooks pointing at
 * loopback, link-local (cloud metadata), private and CGNAT ranges, in every spelling (IPv6, IPv4-mapped,
 * decimal, short forms, 0.0.0.0), non-http schemes, and redirects from the trusted provider host into
 * them: nothing is fetched (a trap server counts hits), the message is kept with the reason. Admin-set
 * provider and store base URLs on such addresses are refused when private URLs are not allowed.
 */
jest.setTimeout(180_000);

const hex = (n: number) => randomBytes(n).toString('hex');
const listen = async (handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> => {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
};

describe('SSRF: URLs the hub fetches never reach private addresses', () => {
  let hub: TestHub;
  let brand: Brand;
  let trap: { server: Server; port: number };
  let redirector: { server: Server; port: number };
  let trapHits = 0;
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  let webhook: string;
  let inboxId: string;
  let seq = 0;

  const privateUrls = () => [
    `http://127.0.0.1:${trap.port}/x`,
    `http://localhost:${trap.port}/x`,
    `http://[::1]:${trap.port}/x`,
    `http://[::ffff:127.0.0.1]:${trap.port}/x`,
    `http://0.0.0.0:${trap.port}/x`,
    `http://2130706433:${trap.port}/x`,
    `http://127.1:${trap.port}/x`,
    `http://0x7f000001:${trap.port}/x`,
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://[fe80::1]/x',
    'http://10.0.0.1/x',
    'http://172.16.0.1/x',
    'http://192.168.1.1/x',
    'http://100.64.0.1/x',
    'http://[fd00::1]/x',
  ];
  const otherSchemes = () => ['file:///etc/passwd', `gopher://127.0.0.1:${trap.port}/_x`, 'ftp://127.0.0.1/x', `data:image/png;base64,${PNG.toString('base64')}`, 'javascript:alert(1)'];

  /** A signed Twilio MMS whose MediaUrl0 is `url`; answers the stored message content. */
  const mms = async (url: string): Promise<{ status: number; content: { type: string; text?: string } }> => {
    const sid = `MM${hex(16)}`;
    const params = { AccountSid: accountSid, MessageSid: sid, From: `+1415555${String(1000 + (seq++ % 9000))}`, To: '+14155550100', Body: '', NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/png' };
    const res = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, webhook, params) },
      body: new URLSearchParams(params).toString(),
    });
    const [row] = await hub.query<{ content: { type: string; text?: string } }>('SELECT content FROM message WHERE inbox_id = $1 AND source_id = $2', [inboxId, sid]);
    return { status: res.status, content: row?.content ?? { type: 'missing' } };
  };

  beforeAll(async () => {
    trap = await listen((_req, res) => {
      trapHits += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    redirector = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    });
    hub = await startHub();
    brand = await createBrand(hub, 'SSRF');
    // The inbox's own API host (the offline sandbox's role) is the one private host media may come from.
    const inbox = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' })
      .send({ name: 'SMS', channel: { type: 'twilio_sms', accountSid, authToken, phoneNumber: '+14155550100', apiBaseUrl: `http://localhost:${redirector.port}` } }).expect(201);
    webhook = inbox.body.webhookUrls.events;
    inboxId = inbox.body.id;
  });
  afterAll(async () => {
    await hub?.close();
    trap?.server.close();
    redirector?.server.close();
  });

  it('fetches media from the inbox\'s own provider host (control)', async () => {
    const ok = await mms(`http://localhost:${redirector.port}/png`);
    expect(ok).toMatchObject({ status: 200, content: { type: 'media' } });
    const hop = await mms(`http://localhost:${redirector.port}/r?to=${encodeURIComponent(`http://localhost:${redirector.port}/png`)}`);
    expect(hop.content.type).toBe('media');
  });

  it('refuses media URLs to private addresses, other schemes and redirects into them, keeping the message', async () => {
    const targets = [
      ...privateUrls(),
      ...otherSchemes(),
      ...[...privateUrls(), 'file:///etc/passwd'].map((to) => `http://localhost:${redirector.port}/r?to=${encodeURIComponent(to)}`),
    ];
    const fetched: string[] = [];
    for (const url of targets) {
      const { status, content } = await mms(url);
      // Acknowledged and stored as a note of what arrived and why the file is missing.
      if (status !== 200 || content.type !== 'text' || !/could not be stored/.test(content.text ?? '')) fetched.push(`${url} → ${status} ${JSON.stringify(content)}`);
    }
    recordBadInputs({ class: 'SSRF: webhook media URLs (private ranges, schemes, redirects)', tried: targets.length, refused: targets.length - fetched.length });
    expect(fetched).toEqual([]);
    expect(trapHits).toBe(0);
  });

  it('refuses provider and store base URLs on private addresses when they are not allowed', async () => {
    const strict = await startHub({ ALLOW_PRIVATE_PROVIDER_URLS: 'false' });
    try {
      const owner = await createBrand(strict, 'Strict');
      const urls = [...privateUrls(), ...otherSchemes(), 'http://example.com'];
      const accepted: string[] = [];
      for (const url of urls) {
        const inbox = await strict.http().post(`/api/v1/accounts/${owner.accountId}/inboxes`).auth(owner.admin.token, { type: 'bearer' })
          .send({ name: 'x', channel: { type: 'twilio_sms', accountSid, authToken, phoneNumber: '+14155550100', apiBaseUrl: url } });
        if (inbox.status !== 400) accepted.push(`inbox apiBaseUrl ${url} → ${inbox.status}`);
        const store = await strict.http().put(`/api/v1/accounts/${owner.accountId}/store`).auth(owner.admin.token, { type: 'bearer' })
          .send({ provider: 'woocommerce', baseUrl: url, consumerKey: 'ck_x', consumerSecret: 'cs_x' });
        if (store.status !== 400) accepted.push(`store baseUrl ${url} → ${store.status}`);
      }
      recordBadInputs({ class: 'SSRF: admin-set provider and store base URLs', tried: urls.length * 2, refused: urls.length * 2 - accepted.length });
      expect(accepted).toEqual([]);
    } finally {
      await strict.close();
    }
    expect(trapHits).toBe(0);
  });
});
