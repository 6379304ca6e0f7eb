import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { InboxesService } from '@concierge/inbox';
import { registerSandboxLines } from '../../apps/hub/src/demo/demo-channels.js';
import { DemoSeeder, sandboxInboxes, type DemoSeedResult } from '../../apps/hub/src/demo/demo-seeder.js';
import { startSandbox, type SandboxHandle } from '../../apps/sandbox/src/sandbox.js';
import { startHub, type TestHub } from '../support/hub.js';

/** What a newcomer gets from `npm start`: a hub with the demo brand seeded (no provider sandbox). */
export async function startDemoHub(password: string): Promise<{ hub: TestHub; seed: DemoSeedResult }> {
  // SEED_DEMO lets /demo/config.json answer; DEMO_PASSWORD is the password printed in the banner.
  const hub = await startHub({ SEED_DEMO: 'true', DEMO_PASSWORD: password });
  const seed = await hub.app.get(DemoSeeder).seedIfEmpty(null);
  return { hub, seed };
}

/**
 * The paths of the URLs `npm start` prints under "Concierge is running at …" (read from main.ts, so a
 * changed banner changes what is checked).
 */
export function bannerPaths(): string[] {
  const source = readFileSync(join(process.cwd(), 'apps', 'hub', 'src', 'main.ts'), 'utf8');
  return [...source.matchAll(/`\s+[A-Z][\w ]+?\s+\$\{config\.publicUrl\}(\/[^\s`]*)/g)].map((m) => m[1]!);
}

/** Bot (automation) replies in the inbox's open thread: outgoing messages whose sender shows as "Bot". */
export const inboxBotReplies = (page: Page): Locator =>
  page.locator('[data-testid="message"][data-direction="out"]').filter({ has: page.locator('.msg-sender', { hasText: /^Bot$/ }) });

/** Stored messages in the widget, in order, with who the visitor sees as the sender (null: no name shown). */
export function widgetMessages(frame: Frame): Promise<{ id: string; mine: boolean; text: string }[]> {
  return frame.$$eval('.cw-list > li.cw-msg:not(.cw-pending):not(.cw-greeting)', (els) =>
    els.map((el) => ({
      id: el.getAttribute('data-id') ?? '',
      mine: el.classList.contains('cw-in'),
      text: (el.querySelector('.cw-bubble')?.textContent ?? '').trim(),
    })),
  );
}

/** `npm start` with the provider sandbox: the demo brand also gets its WhatsApp and SMS inboxes, played by the sandbox's phone UI. */
export async function startDemoHubWithSandbox(password: string): Promise<{ hub: TestHub; sandbox: SandboxHandle; seed: DemoSeedResult }> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  const hub = await startHub({ SEED_DEMO: 'true', DEMO_PASSWORD: password });
  const seed = await hub.app.get(DemoSeeder).seedIfEmpty(sandbox.url);
  registerSandboxLines(sandbox, await sandboxInboxes(hub.app.get(InboxesService), sandbox.url));
  return { hub, sandbox, seed };
}

/** The sandbox's phone UI as one customer of one line ("WhatsApp Cloud", "Twilio SMS", …). */
export async function openPhone(page: Page, sandboxUrl: string, provider: string, phone: string, name: string): Promise<void> {
  await page.goto(`${sandboxUrl}/`);
  await page.locator('#line-select option', { hasText: provider }).first().waitFor({ state: 'attached' });
  const value = await page.locator('#line-select option', { hasText: provider }).first().getAttribute('value');
  await page.selectOption('#line-select', value!);
  await page.fill('#phone-input', phone);
  await page.fill('#name-input', name);
  await page.click('#open-button');
  await page.locator('#provider-badge').filter({ hasText: provider }).waitFor();
}

export async function phoneSays(page: Page, text: string): Promise<void> {
  await page.fill('#text-input', text);
  await page.press('#text-input', 'Enter');
  await page.locator('#thread .bubble.customer .text', { hasText: text }).first().waitFor();
}

/** The brand's bubbles on the phone (newest last). */
export const brandBubbles = (page: Page): Locator => page.locator('#thread .bubble.brand');
