import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RealtimePublisher } from '@concierge/contracts';
import type { Page } from 'playwright-core';
import { launchBrowser, watchErrors, type TestBrowser } from '../support/browser.js';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { createWebchatInbox } from '../support/hub.js';
import { api, connectVisitor, openConversation, signIn, type Visitor } from './inbox-harness.js';

const sms = CASES.find((c) => c.type === 'twilio_sms')!;
const whatsapp = CASES.find((c) => c.type === 'twilio_whatsapp')!;
// A 1×1 PNG, uploaded as an agent attachment.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Channel rules in the composer (WhatsApp window and templates, SMS segments and STOP), attachments, ticks, reconnects. */
describe('agent inbox on provider channels', () => {
  let world: ChannelWorld;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];
  let visitor: Visitor | undefined;
  const composer = () => page.getByTestId('composer-input');

  beforeAll(async () => {
    world = await channelWorld();
    browser = await launchBrowser();
    page = await (await browser.context({ viewport: { width: 1400, height: 900 } })).newPage();
    errors = watchErrors(page);
    await signIn(page, world.hub, world.brand.admin.email);
  }, 90_000);

  afterAll(async () => {
    visitor?.close();
    await browser?.close();
    await world?.close();
  });

  it('counts down the WhatsApp window, shows delivery ticks, and offers templates once the window is closed', async () => {
    const inbound = await world.inbound(whatsapp, 'Hola, do you have the bag in red?');
    const inboxId = world.inboxes.get('twilio_whatsapp')!.id;
    await api(world.hub, world.brand).post(`inboxes/${inboxId}/templates`, { name: 'back_in_stock', language: 'en_US', body: 'Hi {{1}}, the {{2}} is back in stock.' }).expect(201);
    await openConversation(page, inbound.conversationId);
    expect(await page.getByTestId('window-open').textContent()).toMatch(/free replies for 2[34] h \d+ min/);

    await composer().fill('Yes, we have it in red.');
    await composer().press('Enter');
    const reply = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: 'Yes, we have it in red.' });
    await reply.locator('[data-testid="delivery-status"][data-status="delivered"], [data-testid="delivery-status"][data-status="read"]').waitFor({ timeout: 15_000 });

    // The window closes (24 h later): a free-text reply is refused with a clear message, and the template picker takes over.
    await world.hub.query(`UPDATE conversation SET customer_window_expires_at = now() - interval '1 minute' WHERE id = $1`, [inbound.conversationId]);
    await composer().fill('Are you still there?');
    await composer().press('Enter');
    const failed = page.getByTestId('pending').filter({ hasText: 'Are you still there?' });
    await failed.getByRole('alert').filter({ hasText: '24-hour window is closed' }).waitFor();
    await page.getByTestId('template-picker').waitFor();
    expect(await page.getByTestId('window-closed').isVisible()).toBe(true);
    await failed.getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('template-select').selectOption({ label: 'back_in_stock (en_US)' });
    const variables = page.getByTestId('template-variable');
    await variables.nth(0).fill('Ana');
    await variables.nth(1).fill('red Amande bag');
    expect(await page.getByTestId('template-preview').textContent()).toBe('Hi Ana, the red Amande bag is back in stock.');
    await page.getByTestId('template-send').click();
    const template = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: 'Hi Ana, the red Amande bag is back in stock.' });
    await template.waitFor();
    expect(await template.textContent()).toContain('Template back_in_stock');
    // A private note is still possible while the window is closed.
    await page.keyboard.press('Alt+P');
    await composer().waitFor();
  }, 60_000);

  it('counts SMS segments and explains a refusal after the customer texted STOP', async () => {
    const inbound = await world.inbound(sms, 'Is my order ready?');
    await openConversation(page, inbound.conversationId);
    await page.getByTestId('mode-reply').click();
    await composer().fill('Your order is ready for pickup.');
    await page.getByTestId('sms-counter').filter({ hasText: '1 SMS segment · GSM-7' }).waitFor();
    await composer().fill('x'.repeat(161));
    await page.getByTestId('sms-counter').filter({ hasText: '2 SMS segments · GSM-7' }).waitFor();
    await composer().fill('Your order is ready 🎉');
    await page.getByTestId('sms-counter').filter({ hasText: 'UCS-2' }).waitFor();

    await world.phoneSend(sms, { text: 'STOP' });
    await page.getByTestId('message').filter({ hasText: 'STOP' }).waitFor();
    await composer().press('Enter');
    const failed = page.getByTestId('pending').filter({ hasText: 'Your order is ready 🎉' });
    await failed.getByRole('alert').filter({ hasText: 'opted out' }).waitFor();
    expect(await failed.getByTestId('resend').isVisible()).toBe(true);
  }, 60_000);

  it('shows a paused inbox banner and SLA alerts live', async () => {
    const inboxId = world.inboxes.get('twilio_sms')!.id;
    const publisher = world.hub.app.get(RealtimePublisher);
    const accountId = world.brand.accountId;
    publisher.toAgents({ accountId, inboxId }, 'inbox.status', { accountId, inboxId, status: 'paused', detail: 'Twilio refused the credentials (20003)' });
    await page.getByTestId('inbox-paused').filter({ hasText: 'paused' }).filter({ hasText: '20003' }).waitFor();
    // A conversation that is not open: the open thread re-reads its real SLA state from the hub (which has
    // no clock here) and would rightly clear a badge this synthetic event sets.
    const openId = await page.getByTestId('thread').getAttribute('data-conversation-id');
    const ids = await page.getByTestId('conversation-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-conversation-id')));
    const conversationId = ids.find((id) => id && id !== openId) ?? openId;
    publisher.toAgents({ accountId, inboxId }, 'conversation.sla', { accountId, conversationId: conversationId!, inboxId, kind: 'first_response', state: 'breached', dueAt: new Date().toISOString() });
    await page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`).getByTestId('sla').filter({ hasText: 'SLA breached' }).waitFor();
  }, 30_000);

  it('uploads an attachment and shows the image inline; resyncs what it missed while disconnected', async () => {
    const inbox = await createWebchatInbox(world.hub, world.brand);
    visitor = await connectVisitor(world.hub, inbox.websiteToken, { name: 'Dora Visitor' });
    const first = await visitor.send('Can you send a photo?');
    await page.getByTestId('tab-all').click();
    await openConversation(page, first.conversationId);
    await page.getByTestId('attach-input').setInputFiles({ name: 'bag.png', mimeType: 'image/png', buffer: PNG });
    const image = page.locator('[data-testid="message"][data-direction="out"] .media img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(new RegExp(`^${world.hub.url}/media/`));
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    // The hub drops the agent's sockets; a customer message arrives meanwhile; the reconnect refetches it.
    world.hub.app.get(RealtimePublisher).disconnectAgent(world.brand.admin.id);
    await page.getByTestId('connection').filter({ hasText: 'Offline' }).waitFor();
    await visitor.send('Sent while you were offline');
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('message').filter({ hasText: 'Sent while you were offline' }).waitFor({ timeout: 10_000 });
    // The refused sends above (422 window closed, 409 opted out) are the only failed requests the browser logged.
    expect(errors.filter((e) => !/status of (409|422) /.test(e))).toEqual([]);
  }, 60_000);
});
