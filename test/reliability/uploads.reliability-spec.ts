import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { nextEvent } from '../support/sockets.js';
import { recordBadInputs } from './report.js';
import { PNG } from './support/tenant-fixtures.js';

/**
 * Issue 9 part 1, uploads: agents' (`POST attachments`) and visitors' (`POST /webchat/attachments`)
 * uploads with lying types, active content, oversize and empty bodies, hostile file names. Pass: refused
 * with 4xx and the contract's error shape; what is stored is served with nosniff, a sandboxing CSP, and
 * inline only for images, audio and video (everything else as an attachment).
 */
jest.setTimeout(120_000);

const MAX = 4096;
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const BAD: [string, string, Buffer][] = [
  ['html declared as png', 'image/png', HTML],
  ['html declared as jpeg', 'image/jpeg', HTML],
  ['script declared as pdf', 'application/pdf', Buffer.from('alert(1)//')],
  ['html declared as mp4', 'video/mp4', HTML],
  ['html declared as ogg voice note', 'audio/ogg', HTML],
  ['zip bomb header declared as gif', 'image/gif', Buffer.from('PK\x03\x04')],
  ['svg image', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
  ['html', 'text/html', HTML],
  ['xhtml', 'application/xhtml+xml', HTML],
  ['javascript', 'application/javascript', Buffer.from('alert(1)')],
  ['executable', 'application/x-msdownload', Buffer.from('MZ\x90\x00')],
  ['no content type', '', PNG],
  ['oversize png', 'image/png', Buffer.concat([PNG, Buffer.alloc(MAX + 1)])],
  ['empty body', 'image/png', Buffer.alloc(0)],
];

describe('uploads: types by content, size limits, safe serving', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { websiteToken: string };
  let visitorToken: string;
  const agentUpload = (type: string, body: Buffer, filename = 'f') => {
    const req = hub.http().post(`/api/v1/accounts/${brand.accountId}/attachments?filename=${encodeURIComponent(filename)}`).auth(brand.admin.token, { type: 'bearer' });
    return (type ? req.set('content-type', type) : req).send(body);
  };
  const visitorUpload = (type: string, body: Buffer) => {
    const req = hub.http().post('/webchat/attachments').set({ 'x-website-token': inbox.websiteToken, 'x-visitor-token': visitorToken });
    return (type ? req.set('content-type', type) : req).send(body);
  };

  beforeAll(async () => {
    hub = await startHub({ MAX_MEDIA_BYTES: String(MAX) });
    brand = await createBrand(hub, 'Uploads');
    inbox = await createWebchatInbox(hub, brand);
    const v = visitorSocket(hub, { websiteToken: inbox.websiteToken });
    visitorToken = (await nextEvent(v, 'session')).visitorToken;
    v.disconnect();
  });
  afterAll(() => hub?.close());

  it('refuses lying, active, oversize and empty files from agents and visitors', async () => {
    for (const [who, upload] of [['agent', agentUpload], ['visitor', visitorUpload]] as const) {
      const accepted: string[] = [];
      for (const [name, type, body] of BAD) {
        const res = await upload(type, body);
        if (res.status < 400 || res.status >= 500 || typeof res.body?.error?.code !== 'string') accepted.push(`${name} → ${res.status}`);
      }
      recordBadInputs({ class: `uploads (${who}): lying types, active content, oversize, empty`, tried: BAD.length, refused: BAD.length - accepted.length });
      expect(accepted).toEqual([]);
    }
    expect((await agentUpload('image/png', Buffer.concat([PNG, Buffer.alloc(MAX + 1)]))).status).toBe(413);
    expect(await hub.query('SELECT mime_type FROM attachment')).toEqual([]);
  });

  it('serves what it stores so that no browser runs it, under a safe file name', async () => {
    const png = await agentUpload('image/png', PNG, 'a"b\r\nSet-Cookie: x=1.png').expect(201);
    const pdf = await visitorUpload('application/pdf', Buffer.from('%PDF-1.4\n<script>alert(1)</script>\n%%EOF')).expect(201);
    const text = await agentUpload('text/plain', HTML, '../../etc/passwd').expect(201);
    for (const [file, disposition] of [[png.body, 'inline'], [pdf.body, 'attachment'], [text.body, 'attachment']] as const) {
      const res = await fetch(file.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^${disposition}; filename="[^"\\r\\n/]*"$`));
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // A capability URL with a forged signature does not serve the file.
    expect((await fetch(png.body.url.replace(/[^/]+$/, 'A'.repeat(32)))).status).toBe(404);
  });
});
