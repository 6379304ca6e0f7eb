import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import type { Brand, TestHub } from '../support/hub.js';

/** A brand's store on another origin than the hub: a tiny HTTP server serving pages with the embed snippet. */
export interface Storefront {
  origin: string;
  /** Serves `html` at `path` from now on. */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function storefront(host = '127.0.0.1'): Promise<Storefront> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const html = pages.get(path);
    if (!html) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a brand pastes (CONTRACT: Widget embed), plus optional page script run before it. */
export function embedPage(hubUrl: string, websiteToken: string, head = '', body = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test store</title>${head}</head><body><main><h1>Test store</h1><p>Products.</p>${body}</main>
<script src="${hubUrl}/widget.js" data-website-token="${websiteToken}" async></script></body></html>`;
}

export const bubble = (page: Page) => page.locator('#concierge-widget button.b');
export const panel = (page: Page) => page.locator('#concierge-widget .p');

/** The chat app's frame (it exists only once the widget has been opened or preloaded). */
export async function widgetFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const until = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => /\/widget\/\?websiteToken=/.test(f.url()));
    if (frame) {
      await frame.waitForSelector('#cw-input', { timeout: Math.max(1, until - Date.now()) });
      return frame;
    }
    if (Date.now() > until) throw new Error('no widget frame');
    await page.waitForTimeout(50);
  }
}

/** Opens the widget with the bubble and waits until the chat is connected. */
export async function openWidget(page: Page): Promise<Frame> {
  await bubble(page).click();
  const frame = await widgetFrame(page);
  await frame.waitForFunction(() => !document.querySelector('.cw-status'), undefined, { timeout: 10_000 });
  return frame;
}

export async function sendFromWidget(frame: Frame, text: string): Promise<void> {
  await frame.fill('#cw-input', text);
  await frame.press('#cw-input', 'Enter');
}

/** Texts of the stored messages in the widget (pending bubbles excluded), in order. */
export function widgetTexts(frame: Frame): Promise<string[]> {
  return frame.$$eval('.cw-list > li.cw-msg:not(.cw-pending):not(.cw-greeting) .cw-bubble', (els) => els.map((e) => (e.textContent ?? '').trim()));
}

export async function agentSends(hub: TestHub, brand: Brand, conversationId: string, content: Record<string, unknown>): Promise<{ id: string }> {
  const res = await hub.http()
    .post(`/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/messages`)
    .auth(brand.admin.token, { type: 'bearer' })
    .send({ content })
    .expect(201);
  return res.body as { id: string };
}
