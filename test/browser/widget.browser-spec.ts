import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { identifierHash } from '@concierge/channels-webchat';
import type { Socket } from 'socket.io-client';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import { agentSocket, createBrand, createWebchatInbox, startHub, type Brand, type TestHub } from '../support/hub.js';
import { connected, nextEvent, record } from '../support/sockets.js';
import { DemoSeeder } from '../../apps/hub/src/demo/demo-seeder.js';
import { agentSends, bubble, embedPage, openWidget, panel, sendFromWidget, storefront, widgetFrame, widgetTexts, type Storefront } from './widget-harness.js';

/**
 * The web-chat widget as a shopper meets it: a brand's page on its own origin embeds `/widget.js`; the chat
 * runs in the hub's iframe; an assistant answers from the agent socket and the REST API.
 * Needs the built widget (`npm run build`).
 */
jest.setTimeout(45_000);

describe('web-chat widget in a browser', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string; identitySecret: string };
  let store: Storefront;
  let browser: TestBrowser;
  let agent: Socket;
  let url: string;

  beforeAll(async () => {
    // SEED_DEMO lets /demo/config.json answer once the demo brand is seeded (last test).
    hub = await startHub({ SEED_DEMO: 'true' });
    brand = await createBrand(hub, 'Maison Widget');
    store = await storefront();
    inbox = await createWebchatInbox(hub, brand, {
      channel: { type: 'webchat', allowedOrigins: [store.origin], title: 'Maison Widget', greeting: 'Bonjour! How can we help?', replyTime: 'minutes', color: '#7a5c2e' },
    });
    url = store.page('/', embedPage(hub.url, inbox.websiteToken));
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    agent?.disconnect();
    await browser?.close();
    await store?.close();
    await hub?.close();
  });

  it('prints the loader and app sizes (gzipped) and serves them with the right headers', async () => {
    const dir = join(process.cwd(), 'dist', 'web', 'widget');
    const gz = (file: string) => gzipSync(readFileSync(file)).length;
    const loader = gz(join(dir, 'widget.js'));
    const app = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(join(dir, 'assets', f)), 0);
    console.log(`widget sizes (gzip): loader ${(loader / 1024).toFixed(2)} KB (${statSync(join(dir, 'widget.js')).size} B raw), app JS ${(app / 1024).toFixed(2)} KB`);
    expect(loader).toBeLessThanOrEqual(5 * 1024);
    expect(app).toBeLessThanOrEqual(60 * 1024);

    const js = await fetch(`${hub.url}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(js.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const page = await fetch(`${hub.url}/widget/?websiteToken=${inbox.websiteToken}`);
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${store.origin}`);
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${hub.url}/widget/?websiteToken=nope-nope-nope`)).status).toBe(404);
    // The hub's own pages keep refusing to be framed.
    expect((await fetch(`${hub.url}/demo/`)).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const config = await (await fetch(`${hub.url}/widget/config?websiteToken=${inbox.websiteToken}`, { headers: { origin: store.origin } })).json();
    expect(config).toEqual({ title: 'Maison Widget', greeting: 'Bonjour! How can we help?', replyTime: 'minutes', color: '#7a5c2e', position: 'right', maxUploadBytes: hub.config.limits.maxMediaBytes });
    const openapi = (await (await fetch(`${hub.url}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/widget/config', '/webchat/attachments']));
  });

  it('draws the bubble, loads the chat only when opened, and carries a conversation both ways', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await bubble(page).waitFor({ state: 'visible' });
    expect(await bubble(page).getAttribute('aria-label')).toBe('Open chat: Maison Widget');
    expect(await bubble(page).getAttribute('aria-expanded')).toBe('false');
    // Lazy: no iframe (and no socket) before the shopper asks for the chat.
    expect(await page.locator('#concierge-widget iframe').count()).toBe(0);
    expect(page.frames()).toHaveLength(1);

    const frame = await openWidget(page);
    expect(await bubble(page).getAttribute('aria-expanded')).toBe('true');
    expect(await frame.textContent('.cw-title')).toBe('Maison Widget');
    expect(await frame.textContent('.cw-greeting')).toContain('Bonjour! How can we help?');
    expect(await frame.textContent('.cw-sub')).toContain('Typically replies in a few minutes');
    expect(await frame.getAttribute('.cw-log', 'role')).toBe('log');
    expect(await frame.getAttribute('.cw-log', 'aria-live')).toBe('polite');

    const seen = nextEvent(agent, 'message.created', (m) => m.content.text === 'Is the Amande bag in stock?', 10_000);
    await sendFromWidget(frame, 'Is the Amande bag in stock?');
    const message = await seen;
    expect(message).toMatchObject({ inboxId: inbox.id, direction: 'in', sender: { type: 'contact' } });

    const typing = nextEvent(agent, 'conversation.typing', (p) => p.conversationId === message.conversationId && p.typing === true, 10_000);
    await frame.type('#cw-input', 'th');
    await typing;
    await frame.fill('#cw-input', '');

    agent.emit('typing', { conversationId: message.conversationId, typing: true });
    await frame.waitForSelector('.cw-typing:has-text("is typing")');
    await agentSends(hub, brand, message.conversationId, { type: 'text', text: 'Yes, in black and tan.' });
    await frame.waitForSelector('.cw-out .cw-bubble:has-text("Yes, in black and tan.")');
    expect(await frame.textContent('.cw-typing')).toBe('');
    expect(await widgetTexts(frame)).toEqual(['Is the Amande bag in stock?', 'Yes, in black and tan.']);

    // The assistant opens the thread: the shopper sees "Seen" under their message.
    await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}/read`).auth(brand.admin.token, { type: 'bearer' }).expect((r) => expect(r.status).toBeLessThan(300));
    await frame.waitForSelector(`.cw-in[data-id="${message.id}"] .cw-seen`);

    // Reload: the same conversation, once.
    await page.reload();
    await bubble(page).waitFor();
    const again = await openWidget(page);
    await again.waitForSelector('.cw-out .cw-bubble:has-text("Yes, in black and tan.")');
    expect(await widgetTexts(again)).toEqual(['Is the Amande bag in stock?', 'Yes, in black and tan.']);
    expect(await again.locator(`[data-id="${message.id}"] .cw-seen`).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('delivers messages written while offline exactly once after the connection comes back', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto(url);
    const frame = await openWidget(page);
    const first = nextEvent(agent, 'message.created', (m) => m.content.text === 'before going offline', 10_000);
    await sendFromWidget(frame, 'before going offline');
    const { conversationId } = await first;

    const received = record(agent, 'message.created');
    await context.setOffline(true);
    await frame.waitForSelector('.cw-status:has-text("offline")');
    await sendFromWidget(frame, 'written in the tunnel');
    await sendFromWidget(frame, 'and another one');
    await frame.waitForSelector('.cw-pending:has-text("written in the tunnel")');
    // The assistant answers meanwhile: the reply arrives after the reconnect (history afterId).
    await agentSends(hub, brand, conversationId, { type: 'text', text: 'answered while you were away' });

    await context.setOffline(false);
    await frame.waitForSelector('.cw-out .cw-bubble:has-text("answered while you were away")', { timeout: 15_000 });
    await frame.waitForFunction(() => document.querySelectorAll('.cw-pending').length === 0, undefined, { timeout: 15_000 });
    await nextEvent(agent, 'message.created', () => false, 500).catch(() => undefined);
    const texts = received.filter((m) => m.direction === 'in').map((m) => m.content.text);
    expect(texts.filter((t) => t === 'written in the tunnel')).toHaveLength(1);
    expect(texts.filter((t) => t === 'and another one')).toHaveLength(1);
    // The reply was stored before the reconnect, so before the two messages written offline.
    expect(await widgetTexts(frame)).toEqual(['before going offline', 'answered while you were away', 'written in the tunnel', 'and another one']);
    const stored = await hub.query<{ n: string }>(`SELECT count(*) AS n FROM message WHERE conversation_id = $1 AND content->>'text' = 'written in the tunnel'`, [conversationId]);
    expect(Number(stored[0]!.n)).toBe(1);
    await context.close();
  });

  it('offers the SDK: ready and message events, toggle, and setUser with a verified identity', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const hash = identifierHash('ana@example.com', inbox.identitySecret);
    const sdkUrl = store.page('/sdk', embedPage(hub.url, inbox.websiteToken, `<script>
      window.__events = [];
      window.addEventListener('concierge:ready', (e) => { window.__events.push({ type: 'ready', detail: e.detail });
        window.$concierge.setUser('ana@example.com', { name: 'Ana Lima', identifierHash: '${hash}' });
        window.$concierge.setCustomAttributes({ plan: 'vip', visits: 3 });
      });
      window.addEventListener('concierge:on-message', (e) => window.__events.push({ type: 'message', detail: e.detail }));
    </script>`));
    await page.goto(sdkUrl);
    await page.waitForFunction(() => (window as unknown as { __events: unknown[] }).__events.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __events: { type: string }[] }).__events[0]!.type)).toBe('ready');
    expect(await page.locator('#concierge-widget iframe').count()).toBe(0);

    // Commands before the iframe exists were kept: the chat connects as Ana.
    await page.evaluate(() => (window as unknown as { $concierge: { toggle(s: string): void } }).$concierge.toggle('open'));
    const frame = await widgetFrame(page);
    expect(await panel(page).isVisible()).toBe(true);
    const seen = nextEvent(agent, 'message.created', (m) => m.content.text === 'Hello, it is Ana', 10_000);
    await frame.waitForFunction(() => !document.querySelector('.cw-status'));
    await sendFromWidget(frame, 'Hello, it is Ana');
    const message = await seen;
    expect(message.sender.name).toBe('Ana Lima');
    // The verified email joins the contact just after the message is stored (and shown): wait for it.
    const contactOf = async () =>
      (await hub.http().get(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}`).auth(brand.admin.token, { type: 'bearer' }).expect(200)).body;
    let conversation = { body: await contactOf() };
    for (let i = 0; i < 50 && conversation.body.contact.email !== 'ana@example.com'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      conversation = { body: await contactOf() };
    }
    expect(conversation.body.contact).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com' });
    const contact = await hub.query<{ attributes: Record<string, unknown> }>('SELECT attributes FROM contact WHERE id = $1', [conversation.body.contact.id]);
    expect(contact[0]!.attributes).toMatchObject({ plan: 'vip', visits: 3 });

    await page.evaluate(() => (window as unknown as { $concierge: { toggle(s: string): void } }).$concierge.toggle('close'));
    expect(await panel(page).isVisible()).toBe(false);
    // A reply while closed: the page hears concierge:on-message and the bubble shows the unread dot.
    await agentSends(hub, brand, message.conversationId, { type: 'text', text: 'Welcome back, Ana' });
    await page.waitForFunction(() => (window as unknown as { __events: { type: string }[] }).__events.some((e) => e.type === 'message'));
    const event = await page.evaluate(() => (window as unknown as { __events: { type: string; detail: unknown }[] }).__events.find((e) => e.type === 'message')!.detail);
    expect(event).toMatchObject({ conversationId: message.conversationId, content: { type: 'text', text: 'Welcome back, Ana' }, sender: { type: 'agent' } });
    await page.locator('#concierge-widget .d').waitFor({ state: 'visible' });
    expect(await bubble(page).getAttribute('aria-label')).toContain('new messages');
    await page.evaluate(() => (window as unknown as { $concierge: { toggle(): void } }).$concierge.toggle());
    expect(await panel(page).isVisible()).toBe(true);
    expect(await page.locator('#concierge-widget .d').isVisible()).toBe(false);

    // reset() (a logout): this device forgets the visitor and starts an empty, anonymous chat.
    const key = `concierge:${inbox.websiteToken}:visitor`;
    const token = await frame.evaluate((k) => localStorage.getItem(k), key);
    await page.evaluate(() => (window as unknown as { $concierge: { reset(): void } }).$concierge.reset());
    await frame.waitForFunction(
      ([k, old]) => ![null, old].includes(localStorage.getItem(k!)) && document.querySelectorAll('.cw-list > .cw-msg:not(.cw-greeting)').length === 0,
      [key, token],
    );
    await context.close();
  });

  it('embeds the real widget in the demo store page, whose buttons use the SDK', async () => {
    await hub.app.get(DemoSeeder).seedIfEmpty(null);
    const context = await browser.context();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${hub.url}/demo/`);
    await bubble(page).waitFor();
    expect(await bubble(page).getAttribute('aria-label')).toBe('Open chat: Maison Demo');
    await page.click('button.product__ask[data-product="Le Sac Amande"]');
    const frame = await widgetFrame(page);
    await frame.waitForFunction(() => document.activeElement?.id === 'cw-input');
    expect(await frame.textContent('.cw-greeting')).toContain('Bonjour!');
    await frame.waitForFunction(() => !document.querySelector('.cw-status'));
    await sendFromWidget(frame, 'Does it come in tan?');
    await frame.waitForSelector('.cw-in:not(.cw-pending) .cw-text:text-is("Does it come in tan?")');
    const rows = await hub.query<{ attributes: Record<string, unknown> }>(`SELECT c.attributes FROM contact c JOIN contact_channel cc ON cc.contact_id = c.id JOIN inbox i ON i.id = cc.inbox_id WHERE i.name = 'Maison Demo website'`);
    expect(rows.map((r) => r.attributes)).toEqual([{ interestedIn: 'Le Sac Amande' }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is full screen on a 375×812 phone and a 380×600 panel on a desktop', async () => {
    const phone = await browser.context({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(url);
    await openWidget(page);
    expect(await page.locator('#concierge-widget iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 812 });
    await phone.close();

    const desktop = await browser.context({ viewport: { width: 1280, height: 800 } });
    const wide = await desktop.newPage();
    await wide.goto(url);
    await openWidget(wide);
    const box = (await wide.locator('#concierge-widget iframe').boundingBox())!;
    expect([box.width, box.height]).toEqual([380, 600]);
    expect(box.x + box.width).toBe(1280 - 20);
    await desktop.close();
  });

  it('works with the keyboard alone: Tab to the bubble, Enter opens, Enter sends, Escape closes and returns focus', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto(url);
    await bubble(page).waitFor();
    const focusedIsBubble = () => page.evaluate(() => document.activeElement?.id === 'concierge-widget' && document.activeElement.shadowRoot?.activeElement?.classList.contains('b'));
    for (let i = 0; i < 5 && !(await focusedIsBubble()); i++) await page.keyboard.press('Tab');
    expect(await focusedIsBubble()).toBe(true);

    await page.keyboard.press('Enter');
    const frame = await widgetFrame(page);
    await frame.waitForFunction(() => document.activeElement?.id === 'cw-input' && document.hasFocus());
    await frame.waitForFunction(() => !document.querySelector('.cw-status'));
    const seen = nextEvent(agent, 'message.created', (m) => m.content.text === 'typed without a mouse', 10_000);
    await page.keyboard.type('typed without a mouse');
    await page.keyboard.press('Enter');
    await seen;
    await frame.waitForSelector('.cw-in:not(.cw-pending) .cw-bubble:has-text("typed without a mouse")');

    // Focus stays inside the chat while it is open (Tab from the last control wraps to the first).
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.hasFocus() && document.activeElement !== document.body)).toBe(true);

    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await focusedIsBubble()).toBe(true);
    expect(await bubble(page).getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});
