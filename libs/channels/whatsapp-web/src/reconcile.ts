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

/**
 * WhatsApp Web has no provider retry: messages that arrived while the session was down (or while the
 * hub could not store them) only exist in the phone's history. After every (re)connect we re-read the
 * recent chats; the hub drops what it already has by source id.
 */
export async function recentCustomerMessages(client: WhatsappClient, options: ReconcileOptions, now: Date): Promise<WaMessage[]> {
  const since = now.getTime() / 1000 - options.maxAgeMs / 1000;
  const chats = (await client.getChats())
    .filter((chat) => !chat.isGroup && isCustomerChatId(chat.id._serialized) && chat.timestamp >= since)
    .sort((a, b) => b.timestamp - a.timestamp)
    .slice(0, options.chats);
  const found: WaMessage[] = [];
  for (const chat of chats) {
    // One chat failing (deleted meanwhile, page hiccup) must not hide the others.
    const messages = await chat.fetchMessages({ limit: options.messagesPerChat, fromMe: false }).catch(() => []);
    found.push(...messages.filter((m) => !m.fromMe && m.timestamp >= since));
  }
  return found.sort((a, b) => a.timestamp - b.timestamp);
}
