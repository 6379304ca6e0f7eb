import type { WaMessage, WhatsappClient } from './whatsapp-client.js';
import { isCustomerChatId } from './inbound-mapper.js';

export interface ReconcileOptions {
  /** How many of the most recently active one-to-one chats to look at. */
  chats: number;
  /** How many of the latest messages to read per chat. */
  messagesPerChat: number;
  /** Older messages are left alone, so linking a number does not import (and auto-answer) its whole history. */
  maxAgeMs: number;
}

/** Bounds for the catch-up after an outage (a phone offline for a day must not import without end). */
const CATCH_UP_CHATS = 500;
const CATCH_UP_MESSAGES_PER_CHAT = 1_000;
/** Clocks of phone and hub differ a little: the catch-up starts this long before the link was lost. */
const CATCH_UP_MARGIN_MS = 5 * 60_000;

/**
 * WhatsApp Web has no provider retry: messages that arrived while the session was down (or while the
 * hub could not store them) only exist in the phone's history. After every (re)connect we re-read the
 * recent chats; the hub drops what it already has by source id.
 *
 * A first link reads the N most recent chats and their last M messages (linking a number must not import
 * its history). After an outage (`lostAt`: when this process lost the link) that is not enough: a busy
 * shop has more than N chats, a customer may write more than M messages while the phone is logged out
 * (the reliability suite lost the oldest ones). Then every chat active since the outage is read, each back
 * to the outage, within the catch-up bounds.
 */
export async function recentCustomerMessages(client: WhatsappClient, options: ReconcileOptions, now: Date, lostAt: Date | null = null): Promise<WaMessage[]> {
  const since = now.getTime() / 1000 - options.maxAgeMs / 1000;
  // After an outage: also everything back to the outage (a superset of the first-link read).
  const catchUp = lostAt ? Math.max(since, (lostAt.getTime() - CATCH_UP_MARGIN_MS) / 1000) : null;
  const active = (await client.getChats())
    .filter((chat) => !chat.isGroup && isCustomerChatId(chat.id._serialized) && chat.timestamp >= since)
    .sort((a, b) => b.timestamp - a.timestamp);
  const chatCount = catchUp === null ? options.chats : Math.min(CATCH_UP_CHATS, Math.max(options.chats, active.filter((c) => c.timestamp >= catchUp).length));
  const found: WaMessage[] = [];
  for (const chat of active.slice(0, chatCount)) {
    let limit = options.messagesPerChat;
    for (;;) {
      // One chat failing (deleted meanwhile, page hiccup) must not hide the others.
      const messages = await chat.fetchMessages({ limit, fromMe: false }).catch(() => []);
      const complete = catchUp === null || messages.length < limit || (messages[0]?.timestamp ?? 0) < catchUp || limit >= CATCH_UP_MESSAGES_PER_CHAT;
      if (complete) {
        found.push(...messages.filter((m) => !m.fromMe && m.timestamp >= since));
        break;
      }
      limit = Math.min(limit * 2, CATCH_UP_MESSAGES_PER_CHAT);
    }
  }
  return found.sort((a, b) => a.timestamp - b.timestamp);
}
