import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeWhatsappClientFactory } from '@concierge/channels-whatsapp-web';
import type { Page } from 'playwright-core';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import { addAgent, createBrand, createWebchatInbox, PASSWORD, startHub, type Brand, type TestHub } from '../support/hub.js';
import { api, connectVisitor, openConversation, row, type Visitor } from './inbox-harness.js';

/** Admin settings, labels, snooze, teams, brands, language and session expiry, through the UI. */
describe('agent inbox settings and preferences', () => {
  const clients = new FakeWhatsappClientFactory();
  let hub: TestHub;
  let brand: Brand;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];
  let visitor: Visitor;

  beforeAll(async () => {
    hub = await startHub({}, undefined, { whatsappWebClients: clients });
    brand = await createBrand(hub, 'Maison Settings');
    await hub.http().post('/api/v1/accounts').auth(brand.admin.token, { type: 'bearer' }).send({ name: 'Second Brand' }).expect(201);
    const inbox = await createWebchatInbox(hub, brand);
    visitor = await connectVisitor(hub, inbox.websiteToken, { name: 'Eva Settings' });
    await visitor.send('Hello settings');
    browser = await launchBrowser();
    page = await (await browser.context({ viewport: { width: 1400, height: 900 } })).newPage();
    errors = watchErrors(page);
  }, 60_000);

  afterAll(async () => {
    visitor?.close();
    await browser?.close();
    await hub?.close();
  });

  it('asks an agent of several brands which one, and switches brands from the top bar', async () => {
    await page.goto(`${hub.url}/app/`);
    await page.getByTestId('login-email').fill(brand.admin.email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-choice').filter({ hasText: 'Second Brand' }).click();
    await page.getByTestId('account-switcher').waitFor();
    await page.getByText('No conversations here.').waitFor();
    await page.getByTestId('account-switcher').selectOption({ label: 'Maison Settings' });
    await row(page, visitor.conversationId!).waitFor();
  }, 60_000);

  it('creates inboxes of several channel types and pairs WhatsApp Web with the live QR', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('inboxes-settings').waitFor();
    await page.getByTestId('inbox-new').click();
    await page.getByTestId('inbox-name').fill('Boutique SMS');
    await page.getByTestId('inbox-type').selectOption('twilio_sms');
    await page.getByTestId('inbox-field-accountSid').fill(`AC${'1'.repeat(32)}`);
    await page.getByTestId('inbox-field-authToken').fill('f'.repeat(32));
    await page.getByTestId('inbox-field-phoneNumber').fill('+14155550111');
    await page.getByTestId('inbox-save').click();
    const details = page.getByTestId('inbox-details');
    await details.waitFor();
    expect(await details.textContent()).toContain(`${hub.url}/webhooks/twilio/`);
    expect(await details.textContent()).not.toContain('f'.repeat(32));
    await details.getByRole('button', { name: 'Back', exact: true }).click();

    await page.getByTestId('inbox-new').click();
    await page.getByTestId('inbox-name').fill('Store chat');
    await page.getByTestId('inbox-field-allowedOrigins').fill('https://shop.example');
    await page.getByTestId('inbox-save').click();
    await details.getByText('Identity secret', { exact: true }).waitFor();
    expect(await details.textContent()).toContain('widget.js');
    await details.getByRole('button', { name: 'Back', exact: true }).click();

    await page.getByTestId('inbox-new').click();
    await page.getByTestId('inbox-name').fill('WhatsApp Web line');
    await page.getByTestId('inbox-type').selectOption('whatsapp_web');
    await page.getByTestId('inbox-save').click();
    await page.getByTestId('wa-session').waitFor();
    const until = Date.now() + 5000;
    while (clients.clients.length === 0 && Date.now() < until) await page.waitForTimeout(20);
    clients.last.showQr();
    await page.getByTestId('wa-qr').waitFor();
    expect(await page.getByTestId('wa-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    clients.last.link('6281234500000');
    await page.getByTestId('wa-session-state').filter({ hasText: 'Connected' }).waitFor();
  }, 60_000);

  it('manages labels, canned responses, teams and agents', async () => {
    await page.getByTestId('settings-labels').click();
    await page.getByTestId('labels-settings').getByTestId('crud-new').click();
    await page.getByTestId('field-name').fill('VIP');
    await page.getByTestId('crud-save').click();
    await page.getByTestId('labels-settings').getByRole('cell', { name: 'VIP' }).waitFor();

    await page.getByTestId('settings-canned').click();
    await page.getByTestId('canned-settings').getByTestId('crud-new').click();
    await page.getByTestId('field-shortCode').fill('hello');
    await page.getByTestId('field-content').fill('Hello {{contact.first_name}}!');
    await page.getByTestId('crud-save').click();
    await page.getByTestId('canned-settings').getByText('/hello').waitFor();

    const tom = await addAgent(hub, brand);
    await page.getByTestId('settings-agents').click();
    await page.getByTestId('agents-settings').getByText(tom.email).waitFor();
    await page.getByTestId('settings-teams').click();
    await page.getByTestId('teams-settings').getByTestId('crud-new').click();
    await page.getByTestId('field-name').fill('Boutique Paris');
    await page.getByRole('checkbox', { name: `Agent ${tom.email.slice(6, 10)}` }).check();
    await page.getByTestId('crud-save').click();
    await page.getByTestId('teams-settings').getByRole('cell', { name: `Agent ${tom.email.slice(6, 10)}` }).waitFor();
    expect((await api(hub, brand).get('teams')).body).toEqual([expect.objectContaining({ name: 'Boutique Paris', agentIds: [tom.id] })]);
  }, 60_000);

  it('labels, filters, assigns to a team and snoozes (Alt+M) from the thread', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox', exact: true }).click();
    await openConversation(page, visitor.conversationId!);
    await page.getByTestId('labels-menu').click();
    await page.getByTestId('label-option').check();
    await page.getByTestId('label-chip').filter({ hasText: 'VIP' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('label-filter').selectOption({ label: 'VIP' });
    await row(page, visitor.conversationId!).waitFor();
    expect(await page.getByTestId('conversation-item').count()).toBe(1);
    await page.getByTestId('label-filter').selectOption('');

    await page.getByTestId('assign-menu').click();
    await page.getByTestId('assign-team').filter({ hasText: 'Boutique Paris' }).click();
    await page.getByTestId('thread-meta').filter({ hasText: 'Team: Boutique Paris' }).waitFor();

    await page.getByTestId('thread-log').focus();
    await page.keyboard.press('Alt+M');
    await page.getByTestId('snooze-oneHour').click();
    await page.locator('[data-testid="thread"][data-status="snoozed"]').waitFor();
    expect(await page.getByTestId('thread-status').textContent()).toMatch(/^Snoozed until/);
    await page.getByTestId('reopen').click();
    await page.locator('[data-testid="thread"][data-status="open"]').waitFor();
  }, 60_000);

  it('switches to Chinese (kept after a reload) and sends an expired session back to sign-in', async () => {
    await page.getByTestId('preferences').click();
    await page.getByTestId('locale').selectOption('zh-CN');
    await page.getByTestId('tab-mine').filter({ hasText: '我的' }).waitFor();
    await page.reload();
    await page.getByTestId('tab-unassigned').filter({ hasText: '未分配' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('preferences').click();
    await page.getByTestId('locale').selectOption('en');
    await page.getByTestId('tab-mine').filter({ hasText: 'Mine' }).waitFor();

    // A revoked or expired token: the next API answer is 401 and the agent lands on the sign-in form.
    await page.evaluate(() => {
      const key = 'concierge.inbox.session';
      const s = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...s, accessToken: 'expired.token.value' }));
    });
    await page.reload();
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    await page.getByTestId('login-email').waitFor();
    // Expected noise: the 401s themselves, and socket.io's 400 "session ID unknown" when a long-poll races the
    // server closing the rejected socket (a property of the polling transport, not an application error).
    expect(errors.filter((e) => !/status of 401 /.test(e) && !/status of 400 .*\/socket\.io\//.test(e))).toEqual([]);
  }, 60_000);
});
