import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchBrowser, seriousA11yViolations, watchErrors, type TestBrowser } from '../support/browser.js';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { createWebchatInbox, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';
import { openConversation, signIn } from './inbox-harness.js';

/**
 * A real 1:1 call on localhost: two Chromium contexts (assistant and customer) with Chromium's fake camera
 * and microphone open the call page, connect peer to peer through the hub's signalling, and each receives
 * the other's audio and video, asserted from RTCPeerConnection.getStats(). Needs the built call page.
 */
jest.setTimeout(90_000);

/** Records every RTCPeerConnection the page creates (the page itself keeps them private). */
const RECORD_PEER_CONNECTIONS = () => {
  const Native = window.RTCPeerConnection;
  const seen: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = seen;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      seen.push(this);
    }
  } as typeof RTCPeerConnection;
};

interface Inbound {
  kind: string;
  packetsReceived: number;
  framesDecoded: number | null;
  bytesReceived: number;
}

/** inbound-rtp counters of the page's connected peer connection. */
async function inbound(page: Page): Promise<Inbound[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [];
    const out: { kind: string; packetsReceived: number; framesDecoded: number | null; bytesReceived: number }[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp') out.push({ kind: String(s.kind), packetsReceived: Number(s.packetsReceived ?? 0), framesDecoded: s.kind === 'video' ? Number(s.framesDecoded ?? 0) : null, bytesReceived: Number(s.bytesReceived ?? 0) });
      });
    }
    return out;
  });
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  return last;
}

describe('1:1 video call in two browsers', () => {
  let world: ChannelWorld;
  let hub: TestHub;
  let brand: Brand;
  let browser: TestBrowser;
  let agent: Socket;
  let visitor: Socket;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // The offline provider sandbox plays WhatsApp; the same brand also has a web-chat inbox.
    world = await channelWorld();
    ({ hub, brand, agent } = world);
    const inbox = await createWebchatInbox(hub, brand);
    visitor = visitorSocket(hub, { websiteToken: inbox.websiteToken, name: 'Claire Dubois', email: 'claire@example.test' });
    await nextEvent(visitor, 'session');
    browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  }, 60_000);

  afterAll(async () => {
    visitor?.disconnect();
    await browser?.close();
    await world?.close();
  });

  /** `bypassCSP` only where axe-core is injected; the assistant's side runs under the page's real CSP. */
  const open = async (url: string, bypassCSP = false) => {
    const context = await browser.context({ permissions: ['camera', 'microphone'], bypassCSP });
    contexts.push(context);
    await context.addInitScript(RECORD_PEER_CONNECTIONS);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    return { page, errors };
  };

  const flowing = (stats: Inbound[]) =>
    stats.some((s) => s.kind === 'video' && (s.framesDecoded ?? 0) > 5) && stats.some((s) => s.kind === 'audio' && s.packetsReceived > 20);

  it('both sides see and hear each other, and the thread records the call', async () => {
    const seen = nextEvent<MessageView>(agent, 'message.created', (m) => m.direction === 'in');
    await emitAck(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: 'Can I see the bag live?' } });
    const conversationId = (await seen).conversationId;
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/calls`).auth(brand.admin.token, { type: 'bearer' }).send({}).expect(201);
    const seat = (role: string) => res.body.participants.find((p: { role: string }) => p.role === role).joinUrl as string;

    const assistant = await open(seat('host'));
    await assistant.page.getByText('Waiting for the other side to join…').waitFor();
    const customer = await open(seat('customer'), true);

    // Frames and packets arrive on both sides, and keep arriving (two samples).
    const started = Date.now();
    const first = await Promise.all([assistant, customer].map((side) => until(() => inbound(side.page), flowing, 30_000, 'media flowing')));
    const connectMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 1500));
    const second = await Promise.all([assistant, customer].map((side) => inbound(side.page)));
    for (const [i, stats] of second.entries()) {
      const video = (list: Inbound[]) => list.find((s) => s.kind === 'video')!;
      const audio = (list: Inbound[]) => list.find((s) => s.kind === 'audio')!;
      expect(video(stats).framesDecoded!).toBeGreaterThan(video(first[i]!).framesDecoded!);
      expect(audio(stats).packetsReceived).toBeGreaterThan(audio(first[i]!).packetsReceived);
    }
    console.log(`video call: media flowing both ways ${connectMs} ms after the customer opened the link; ` +
      second.map((s, i) => `${i ? 'customer' : 'assistant'} decoded ${s.find((x) => x.kind === 'video')!.framesDecoded} frames, ${s.find((x) => x.kind === 'audio')!.packetsReceived} audio packets`).join('; '));

    await customer.page.getByRole('figure').filter({ hasText: 'Maison Channels Admin' }).locator('video').waitFor();
    await assistant.page.getByRole('figure').filter({ hasText: 'Claire' }).locator('video').waitFor();
    expect(await customer.page.getByRole('status').textContent()).toBe('In the call');

    // Controls: mute and camera off act on the outgoing tracks.
    await customer.page.getByRole('button', { name: 'Mute' }).click();
    await customer.page.getByRole('button', { name: 'Unmute' }).waitFor();
    expect(await customer.page.evaluate(() => ((document.getElementById('local') as HTMLVideoElement).srcObject as MediaStream).getAudioTracks().every((t) => !t.enabled))).toBe(true);
    await customer.page.getByRole('button', { name: 'Camera off' }).click();
    expect(await customer.page.getByRole('button', { name: 'Camera on' }).getAttribute('aria-pressed')).toBe('true');

    // The chat beside the video is the conversation's thread.
    await customer.page.getByText('Can I see the bag live?').waitFor();
    await customer.page.getByLabel('Message').fill('The tan one please');
    const toAgents = nextEvent<MessageView>(agent, 'message.created', (m) => m.content.type === 'text' && m.content.text === 'The tan one please');
    await customer.page.getByRole('button', { name: 'Send' }).click();
    expect((await toAgents).conversationId).toBe(conversationId);
    await assistant.page.getByText('Customer: The tan one please').waitFor();

    expect(await seriousA11yViolations(customer.page)).toEqual([]);

    await assistant.page.getByRole('button', { name: 'End call' }).click();
    await customer.page.getByText('The call has ended. Thank you!').waitFor();
    const lines = await hub.query<{ e: string; t: string }>(`SELECT content->>'event' AS e, content->>'text' AS t FROM message WHERE conversation_id = $1 AND kind = 'activity' ORDER BY seq`, [conversationId]);
    expect(lines.map((l) => l.e)).toEqual(['call_invited', 'call_joined', 'call_ended']);
    expect(lines[1]!.t).toBe('Claire joined the video call');
    expect(lines[2]!.t).toMatch(/^Video call ended after \d+ (s|min \d+ s)$/);
    expect(assistant.errors).toEqual([]);
    expect(customer.errors).toEqual([]);

    // The link is dead now: the page answers 410.
    const reopened = await customer.page.goto(seat('customer'));
    expect(reopened?.status()).toBe(410);
  });

  it('from the agent inbox, a WhatsApp customer in the sandbox gets the link by WhatsApp and both sides connect', async () => {
    const c = CASES.find((x) => x.type === 'whatsapp_cloud')!;
    const wa = await world.inbound(c, 'Could you show me the watch on video?');
    const context = await browser.context({ permissions: ['camera', 'microphone'], viewport: { width: 1400, height: 900 } });
    await context.addInitScript(RECORD_PEER_CONNECTIONS);
    const inbox = await context.newPage();
    const inboxErrors = watchErrors(inbox);
    await signIn(inbox, hub, brand.admin.email);
    await openConversation(inbox, wa.conversationId);

    const delivered = nextEvent<MessageView>(agent, 'message.updated', (m) => m.conversationId === wa.conversationId && m.content.type === 'video_call_invite' && m.status === 'sent', 10_000);
    const popup = context.waitForEvent('page');
    await inbox.getByTestId('start-call').click();
    const assistant = await popup;
    const assistantErrors = watchErrors(assistant);
    await assistant.waitForURL(/\/call\//);
    await inbox.getByTestId('call-note').filter({ hasText: 'Video call started' }).waitFor();
    await inbox.getByText('Maison Channels Admin started a video call').waitFor();
    await delivered;

    // The customer's phone received the link as a WhatsApp text through the (fake) Graph API.
    const sent = world.sandbox.store.outbox.filter((o) => o.line === c.lineKey).at(-1)!;
    const link = /Join the video call: (\S+)$/.exec((sent.request as { text: { body: string } }).text.body)![1]!;
    expect(link.startsWith(`${hub.url}/call/`)).toBe(true);
    const customer = await open(link);
    const started = Date.now();
    await Promise.all([assistant, customer.page].map((page) => until(() => inbound(page), flowing, 30_000, 'media flowing')));
    console.log(`WhatsApp customer call: media flowing both ways ${Date.now() - started} ms after the customer opened the link`);
    await inbox.getByText('Customer joined the video call').waitFor();

    await assistant.getByRole('button', { name: 'End call' }).click();
    await customer.page.getByText('The call has ended. Thank you!').waitFor();
    await inbox.getByText(/Video call ended after/).waitFor();
    expect([...inboxErrors, ...assistantErrors, ...customer.errors]).toEqual([]);
  });
});
