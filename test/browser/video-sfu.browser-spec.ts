import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import { TokenVerifier } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { API_KEY, API_SECRET, fakeLiveKit, listen, type FakeLiveKit, type Seen, type SignalJoin } from '../../libs/video/src/__fixtures__/fake-livekit.js';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import { agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connected, emitAck, nextEvent } from '../support/sockets.js';

/**
 * The call page of a consultation through LiveKit, in headless Chromium with a fake camera, against a local
 * fake of a LiveKit server (no LiveKit server runs offline: it is a Go binary found neither on npm nor in Debian).
 * Proven here: only sfu pages download livekit-client; under the page's real CSP each page opens LiveKit's
 * signalling socket at the configured server with a token for the right room, identity, name and grant
 * (verified with the same secret); a server that cannot serve the room is reported and retried; ending the call
 * stops the retries. Not proven here: media through a real SFU (the fake never lets anyone into a room).
 */
jest.setTimeout(90_000);

async function until<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('consultation call page with LiveKit (fake server)', () => {
  const seen: Seen[] = [];
  let livekit: FakeLiveKit;
  let livekitUrl: string;
  let hub: TestHub;
  let brand: Brand;
  let agent: Socket;
  let browser: TestBrowser;
  let websiteToken: string;
  const sockets: Socket[] = [];

  /** A web-chat customer who wrote in (their visitor profile carries contact details the others must never see). */
  async function customer(name: string, email: string): Promise<string> {
    const v = visitorSocket(hub, { websiteToken, name, email, phone: '+33612345678' });
    sockets.push(v);
    await nextEvent(v, 'session');
    const text = `${name} would like a consultation`;
    const m = nextEvent<MessageView>(agent, 'message.created', (x) => x.content.type === 'text' && x.content.text === text);
    await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
    return (await m).conversationId;
  }

  /** A person's page under the page's real CSP, with the requests it made. */
  async function open(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const context = await browser.context({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = watchErrors(page);
    await page.goto(url);
    return { page, requests, errors };
  }

  beforeAll(async () => {
    livekit = fakeLiveKit(seen);
    livekitUrl = await listen(livekit);
    hub = await startHub({ LIVEKIT_URL: livekitUrl, LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET });
    brand = await createBrand(hub, 'Maison Salon');
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
    websiteToken = (await createWebchatInbox(hub, brand)).websiteToken;
    browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  }, 60_000);

  afterAll(async () => {
    for (const s of [...sockets, agent]) s?.disconnect();
    await browser?.close();
    await hub?.close();
    await new Promise<void>((resolve) => livekit?.close(() => resolve()));
  });

  it('each page asks LiveKit for the consultation room with its own grant, says when the video server cannot serve it, and retries until the call ends', async () => {
    const conversations = [await customer('Claire Dubois', 'claire@example.test'), await customer('Marc Petit', 'marc@example.test')];
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/consultations`).auth(brand.admin.token, { type: 'bearer' })
      .send({ title: 'Spring jewellery preview', conversationIds: conversations }).expect(201);
    expect(res.body.mode).toBe('sfu');
    const room = `concierge-${res.body.id}`;
    const seat = (pick: (p: { role: string; name: string }) => boolean) => res.body.participants.find(pick) as { id: string; joinUrl: string; name: string };
    const host = seat((p) => p.role === 'host');
    const claire = seat((p) => p.name === 'Claire');

    // The page may connect to its own origin and to this LiveKit server only.
    const html = await hub.http().get(new URL(claire.joinUrl).pathname).set('Accept', 'text/html').expect(200);
    const origin = new URL(livekitUrl).host;
    expect(html.headers['content-security-policy']).toContain(`connect-src 'self' ws://${origin} http://${origin};`);

    const hostPage = await open(host.joinUrl);
    const buyerPage = await open(claire.joinUrl);
    const joinsOf = (identity: string) => livekit.joins.filter((j) => j.claims?.sub === identity);
    await until(() => [joinsOf(host.id).length, joinsOf(claire.id).length], ([h, b]) => h! >= 1 && b! >= 1, 20_000, 'both pages open LiveKit signalling');

    // Each token verifies with the brand's LiveKit secret and grants exactly what that person may do.
    const verifier = new TokenVerifier(API_KEY, API_SECRET);
    const claimsOf = (join: SignalJoin) => verifier.verify(join.token);
    const hostClaims = await claimsOf(joinsOf(host.id)[0]!);
    const buyerClaims = await claimsOf(joinsOf(claire.id)[0]!);
    expect(hostClaims).toMatchObject({ sub: host.id, name: 'Maison Salon Admin', video: { room, roomJoin: true, canPublish: true, canSubscribe: true, roomAdmin: true } });
    expect(buyerClaims).toMatchObject({ sub: claire.id, name: 'Claire', video: { room, roomJoin: true, canPublish: true, canSubscribe: true, roomAdmin: false } });
    expect(JSON.stringify(buyerClaims)).not.toMatch(/Dubois|example\.test|\+336/);
    expect(livekit.joins.every((j) => /^\/rtc(\/v1)?$/.test(j.path) && j.claims !== null)).toBe(true);

    // The fake closes every signalling socket: the page says so plainly and tries again by itself.
    await buyerPage.page.getByRole('status').filter({ hasText: /^Cannot reach the video server\. Trying again in \d+ s…$/ }).waitFor();
    await until(() => joinsOf(claire.id).length, (n) => n >= 2, 10_000, 'the buyer page retries');
    await buyerPage.page.getByRole('status').filter({ hasText: 'Trying again in 4 s…' }).waitFor();

    // livekit-client came as the page's lazy chunk; the buyer's camera and microphone are live and the controls act on them.
    expect(buyerPage.requests.some((u) => /\/call\/assets\/sfu-[\w-]+\.js$/.test(u))).toBe(true);
    const tracks = () => buyerPage.page.evaluate(() => ((document.getElementById('local') as HTMLVideoElement).srcObject as MediaStream).getTracks().map((t) => `${t.kind}:${t.readyState}:${t.enabled}`).sort());
    expect(await tracks()).toEqual(['audio:live:true', 'video:live:true']);
    await buyerPage.page.getByRole('button', { name: 'Mute' }).click();
    await buyerPage.page.getByRole('button', { name: 'Camera off' }).click();
    expect(await tracks()).toEqual(['audio:live:false', 'video:live:false']);

    // The host ends the consultation: the buyer's page stops asking the video server (its next try was due within 4 s).
    await hostPage.page.getByRole('button', { name: 'End call' }).click();
    await buyerPage.page.getByText('The call has ended. Thank you!').waitFor();
    const after = joinsOf(claire.id).length;
    await new Promise((r) => setTimeout(r, 5_000));
    expect(joinsOf(claire.id).length).toBe(after);
    expect([...hostPage.errors, ...buyerPage.errors]).toEqual([]);
  });

  it('a 1:1 call page (peer to peer) never downloads livekit-client', async () => {
    const conversationId = await customer('Ana Silva', 'ana@example.test');
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/calls`).auth(brand.admin.token, { type: 'bearer' }).send({}).expect(201);
    expect(res.body.mode).toBe('p2p');
    const before = livekit.joins.length;
    const customerPage = await open(res.body.participants.find((p: { role: string }) => p.role === 'customer').joinUrl);
    await customerPage.page.getByText('Waiting for the other side to join…').waitFor();
    const assets = customerPage.requests.filter((u) => u.includes('/call/assets/'));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((u) => /\/sfu-/.test(u))).toEqual([]);
    expect(livekit.joins.length).toBe(before);
    expect(customerPage.errors).toEqual([]);
    await hub.http().post(`/api/v1/accounts/${brand.accountId}/calls/${res.body.id}/end`).auth(brand.admin.token, { type: 'bearer' }).expect(200);
  });
});
