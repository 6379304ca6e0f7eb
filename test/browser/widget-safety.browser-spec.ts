import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { launchBrowser, seriousA11yViolations, watchErrors, type TestBrowser } from '../support/browser.js';
import { agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connectError, connected, emitAck, nextEvent } from '../support/sockets.js';
import { agentSends, bubble, embedPage, openWidget, sendFromWidget, storefront, widgetTexts, type Storefront } from './widget-harness.js';

jest.setTimeout(45_000);

/** A 1×1 PNG: a real image the browser decodes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * The widget's guard rails: accessibility (axe), agent content that tries to run script, a page from an
 * origin the inbox does not allow, attachments both ways, rich content and quick replies.
 */
describe('web-chat widget: accessibility, safety, attachments and rich content', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string };
  let store: Storefront;
  let elsewhere: Storefront;
  let browser: TestBrowser;
  let agent: Socket;
  let url: string;

  /** Opens the widget on the store, sends a first message and returns the frame and the conversation id. */
  async function startConversation(page: Awaited<ReturnType<Awaited<ReturnType<TestBrowser['context']>>['newPage']>>, text: string) {
    await page.goto(url);
    const frame = await openWidget(page);
    const seen = nextEvent(agent, 'message.created', (m) => m.content.text === text, 10_000);
    await sendFromWidget(frame, text);
    return { frame, conversationId: (await seen).conversationId as string };
  }

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Safety');
    store = await storefront();
    elsewhere = await storefront();
    // A pale brand colour: the widget must still pick readable text on it.
    inbox = await createWebchatInbox(hub, brand, { channel: { type: 'webchat', allowedOrigins: [store.origin], color: '#f5d76e', position: 'left' } });
    url = store.page('/', embedPage(hub.url, inbox.websiteToken));
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    agent?.disconnect();
    await browser?.close();
    await store?.close();
    await elsewhere?.close();
    await hub?.close();
  });

  it('has no serious or critical axe violations in the widget frame, nor on the bubble', async () => {
    // axe is injected as an inline script: the widget's CSP (script-src 'self') would refuse it.
    const context = await browser.context({ bypassCSP: true });
    const page = await context.newPage();
    const { frame, conversationId } = await startConversation(page, 'Do you ship to Lisbon?');
    await agentSends(hub, brand, conversationId, { type: 'buttons', text: 'Which size?', buttons: [{ id: 's', title: 'Small' }, { id: 'm', title: 'Medium' }] });
    await agentSends(hub, brand, conversationId, { type: 'product_card', productId: 'p1', title: 'Le Sac Amande', price: { amount: '2450.00', currency: 'EUR' }, url: 'https://shop.example/amande' });
    await frame.waitForSelector('.cw-card');
    expect(await seriousA11yViolations(frame)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('renders agent content as text: HTML and script in messages execute nothing', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const { frame, conversationId } = await startConversation(page, 'hello');
    const payloads = [
      '<img src=x onerror="window.__xss=1;parent.__xss=1">',
      '<script>window.__xss=2</script>',
      '"><svg onload="window.__xss=3">',
      '<a href="javascript:window.__xss=4">click</a>',
    ];
    for (const text of payloads) await agentSends(hub, brand, conversationId, { type: 'text', text });
    await agentSends(hub, brand, conversationId, { type: 'buttons', text: '<b onmouseover="window.__xss=5">bold</b>', buttons: [{ id: 'x', title: '<i onclick=a()>x</i>' }] });
    const card = await agentSends(hub, brand, conversationId, { type: 'link_button', text: 'Our boutique', buttonText: '<i>Visit</i>', url: 'https://shop.example/visit' });
    await frame.waitForSelector('.cw-btn:has-text("<i>Visit</i>")');
    for (const text of payloads) await frame.waitForSelector(`.cw-text:text-is(${JSON.stringify(text)})`);
    expect(await frame.locator('.cw-option', { hasText: '<i onclick=a()>x</i>' }).count()).toBe(1);
    expect(await frame.locator('.cw-log img[src="x"], .cw-log svg[onload], .cw-log script, .cw-log b, .cw-log i').count()).toBe(0);
    expect(await frame.locator('a[href^="javascript:"]').count()).toBe(0);

    // Content the API would refuse (a tampered row): the widget still links only to http(s).
    await hub.query(`UPDATE message SET content = $1 WHERE id = $2`, [
      JSON.stringify({ type: 'link_button', text: 'tampered', buttonText: 'Open', url: 'javascript:window.__xss=7', imageUrl: 'javascript:window.__xss=8' }),
      card.id,
    ]);
    await page.reload();
    const again = await openWidget(page);
    await again.waitForSelector('.cw-text:text-is("tampered")');
    expect(await again.locator('a[href^="javascript:"], img[src^="javascript:"]').count()).toBe(0);
    await again.hover('.cw-text:has-text("bold")');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await again.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a page from an origin outside the allow-list from chatting', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => warnings.push(m.text()));
    await page.goto(elsewhere.page('/', embedPage(hub.url, inbox.websiteToken)));
    await page.waitForEvent('console', { predicate: (m) => m.text().includes('[concierge] chat disabled on this page'), timeout: 10_000 });
    expect(warnings.some((w) => w.includes(`${elsewhere.origin} is not in this inbox's allowed origins`))).toBe(true);
    expect(await bubble(page).count()).toBe(0);

    // Even framing the widget by hand fails: its CSP frame-ancestors lists the allowed origins only.
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.appendChild(iframe);
    }, `${hub.url}/widget/?websiteToken=${inbox.websiteToken}`);
    await page.waitForTimeout(1000);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    const hasApp = await framed?.evaluate(() => !!document.getElementById('app')).catch(() => false);
    expect(hasApp ?? false).toBe(false);

    // And the socket refuses a handshake claiming that page, from the hub's own origin or the page's.
    const refused = await connectError(visitorSocket(hub, { websiteToken: inbox.websiteToken, pageOrigin: elsewhere.origin }, { origin: hub.url }));
    expect(refused.message).toMatch(/^ORIGIN_NOT_ALLOWED/);
    expect((await connectError(visitorSocket(hub, { websiteToken: inbox.websiteToken, pageOrigin: store.origin }, { origin: elsewhere.origin }))).message).toMatch(/^ORIGIN_NOT_ALLOWED/);
    const allowed = visitorSocket(hub, { websiteToken: inbox.websiteToken, pageOrigin: store.origin }, { origin: hub.url });
    expect((await nextEvent(allowed, 'session')).widget).toMatchObject({ color: '#f5d76e', position: 'left' });
    allowed.disconnect();
    const config = await fetch(`${hub.url}/widget/config?websiteToken=${inbox.websiteToken}`, { headers: { origin: elsewhere.origin } });
    expect(config.status).toBe(403);
    await context.close();
  });

  it('uploads attachments from the widget and shows them; agents see them as media', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const { frame, conversationId } = await startConversation(page, 'a photo of the scratch');
    const image = nextEvent(agent, 'message.created', (m) => m.content.type === 'media' && m.content.mediaType === 'image', 10_000);
    await frame.setInputFiles('input[type=file]', { name: 'scratch.png', mimeType: 'image/png', buffer: PNG });
    const media = (await image).content;
    expect(media).toMatchObject({ type: 'media', mediaType: 'image', mimeType: 'image/png', filename: 'scratch.png', sizeBytes: PNG.length });
    expect(media.url).toMatch(new RegExp(`^${hub.url}/media/`));
    await frame.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.cw-in img.cw-image')].some((img) => img.complete && img.naturalWidth === 1));

    const pdf = nextEvent(agent, 'message.created', (m) => m.content.type === 'media' && m.content.mediaType === 'document', 10_000);
    await frame.setInputFiles('input[type=file]', { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await pdf;
    await frame.waitForSelector('.cw-in a.cw-file:has-text("receipt.pdf")');

    // Refused types stay in the widget as a failed bubble the visitor can remove.
    await frame.setInputFiles('input[type=file]', { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') });
    await frame.waitForSelector('.cw-pending:has-text("page.html") .cw-link:has-text("Remove")');
    await frame.click('.cw-pending .cw-link:has-text("Remove")');
    expect(await frame.locator('.cw-pending').count()).toBe(0);

    // The assistant's own upload reaches the widget as an inline image.
    const upload = await hub.http().post(`/api/v1/accounts/${brand.accountId}/attachments?filename=swatch.png`).auth(brand.admin.token, { type: 'bearer' }).set('content-type', 'image/png').send(PNG).expect(201);
    await agentSends(hub, brand, conversationId, { type: 'media', mediaType: 'image', attachmentId: upload.body.id, caption: 'The tan swatch' });
    await frame.waitForSelector('.cw-out .cw-media:has-text("The tan swatch") img.cw-image');

    // Another visitor (or another brand's inbox) cannot send someone else's attachment id.
    const mallory = visitorSocket(hub, { websiteToken: inbox.websiteToken, pageOrigin: store.origin }, { origin: hub.url });
    await nextEvent(mallory, 'session');
    expect(await emitAck(mallory, 'message.send', { clientMessageId: 'steal-1', content: { type: 'media', attachmentId: upload.body.id } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    mallory.disconnect();
    const anonymous = await fetch(`${hub.url}/webchat/attachments`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-website-token': inbox.websiteToken }, body: PNG });
    expect(anonymous.status).toBe(401);
    await context.close();
  });

  it('shows product, order and video-call cards, and quick replies send the choice as text', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const started = await startConversation(page, 'show me something');
    let frame = started.frame;
    const conversationId = started.conversationId;
    await agentSends(hub, brand, conversationId, { type: 'product_card', productId: 'p1', title: 'Le Sac Amande', price: { amount: '2450.00', currency: 'EUR' }, imageUrl: `${hub.url}/favicon.svg`, url: 'https://shop.example/amande' });
    // Order and video-call cards come from features that send them server-side; written here as stored rows.
    for (const content of [
      { type: 'video_call_invite', callId: 'c1', url: 'https://meet.example/c1', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      { type: 'order_summary', orderId: 'MD-1042' },
    ]) {
      const row = await agentSends(hub, brand, conversationId, { type: 'text', text: 'placeholder' });
      await hub.query('UPDATE message SET content = $1 WHERE id = $2', [JSON.stringify(content), row.id]);
    }
    await agentSends(hub, brand, conversationId, { type: 'buttons', text: 'Which colour?', buttons: [{ id: 'black', title: 'Black' }, { id: 'tan', title: 'Tan' }] });
    await frame.waitForSelector('.cw-option:has-text("Tan")');
    await page.reload();
    frame = await openWidget(page);

    const card = frame.locator('.cw-card', { hasText: 'Le Sac Amande' });
    await card.waitFor();
    expect(await card.locator('.cw-price').textContent()).toMatch(/2,450\.00/);
    expect(await card.locator('a.cw-btn').getAttribute('href')).toBe('https://shop.example/amande');
    expect(await card.locator('img').getAttribute('src')).toBe(`${hub.url}/favicon.svg`);
    const join = frame.locator('a.cw-btn', { hasText: 'Join video call' });
    expect(await join.getAttribute('href')).toBe('https://meet.example/c1');
    expect(await join.getAttribute('rel')).toContain('noopener');
    expect(await frame.locator('.cw-card', { hasText: 'Order MD-1042' }).count()).toBe(1);

    const choice = nextEvent(agent, 'message.created', (m) => m.direction === 'in' && m.content.text === 'Tan', 10_000);
    await frame.click('.cw-option:has-text("Tan")');
    await choice;
    await frame.waitForSelector('.cw-in:not(.cw-pending) .cw-text:text-is("Tan")');
    expect((await widgetTexts(frame)).at(-1)).toBe('Tan');
    await context.close();
  });

  it('speaks Simplified Chinese to a zh-CN browser', async () => {
    const context = await browser.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(url);
    await bubble(page).waitFor();
    expect(await bubble(page).getAttribute('aria-label')).toMatch(/^打开聊天/);
    const frame = await openWidget(page);
    expect(await frame.getAttribute('#cw-input', 'placeholder')).toBe('输入消息…');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await context.close();
  });
});
