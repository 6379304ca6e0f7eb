import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import { createBrand, createWebchatInbox, startHub, type Brand, type TestHub } from '../support/hub.js';
import { signIn } from './inbox-harness.js';

const TOTAL = 5000;

/** Seeds `count` open conversations straight into the database (contact → channel → conversation), newest first by n. */
async function seedConversations(hub: TestHub, accountId: string, inboxId: string, count: number): Promise<void> {
  const ids = (kind: string) => `md5('${kind}' || $1::text || g)::uuid`;
  const series = 'FROM generate_series(1, $3::int) g';
  await hub.query(`INSERT INTO contact (id, account_id, name) SELECT ${ids('contact')}, $2, 'Bulk customer ' || g ${series}`, [inboxId, accountId, count]);
  await hub.query(
    `INSERT INTO contact_channel (id, account_id, contact_id, inbox_id, address) SELECT ${ids('channel')}, $2, ${ids('contact')}, $1::uuid, 'bulk-visitor-' || g ${series}`,
    [inboxId, accountId, count],
  );
  await hub.query(
    `INSERT INTO conversation (id, account_id, inbox_id, contact_channel_id, status, last_activity_at, last_message_preview)
     SELECT ${ids('conversation')}, $2, $1::uuid, ${ids('channel')}, 'open', now() - make_interval(secs => g), 'Bulk message ' || g ${series}`,
    [inboxId, accountId, count],
  );
}

describe('agent inbox with 5,000 conversations', () => {
  let hub: TestHub;
  let brand: Brand;
  let browser: TestBrowser;

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Volume');
    const inbox = await createWebchatInbox(hub, brand);
    await seedConversations(hub, brand.accountId, inbox.id, TOTAL);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('keeps a bounded number of rows in the DOM while scrolling through every page', async () => {
    const page = await (await browser.context({ viewport: { width: 1400, height: 900 } })).newPage();
    const errors = watchErrors(page);
    await signIn(page, hub, brand.admin.email);
    await page.getByTestId('conversation-item').first().waitFor();
    await page.getByTestId('count-all').filter({ hasText: String(TOTAL) }).waitFor();
    expect(await page.getByTestId('conversation-item').first().textContent()).toContain('Bulk customer 1');

    const scroller = page.getByTestId('conversation-scroll');
    const rows = () => page.getByTestId('conversation-item').count();
    const loaded = () => page.getByTestId('conversation-list').evaluate((ul) => Math.round(parseFloat((ul as HTMLElement).style.height) / 76));
    let maxRows = await rows();
    const started = Date.now();
    let frames = 0;
    while ((await loaded()) < TOTAL) {
      const before = await loaded();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForFunction(
        ([n]) => Math.round(parseFloat((document.querySelector('[data-testid="conversation-list"]') as HTMLElement).style.height) / 76) > n!,
        [before],
        { timeout: 10_000 },
      );
      maxRows = Math.max(maxRows, await rows());
      frames++;
    }
    const seconds = (Date.now() - started) / 1000;
    const fetches = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\/conversations\?.*cursor=/.test(e.name)).map((e) => e.duration).sort((a, b) => a - b));
    console.log(
      `5,000 conversations: ${frames} pages fetched while scrolling in ${seconds.toFixed(1)} s (median page request ${fetches[Math.floor(fetches.length / 2)]?.toFixed(0)} ms); ` +
        `at most ${maxRows} rows in the DOM`,
    );

    // The last (oldest) conversation is reachable, and the DOM never held more than a screenful plus overscan.
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByTestId('conversation-item').filter({ hasText: `Bulk customer ${TOTAL}` }).waitFor();
    expect(maxRows).toBeLessThan(40);
    expect(await rows()).toBeLessThan(40);
    expect(await page.getByTestId('conversation-item').last().getAttribute('data-conversation-id')).toBeTruthy();

    // Smooth scrolling: jump around the whole list and measure frame times while the browser paints.
    const janky = await scroller.evaluate(async (el) => {
      const gaps: number[] = [];
      let last = performance.now();
      for (let i = 0; i <= 60; i++) {
        el.scrollTop = (el.scrollHeight * i) / 60;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      gaps.sort((a, b) => a - b);
      return { p50: gaps[30], max: gaps[gaps.length - 1] };
    });
    console.log(`scroll frame time while jumping through 5,000 rows: p50 ${janky.p50!.toFixed(1)} ms, max ${janky.max!.toFixed(1)} ms`);
    expect(await rows()).toBeLessThan(40);

    // Alt+J opens the first conversation of the list.
    await page.keyboard.press('Alt+J');
    await page.getByTestId('thread-title').waitFor();
    expect(errors).toEqual([]);
  }, 180_000);
});
