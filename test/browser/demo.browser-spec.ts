import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import type { TestHub } from '../support/hub.js';
import { bannerPaths, inboxBotReplies, startDemoHub, widgetMessages } from './demo-harness.js';
import { openConversation, signIn } from './inbox-harness.js';
import { bubble, openWidget, sendFromWidget } from './widget-harness.js';

const DEMO_PASSWORD = 'demo-password-for-tests';
const MEI = 'mei@demo.concierge.test';

/**
 * The Quickstart's promise, through the UI only: on a hub seeded like `npm start` seeds it, a shopper chats
 * from the demo store page while Mei answers in the agent inbox. Needs the built web apps (`npm run build`).
 *
 * The demo web-chat inbox keeps Paris boutique hours (Mon–Sat 10:00–19:00, Europe/Paris) with out-of-office
 * on, so depending on the real time of day the shopper may get one automatic reply: either is accepted,
 * never more than one.
 */
describe('demo: shopper on /demo/ ↔ assistant on /app/', () => {
  let hub: TestHub;
  let browser: TestBrowser;

  beforeAll(async () => {
    const started = await startDemoHub(DEMO_PASSWORD);
    hub = started.hub;
    expect(started.seed.logins.map((l) => l.email)).toContain(MEI);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('a message from the demo store reaches Mei live, her reply reaches the shopper, resolved, and the chat survives a reload', async () => {
    const question = 'Bonjour, could you engrave initials on a gift for my sister?';
    const answer = 'Of course! Engraving is complimentary, up to three letters.';

    // A: the shopper on the demo store page (the real embed snippet, added by /demo/main.js).
    const shopper = await (await browser.context({ viewport: { width: 1280, height: 800 } })).newPage();
    const shopperErrors = watchErrors(shopper);
    await shopper.goto(`${hub.url}/demo/`);
    await bubble(shopper).waitFor({ state: 'visible' });
    expect(await bubble(shopper).getAttribute('aria-label')).toBe('Open chat: Maison Demo');
    const chat = await openWidget(shopper);
    expect(await chat.textContent('.cw-title')).toBe('Maison Demo');

    // B: Mei signs in with the demo password before anyone writes; her list starts empty.
    const mei = await (await browser.context({ viewport: { width: 1400, height: 900 } })).newPage();
    const meiErrors = watchErrors(mei);
    await signIn(mei, hub, MEI, DEMO_PASSWORD);
    expect(await mei.title()).toContain('Maison Demo');
    const rows = mei.getByTestId('conversation-item');
    expect(await rows.count()).toBe(0);
    await mei.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

    // The shopper types and presses Enter; the conversation appears in Mei's list without a reload.
    await sendFromWidget(chat, question);
    await chat.waitForSelector(`.cw-in:not(.cw-pending) .cw-text:text-is("${question}")`);
    await rows.first().waitFor({ timeout: 10_000 });
    expect(await rows.count()).toBe(1);
    expect(await mei.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true); // live, no reload
    const conversationId = (await rows.first().getAttribute('data-conversation-id'))!;
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    await openConversation(mei, conversationId);
    // The sidebar asks the demo's connected store: an anonymous shopper has no orders.
    await mei.getByTestId('contact-orders').getByText('No orders for this contact.').waitFor();
    await mei.locator('[data-testid="message"][data-direction="in"]').filter({ hasText: question }).waitFor();

    // Mei answers with the composer and Enter; the shopper sees it in the widget, under Mei's name.
    const composer = mei.getByTestId('composer-input');
    await composer.fill(answer);
    await composer.press('Enter');
    await mei.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: answer }).waitFor();
    expect(await composer.inputValue()).toBe('');
    await chat.waitForSelector(`.cw-out .cw-bubble:has-text("${answer}")`, { timeout: 10_000 });
    const names = await chat.$$eval('.cw-out .cw-name', (els) => els.map((e) => e.textContent));
    expect(names).toContain('Mei Lin');

    // Mei resolves it from the thread header.
    await mei.getByTestId('resolve').click();
    await mei.locator(`[data-testid="thread"][data-conversation-id="${conversationId}"][data-status="resolved"]`).waitFor();
    await mei.getByTestId('activity').filter({ hasText: 'resolved' }).first().waitFor();

    // What each side saw: the question once, the answer once, and at most one automatic (bot) reply.
    const expectThread = (messages: { mine: boolean; text: string }[]) => {
      expect(messages.filter((m) => m.mine).map((m) => m.text)).toEqual([question]);
      const out = messages.filter((m) => !m.mine);
      expect(out.filter((m) => m.text === answer)).toHaveLength(1);
      expect(out.length).toBeLessThanOrEqual(2); // the answer + at most one automatic reply
      expect(messages[0]!.text).toBe(question);
      expect(messages.at(-1)!.text).toBe(answer);
    };
    const before = await widgetMessages(chat);
    expectThread(before);
    const inboxBots = await inboxBotReplies(mei).allTextContents();
    expect(inboxBots.length).toBeLessThanOrEqual(1);
    expect(before.filter((m) => !m.mine && m.text !== answer)).toHaveLength(inboxBots.length);
    const bot = before.find((m) => !m.mine && m.text !== answer);
    console.log(bot ? `demo web chat: one automatic reply (${JSON.stringify(bot.text)})` : 'demo web chat: no automatic reply (inside business hours)');

    // The shopper reloads the store page: the same conversation, each message once.
    await shopper.reload();
    await bubble(shopper).waitFor({ state: 'visible' });
    const again = await openWidget(shopper);
    await again.waitForSelector(`.cw-out .cw-bubble:has-text("${answer}")`, { timeout: 10_000 });
    const after = await widgetMessages(again);
    expectThread(after);
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(new Set(after.map((m) => m.id)).size).toBe(after.length);

    // Mei's side did not grow a second conversation either.
    await mei.getByTestId('status-filter').selectOption('all');
    await mei.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"][data-status="resolved"]`).waitFor();
    expect(await rows.count()).toBe(1);

    expect(shopperErrors).toEqual([]);
    expect(meiErrors).toEqual([]);
  }, 90_000);

  it('/agent/ leads to the inbox, and every URL of the start banner answers 200', async () => {
    // The banner of `npm start` (main.ts) lists exactly these.
    expect(bannerPaths()).toEqual(['/app/', '/demo/', '/api/docs']);
    const page = await (await browser.context()).newPage();
    const errors = watchErrors(page);
    for (const path of bannerPaths()) {
      const res = await page.goto(`${hub.url}${path}`);
      expect([path, res?.status()]).toEqual([path, 200]);
    }
    await page.waitForLoadState('networkidle');

    // The old console address (still in bookmarks and older docs) lands on the inbox's sign-in form.
    const redirect = await fetch(`${hub.url}/agent/`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    // The banner's first line, PUBLIC_URL itself, lands in the inbox too.
    const root = await fetch(`${hub.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/app/']);
    expect(redirect.headers.get('location')).toBe('/app/');
    const res = await page.goto(`${hub.url}/agent/`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${hub.url}/app/`);
    await page.getByTestId('login-email').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
