import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, watchErrors, type TestBrowser } from '../support/browser.js';
import { createBrand, createWebchatInbox, startHub, type Brand, type TestHub } from '../support/hub.js';
import { api, connectVisitor, openConversation, row, signIn, type Visitor } from './inbox-harness.js';

/** A zone without daylight saving, so "closed now" computed from the real clock stays true for the whole suite. */
const ZONE = 'Asia/Tokyo';

/** The hour it is now in ZONE (0-23), from the real clock. */
function hourIn(zone: string, at = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

/**
 * Automation from the admin's screens to the customer: business hours (zone search, weekly intervals,
 * holidays, special dates, a validation error from the API), out-of-office and SLA settings, FAQs, then a
 * visitor writing while the shop is closed gets exactly one bot reply with the next opening time, and the
 * SLA clock shows in the thread header; the conversation list shows SLA badges on load.
 */
describe('agent inbox: business hours, automation, SLA clocks', () => {
  let hub: TestHub;
  let brand: Brand;
  let night: { id: string; websiteToken: string };
  let always: { id: string; websiteToken: string };
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];
  const visitors: Visitor[] = [];
  // Opens 3 hours from now and closes an hour later, every day: closed now whatever the day.
  const opensAt = hh(hourIn(ZONE) + 3);
  const closesAt = hh(hourIn(ZONE) + 4);
  const describeViolations = (list: Awaited<ReturnType<typeof seriousA11yViolations>>) => list.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Automation');
    night = await createWebchatInbox(hub, brand, { name: 'Night boutique' });
    always = await createWebchatInbox(hub, brand, { name: 'Always open' });
    browser = await launchBrowser();
    // axe is injected as a script tag, which the hub's CSP (script-src 'self') rightly blocks: this page bypasses CSP.
    page = await (await browser.context({ viewport: { width: 1400, height: 1000 }, bypassCSP: true })).newPage();
    errors = watchErrors(page);
    await signIn(page, hub, brand.admin.email);
  }, 60_000);

  afterAll(async () => {
    for (const v of visitors) v.close();
    await browser?.close();
    await hub?.close();
  });

  async function openInboxTab(name: string, tab: 'hours' | 'automation' | 'faqs'): Promise<void> {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-inboxes').click();
    const details = page.getByTestId('inbox-details');
    if (await details.count()) await details.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByTestId('inboxes-settings').getByTestId('inbox-open').filter({ hasText: name }).click();
    await page.getByTestId(`inbox-tab-${tab}`).click();
    await page.getByTestId(`inbox-panel-${tab}`).waitFor();
  }

  it('sets business hours in a zone where the shop is closed now, showing the API’s error next to a bad time', async () => {
    await openInboxTab('Night boutique', 'hours');
    const form = page.getByTestId('hours-form');
    await form.waitFor();
    await form.getByTestId('hours-unset').waitFor();
    await form.getByTestId('availability').filter({ hasText: 'always open' }).waitFor();

    // Search narrows the zone list; a single match is chosen.
    await form.getByTestId('zone-search').fill('tokyo');
    expect(await form.getByTestId('zone-select').inputValue()).toBe(ZONE);
    expect(await form.getByTestId('zone-select').locator('option').count()).toBe(1);

    // Suggested weekday hours; a bad time comes back from the API as a message beside that very field.
    const monday = form.locator('[data-testid="day-row"][data-day="1"]');
    await monday.getByTestId('weekly-open').fill('25:00');
    await form.getByTestId('hours-save').click();
    const mondayOpen = monday.getByTestId('weekly-open');
    await monday.getByTestId('field-error').filter({ hasText: 'open must be a time HH:mm' }).waitFor();
    expect(await mondayOpen.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('weekly-open');
    await form.getByTestId('form-errors').filter({ hasText: '1 field needs attention' }).waitFor();
    expect(await form.locator('[data-day="2"] [aria-invalid="true"]').count()).toBe(0);
    expect((await api(hub, brand).get(`inboxes/${night.id}/business-hours`)).body.configured).toBe(false);

    // Fix it, copy Monday to every day, add a holiday and a past-midnight special date far ahead.
    await mondayOpen.fill(opensAt);
    await monday.getByTestId('weekly-close').fill(closesAt);
    await monday.getByTestId('copy-to-all').click();
    expect(await form.getByTestId('interval').count()).toBe(7);
    await form.getByTestId('add-holiday').click();
    await form.getByTestId('holiday-date').fill('2099-12-25');
    await form.getByTestId('holiday-name').fill('Christmas');
    await form.getByTestId('add-special').click();
    await form.getByTestId('special-date').fill('2099-12-31');
    await form.getByTestId('special-open').fill('22:00');
    await form.getByTestId('special-close').fill('02:00');
    await form.getByTestId('special-row').getByTestId('next-day').waitFor();
    await form.getByTestId('hours-save').click();
    await form.getByTestId('form-saved').waitFor();
    expect(await form.getByTestId('field-error').count()).toBe(0);
    await form.getByTestId('availability').filter({ hasText: `Closed — opens at` }).filter({ hasText: opensAt }).waitFor();

    const stored = (await api(hub, brand).get(`inboxes/${night.id}/business-hours`)).body;
    expect(stored).toMatchObject({ configured: true, timeZone: ZONE, holidays: [{ date: '2099-12-25', name: 'Christmas' }], specialDates: [{ date: '2099-12-31', open: '22:00', close: '02:00' }] });
    expect(stored.weekly.map((w: { day: number }) => w.day).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stored.weekly.every((w: { open: string; close: string }) => w.open === opensAt && w.close === closesAt)).toBe(true);
    expect((await api(hub, brand).get(`inboxes/${night.id}/availability`)).body.open).toBe(false);

    expect(describeViolations(await seriousA11yViolations(page))).toEqual([]);
  }, 60_000);

  it('saves out-of-office and SLA settings (per-field errors first), and manages FAQs', async () => {
    await openInboxTab('Night boutique', 'automation');
    const form = page.getByTestId('automation-form');
    await form.waitFor();
    await form.getByTestId('ooo-enabled').check();
    await form.getByTestId('ooo-text-en').fill('We are closed right now. We open again {{nextOpen}}.');
    await form.getByText('{{nextOpen}}', { exact: true }).waitFor();
    await form.getByTestId('sla-first-response').fill('0');
    await form.getByTestId('assignment-mode').selectOption('capacity');
    await form.getByTestId('automation-save').click();
    await form.getByTestId('form-errors').filter({ hasText: '2 fields need attention' }).waitFor();
    await form.getByTestId('sla-targets').getByTestId('field-error').filter({ hasText: 'between 1 and' }).waitFor();
    await form.getByTestId('assignment').getByTestId('field-error').filter({ hasText: 'maxOpenPerAgent is required in capacity mode' }).waitFor();
    expect(await form.getByTestId('sla-first-response').getAttribute('aria-invalid')).toBe('true');

    await form.getByTestId('assignment-mode').selectOption('none');
    await form.getByTestId('sla-first-response').fill('30');
    await form.getByTestId('sla-resolution').fill('480');
    await form.getByTestId('sla-warn-before').fill('5');
    await form.getByTestId('automation-save').click();
    await form.getByTestId('form-saved').waitFor();
    const settings = (await api(hub, brand).get(`inboxes/${night.id}/automation`)).body;
    expect(settings).toMatchObject({
      outOfOffice: { enabled: true, texts: { en: 'We are closed right now. We open again {{nextOpen}}.' } },
      assignment: { mode: 'none' },
      sla: { firstResponseMinutes: 30, resolutionMinutes: 480, warnBeforeMinutes: 5 },
    });
    expect(describeViolations(await seriousA11yViolations(page))).toEqual([]);

    await page.getByTestId('inbox-tab-faqs').click();
    const faqs = page.getByTestId('faq-settings');
    await faqs.getByTestId('faq-new').click();
    await faqs.getByTestId('faq-save').click();
    await faqs.getByTestId('field-error').filter({ hasText: 'title must be a non-empty string' }).waitFor();
    expect(describeViolations(await seriousA11yViolations(page))).toEqual([]);
    await faqs.getByTestId('faq-title').fill('Returns');
    const en = faqs.locator('[data-testid="faq-locale"][data-locale="en"]');
    await en.getByTestId('faq-phrases').fill('return policy\ncan I return');
    await en.getByTestId('faq-answer').fill('You can return any item within 30 days.');
    await faqs.getByTestId('faq-save').click();
    await faqs.getByTestId('faq-row').filter({ hasText: 'Returns' }).filter({ hasText: 'return policy · can I return' }).waitFor();
    expect((await api(hub, brand).get(`inboxes/${night.id}/faqs`)).body).toEqual([
      expect.objectContaining({ title: 'Returns', phrases: { en: ['return policy', 'can I return'] }, answers: { en: 'You can return any item within 30 days.' }, enabled: true }),
    ]);
  }, 60_000);

  it('answers a visitor writing while closed with exactly one bot reply giving the next opening, and shows the SLA clock', async () => {
    const visitor = await connectVisitor(hub, night.websiteToken, { name: 'Yuki Night' });
    visitors.push(visitor);
    await visitor.send('Hello, are you open?');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox', exact: true }).click();
    await openConversation(page, visitor.conversationId!);

    const bot = page.locator('[data-testid="message"][data-direction="out"]').filter({ has: page.locator('.msg-sender', { hasText: /^Bot$/ }) });
    await bot.filter({ hasText: 'We are closed right now. We open again' }).filter({ hasText: `${opensAt} (${ZONE} time)` }).waitFor();
    // A second message in the same closed period gets no second out-of-office reply.
    await visitor.send('Anyone there?');
    await page.getByTestId('message').filter({ hasText: 'Anyone there?' }).waitFor();
    await page.waitForTimeout(1500);
    expect(await bot.count()).toBe(1);
    const stored = (await api(hub, brand).get(`conversations/${visitor.conversationId}/messages`)).body.data as { sender: { type: string } }[];
    expect(stored.filter((m) => m.sender.type === 'bot')).toHaveLength(1);

    // The clock started with the conversation and waits for the shop to open.
    const header = page.getByTestId('thread');
    const first = header.locator('[data-testid="sla-clock"][data-kind="firstResponse"]');
    await first.filter({ hasText: 'First reply paused — outside business hours (30 min left)' }).waitFor();
    await header.locator('[data-testid="sla-clock"][data-kind="resolution"]').filter({ hasText: 'Resolution paused — outside business hours (8 h left)' }).waitFor();

    // The assistant's reply settles the first-response clock.
    await page.getByTestId('composer-input').fill('Good evening! We open soon, how can I help?');
    await page.keyboard.press('Enter');
    await first.filter({ hasText: 'First reply met' }).waitFor();
    expect(await first.getAttribute('data-state')).toBe('met');
    expect(describeViolations(await seriousA11yViolations(page))).toEqual([]);
  }, 60_000);

  it('shows SLA badges in the list on load and a running clock in the header', async () => {
    await hub.http().put(`/api/v1/accounts/${brand.accountId}/inboxes/${always.id}/automation`).auth(brand.admin.token, { type: 'bearer' })
      .send({ sla: { firstResponseMinutes: 2, resolutionMinutes: 600, warnBeforeMinutes: 5 } }).expect(200);
    const visitor = await connectVisitor(hub, always.websiteToken, { name: 'Ada Always' });
    visitors.push(visitor);
    await visitor.send('Where is my order?');

    // After a reload the badge comes from GET sla/running, not from a live event.
    const running = page.waitForResponse((r) => r.url().includes('/sla/running') && r.status() === 200);
    await page.goto(`${hub.url}/app/`);
    const list = await (await running).json() as { conversationId: string; firstResponse: { state: string } }[];
    expect(list.find((v) => v.conversationId === visitor.conversationId)?.firstResponse.state).toMatch(/^(warning|breached)$/);
    await row(page, visitor.conversationId!).getByTestId('sla').filter({ hasText: /^SLA (soon|breached)$/ }).waitFor();

    await openConversation(page, visitor.conversationId!);
    await page.locator('[data-testid="sla-clock"][data-kind="firstResponse"]').filter({ hasText: /First reply (due soon: [12] min left|breached)/ }).waitFor();
    await page.locator('[data-testid="sla-clock"][data-kind="resolution"][data-state="running"]').filter({ hasText: /Resolution due in (9|10) h/ }).waitFor();
    // The only failed requests were the refused saves (400 with field details).
    expect(errors.filter((e) => !/status of 400 /.test(e))).toEqual([]);
  }, 60_000);
});
