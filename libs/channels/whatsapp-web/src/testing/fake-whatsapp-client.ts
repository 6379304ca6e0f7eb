import { EventEmitter } from 'node:events';
import pkg from 'whatsapp-web.js';
import {
  WhatsappClientFactory,
  type WaChat,
  type WaContact,
  type WaId,
  type WaMedia,
  type WaMessage,
  type WaOutboundContent,
  type WaSendOptions,
  type WhatsappClient,
  type WhatsappClientRequest,
} from '../whatsapp-client.js';
import { messageKey, wid, type RawChat, type RawContact, type RawMessage } from './raw-models.js';

/**
 * TEST DOUBLE — never use in production. A WhatsappClient without a browser: tests drive it with the
 * events WhatsApp Web would cause. Messages, chats and contacts are the library's own classes built from raw
 * page models, so their fields (`hasMedia`, `body` = caption, `fromMe`, `location`, `getContact()`…) behave
 * exactly as with a real session; only what would need the page is answered from in-memory stores.
 */
type Structure<T> = new (client: unknown, data: object) => T;
const lib = pkg as unknown as {
  Message: Structure<WaMessage>;
  PrivateChat: Structure<WaChat>;
  GroupChat: Structure<WaChat>;
  PrivateContact: Structure<WaContact>;
  ClientInfo: Structure<{ wid: WaId; pushname?: string }>;
};

export interface SentRecord {
  chatId: string;
  content: WaOutboundContent;
  options?: WaSendOptions;
  sourceId: string;
}

export class FakeWhatsappClient extends EventEmitter implements WhatsappClient {
  info: { wid: WaId; pushname?: string } | null = null;
  pupBrowser: WhatsappClient['pupBrowser'] = null;
  initializeCalls = 0;
  destroyCalls = 0;
  destroyed = false;
  /** Offline: initialize() rejects like puppeteer's page.goto without DNS, and emits nothing. */
  initializeError: unknown = null;
  readonly sent: SentRecord[] = [];
  readonly seen: string[] = [];
  /** Numbers (digits) that getNumberId reports as not on WhatsApp. */
  readonly unregistered = new Set<string>();
  sendError: unknown = null;
  private readonly messages = new Map<string, RawMessage>();
  private readonly media = new Map<string, WaMedia>();
  private readonly chats = new Map<string, RawChat>();
  private readonly contacts = new Map<string, RawContact>();
  /** `@lid` → `@c.us`, as WhatsApp Web learns it. */
  readonly lidToPhone = new Map<string, string>();

  constructor(readonly request?: WhatsappClientRequest) {
    super();
  }

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.initializeError) throw this.initializeError;
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
    this.destroyed = true;
  }

  // ── what WhatsApp Web does ────────────────────────────────────────────────────────────
  showQr(qr = `2@${messageKey()},fakeStaticKey=,fakeIdentityKey=,fakeAdvSecret=,1`): void {
    this.emit('qr', qr);
  }

  link(phoneDigits = '6281234500000', pushname = 'Concierge Shop'): void {
    this.emit('authenticated');
    this.info = new lib.ClientInfo(this, { wid: wid(`${phoneDigits}@c.us`), pushname });
    this.emit('ready');
  }

  /** The library destroys itself after every disconnect but LOGOUT (Client.js `onAppStateChangedEvent`). */
  disconnect(reason: string): void {
    this.emit('disconnected', reason);
    if (reason !== 'LOGOUT') void this.destroy();
  }

  /** A message arrives: stored in its chat, then `message_create`, and `message` unless it is our own. */
  receive(raw: RawMessage, media?: WaMedia): WaMessage {
    this.store(raw, media);
    const msg = this.message(raw);
    this.emit('message_create', msg);
    if (!raw.id.fromMe) this.emit('message', msg);
    return msg;
  }

  ack(raw: RawMessage, ack: number): void {
    this.emit('message_ack', this.message({ ...raw, ack }), ack);
  }

  /** History only (arrived while nobody listened): reconciliation must find it. */
  store(raw: RawMessage, media?: WaMedia): void {
    this.messages.set(raw.id._serialized, raw);
    if (media) this.media.set(raw.id._serialized, media);
    const chatId = raw.id.remote;
    const chat = this.chats.get(chatId);
    this.chats.set(chatId, { id: wid(chatId), isGroup: chatId.endsWith('@g.us'), t: Math.max(chat?.t ?? 0, raw.t) });
  }

  addContact(contact: RawContact): void {
    this.contacts.set(contact.id._serialized, contact);
  }

  // ── the library API the adapter uses ──────────────────────────────────────────────────
  async sendMessage(chatId: string, content: WaOutboundContent, options?: WaSendOptions): Promise<WaMessage> {
    if (this.sendError) throw this.sendError;
    const key = messageKey();
    const raw: RawMessage = {
      id: { fromMe: true, remote: chatId, id: key, _serialized: `true_${chatId}_${key}` },
      from: this.info?.wid._serialized ?? '',
      to: chatId,
      type: typeof content === 'string' ? 'chat' : content instanceof pkg.Location ? 'location' : 'image',
      body: typeof content === 'string' ? content : options?.caption,
      t: Math.floor(Date.now() / 1000),
      ack: 0,
    };
    this.sent.push({ chatId, content, options, sourceId: raw.id._serialized });
    this.messages.set(raw.id._serialized, raw);
    return this.message(raw);
  }

  async getNumberId(number: string): Promise<WaId | null> {
    const user = number.replace(/@c\.us$/, '');
    return this.unregistered.has(user) ? null : wid(`${user}@c.us`);
  }

  async getChats(): Promise<WaChat[]> {
    return [...this.chats.values()].map((raw) => {
      const chat = new (raw.isGroup ? lib.GroupChat : lib.PrivateChat)(this, raw);
      // As Chat.fetchMessages: oldest first, the last `limit`, optionally only ours or only theirs.
      chat.fetchMessages = async ({ limit, fromMe }) => {
        const all = [...this.messages.values()]
          .filter((m) => m.id.remote === raw.id._serialized && (fromMe === undefined || m.id.fromMe === fromMe))
          .sort((a, b) => a.t - b.t);
        return (limit && limit > 0 ? all.slice(-limit) : all).map((m) => this.message(m));
      };
      return chat;
    });
  }

  async getMessageById(messageId: string): Promise<WaMessage | undefined> {
    const raw = this.messages.get(messageId);
    return raw && this.message(raw);
  }

  /** Used by `Message.getContact()`; like getContactModel, a LID contact carries its phone id once known. */
  async getContactById(contactId: string): Promise<WaContact> {
    const known = this.contacts.get(contactId);
    const phone = this.lidToPhone.get(contactId);
    const id = wid(phone ?? contactId);
    return new lib.PrivateContact(this, known ? { ...known, ...(phone && { id }) } : { id, userid: id.user, isUser: true });
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    return userIds.map((id) => ({ lid: id, pn: this.lidToPhone.get(id) as string }));
  }

  async sendSeen(chatId: string): Promise<boolean> {
    this.seen.push(chatId);
    return true;
  }

  private message(raw: RawMessage): WaMessage {
    const msg = new lib.Message(this, raw);
    const media = this.media.get(raw.id._serialized);
    // The real downloadMedia() decrypts in the page; hasMedia (directPath) still decides like the library.
    msg.downloadMedia = async () => (msg.hasMedia && media ? new pkg.MessageMedia(media.mimetype, media.data, media.filename) : undefined);
    return msg;
  }
}

/** TEST DOUBLE. Hands out FakeWhatsappClients and remembers them, newest last. */
export class FakeWhatsappClientFactory extends WhatsappClientFactory {
  readonly clients: FakeWhatsappClient[] = [];
  /** Applied to every new client before it is returned (e.g. make initialize() fail). */
  prepare: (client: FakeWhatsappClient) => void = () => undefined;

  create(request: WhatsappClientRequest): FakeWhatsappClient {
    const client = new FakeWhatsappClient(request);
    this.prepare(client);
    this.clients.push(client);
    return client;
  }

  get last(): FakeWhatsappClient {
    const client = this.clients[this.clients.length - 1];
    if (!client) throw new Error('No client was created');
    return client;
  }
}
