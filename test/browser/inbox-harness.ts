import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { Brand, TestHub } from '../support/hub.js';
import { PASSWORD, visitorSocket } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';

/** A web-chat customer speaking socket.io to `/webchat` (what the widget does), for driving the inbox. */
export interface Visitor {
  socket: Socket;
  conversationId: string | null;
  send(text: string): Promise<{ id: string; conversationId: string }>;
  /** Resolves with the next agent message whose text matches. */
  nextReply(text: string, ms?: number): Promise<{ id: string; content: { text?: string } }>;
  close(): void;
}

export async function connectVisitor(hub: TestHub, websiteToken: string, profile: Record<string, string> = {}): Promise<Visitor> {
  const socket = visitorSocket(hub, { websiteToken, ...profile });
  const session = await nextEvent<{ conversationId: string | null }>(socket, 'session', () => true, 10_000);
  const visitor: Visitor = {
    socket,
    conversationId: session.conversationId,
    async send(text) {
      const ack = await emitAck<{ ok: boolean; message: { id: string; conversationId: string }; error?: unknown }>(socket, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
      if (!ack.ok) throw new Error(`visitor send refused: ${JSON.stringify(ack.error)}`);
      visitor.conversationId = ack.message.conversationId;
      return ack.message;
    },
    nextReply: (text, ms = 10_000) =>
      nextEvent<{ id: string; direction: string; content: { text?: string } }>(socket, 'message.created', (m) => m.direction === 'out' && m.content.text === text, ms),
    close: () => socket.disconnect(),
  };
  return visitor;
}

/** Signs in through the real form at /app/ and waits for the three panes. */
export async function signIn(page: Page, hub: TestHub, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${hub.url}/app/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('conversation-list').waitFor({ state: 'attached' });
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
}

export const row = (page: Page, conversationId: string) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);

export async function openConversation(page: Page, conversationId: string): Promise<void> {
  await row(page, conversationId).click();
  await page.locator(`[data-testid="thread"][data-conversation-id="${conversationId}"]`).waitFor();
  await page.getByTestId('thread-log').and(page.locator('[aria-busy="false"]')).waitFor();
}

export function api(hub: TestHub, brand: Brand, token = brand.admin.token) {
  const base = `/api/v1/accounts/${brand.accountId}`;
  return {
    post: (path: string, body: unknown) => hub.http().post(`${base}/${path}`).auth(token, { type: 'bearer' }).send(body as object),
    get: (path: string) => hub.http().get(`${base}/${path}`).auth(token, { type: 'bearer' }),
    patch: (path: string, body: unknown) => hub.http().patch(`${base}/${path}`).auth(token, { type: 'bearer' }).send(body as object),
  };
}

/** Installs traps before any page script runs: any executed payload sets `window.__xss`. */
export async function installXssTrap(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => void w.__xss.push(`${name}:${String(args[0])}`);
    }
  });
}
