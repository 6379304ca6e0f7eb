import type { ChannelContext } from '@concierge/channels-core';
import type { Location, MessageMedia } from './wwebjs.js';

/**
 * The subset of the whatsapp-web.js API this adapter uses, typed structurally so that the library's own
 * `Client` satisfies it (the default factory returns one unchanged) and a test double can implement it.
 * Shapes follow the library's typings (index.d.ts of whatsapp-web.js 1.34).
 */

/** `<user>@<server>`: `c.us` = a phone number, `lid` = WhatsApp's privacy id, `g.us` = a group. */
export interface WaId {
  server: string;
  user: string;
  _serialized: string;
}

export interface WaMessageId {
  fromMe: boolean;
  /** The chat id. */
  remote: string;
  id: string;
  /** `<fromMe>_<remote>_<id>`: unique, our `sourceId`. */
  _serialized: string;
}

export interface WaMedia {
  mimetype: string;
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

export interface WaLocation {
  latitude: number | string;
  longitude: number | string;
  name?: string;
  address?: string;
}

export interface WaContact {
  id: WaId;
  /** The user part of the id: digits of a phone number, or of a LID when WhatsApp hides the number. */
  number: string;
  pushname: string;
  name?: string;
}

export interface WaMessage {
  id: WaMessageId;
  from: string;
  to: string;
  fromMe: boolean;
  /** Text, or the caption of a media message. */
  body: string;
  /** `chat`, `image`, `video`, `audio`, `ptt`, `document`, `sticker`, `location`, … (MessageTypes). */
  type: string;
  /** Unix seconds. */
  timestamp: number;
  hasMedia: boolean;
  isStatus: boolean;
  location?: WaLocation;
  ack: number;
  /** The page's raw message model: `notifyName` (the sender's push name) lives only here. */
  rawData: object;
  downloadMedia(): Promise<WaMedia | undefined>;
  getContact(): Promise<WaContact>;
}

export interface WaChat {
  id: WaId;
  isGroup: boolean;
  /** Unix seconds of the last activity. */
  timestamp: number;
  fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<WaMessage[]>;
}

export type WaOutboundContent = string | InstanceType<typeof MessageMedia> | InstanceType<typeof Location>;

export interface WaSendOptions {
  caption?: string;
  sendMediaAsDocument?: boolean;
}

export interface WhatsappClient {
  /** Set by the library just before `ready`. */
  info?: { wid: WaId; pushname?: string } | null;
  /** The puppeteer browser, once launched: the last resort when `destroy()` hangs. */
  pupBrowser?: { process(): { kill(signal?: NodeJS.Signals): boolean } | null } | null;
  on(event: string, listener: (...args: any[]) => void): this;
  removeAllListeners(event?: string): this;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: WaOutboundContent, options?: WaSendOptions): Promise<WaMessage | null | undefined>;
  getNumberId(number: string): Promise<WaId | null>;
  getChats(): Promise<WaChat[]>;
  getMessageById(messageId: string): Promise<WaMessage | undefined>;
  getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]>;
  sendSeen(chatId: string): Promise<boolean>;
}

export interface WhatsappClientRequest {
  ctx: ChannelContext;
  /** LocalAuth's `dataPath`: sessions live in `<dataPath>/session-<inboxId>`. */
  dataPath: string;
  chromiumPath: string;
}

/** Creates one (not yet initialised) client per inbox session. A port so tests can hand out fakes. */
export abstract class WhatsappClientFactory {
  abstract create(request: WhatsappClientRequest): WhatsappClient;
}
