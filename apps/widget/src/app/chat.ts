/**
 * The visitor's side of the `/webchat` protocol, independent of the UI: connection and identity,
 * history resume (`history { afterId }` after every (re)connect), pending messages kept in storage and
 * resent by clientMessageId (the server stores a repeat once), uploads, typing, read state.
 */
import type {
  VisitorMessageView,
  WebchatCustomAttributes,
  WebchatSendContent,
  WebchatSessionPayload,
  WebchatWidgetSettings,
} from '@concierge/contracts';
import { io, type Socket } from 'socket.io-client';
import type { WidgetUser } from '../protocol.js';
import { uuid } from './format.js';
import type { Storage } from './storage.js';

const ACK_TIMEOUT_MS = 10_000;
const TYPING_IDLE_MS = 3_000;
const TYPING_SHOWN_MS = 30_000;

export type Connection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused' | 'unavailable';

export interface Pending {
  clientMessageId: string;
  content: WebchatSendContent;
  /** For files: what to show while uploading and before the server answers. */
  file?: { name: string; mediaType: string };
  createdAt: string;
  uploading?: boolean;
  /** `auto`: a transport failure, retried on reconnect; otherwise the server refused it (Retry button). */
  failed: null | { code: string; message: string; auto: boolean };
}

export interface ChatState {
  connection: Connection;
  online: boolean;
  nextOpenAt: string | null;
  widget: WebchatWidgetSettings | null;
  messages: VisitorMessageView[];
  pending: Pending[];
  typing: { name: string | null } | null;
  /** The last visitor message an agent has seen (`messages.read`). */
  readUpToId: string | null;
  historyFailed: boolean;
}

export interface ChatEvents {
  /** A new agent message arrived live (not from history). */
  incoming(message: VisitorMessageView): void;
  /** The visitor has a conversation (the loader preloads the chat next time). */
  active(): void;
}

interface Options {
  websiteToken: string;
  pageOrigin: string | null;
  storage: Storage;
  events: ChatEvents;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export class Chat {
  state: ChatState;
  private socket: Socket | null = null;
  private user: WidgetUser | null = null;
  private attributes: WebchatCustomAttributes | null = null;
  private files = new Map<string, File>();
  private listeners = new Set<() => void>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingShownTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSent = false;
  private chain: Promise<void> = Promise.resolve();
  /** The session arrived and history caught up: sending is allowed. */
  private ready = false;
  private activeSent = false;
  private refusedIdentity = false;

  constructor(private readonly options: Options) {
    const s = options.storage;
    this.state = {
      connection: 'idle',
      online: true,
      nextOpenAt: null,
      widget: s.get<WebchatWidgetSettings>('widget'),
      messages: [],
      pending: (s.get<Pending[]>('pending') ?? []).filter((p) => p && typeof p.clientMessageId === 'string' && p.content && !p.uploading),
      typing: null,
      readUpToId: s.get<string>('read'),
      historyFailed: false,
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  start(user: WidgetUser | null, attributes: WebchatCustomAttributes | null): void {
    this.user = user;
    this.attributes = attributes;
    this.connect();
    window.addEventListener('offline', () => {
      this.set({ connection: 'offline' });
      this.socket?.disconnect();
    });
    window.addEventListener('online', () => {
      if (this.socket && !this.socket.connected) {
        this.set({ connection: 'connecting' });
        this.socket.connect();
      }
    });
  }

  private auth(): Record<string, unknown> {
    const visitorToken = this.options.storage.get<string>('visitor');
    const u = this.user && !this.refusedIdentity ? this.user : null;
    return {
      websiteToken: this.options.websiteToken,
      ...(visitorToken && { visitorToken }),
      ...(this.options.pageOrigin && { pageOrigin: this.options.pageOrigin }),
      ...(u && { identifier: u.identifier, identifierHash: u.identifierHash, name: u.name, email: u.email, phone: u.phone }),
      ...(this.attributes && { customAttributes: this.attributes }),
    };
  }

  private connect(): void {
    if (this.socket) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) this.set({ connection: 'offline' });
    else this.set({ connection: 'connecting' });
    const socket = io('/webchat', { auth: (cb) => cb(this.auth()), reconnectionDelayMax: 10_000 });
    this.socket = socket;
    // Connected for the visitor once the session is known and history caught up (see onSession).
    socket.on('connect', () => this.set({ connection: 'connecting' }));
    socket.on('session', (session: WebchatSessionPayload) => void this.onSession(session));
    socket.on('disconnect', (reason) => {
      this.ready = false;
      this.clearTyping();
      this.typingSent = false;
      if (this.state.connection !== 'offline') this.set({ connection: 'reconnecting' });
      // socket.io does not retry after a server-side disconnect (a restart closing sockets politely).
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 3000);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (socket.active) {
        if (this.state.connection !== 'offline') this.set({ connection: 'reconnecting' });
        return;
      }
      const code = error.data?.code ?? error.message.split(':')[0];
      if (code === 'IDENTITY_VERIFICATION_FAILED' && this.user && !this.refusedIdentity) {
        // The page's setUser hash is wrong: chat anonymously rather than not at all.
        console.warn('[concierge] setUser: identifierHash does not match; continuing as an anonymous visitor');
        this.refusedIdentity = true;
        socket.connect();
        return;
      }
      this.set({ connection: code === 'ORIGIN_NOT_ALLOWED' || code === 'NOT_FOUND' ? 'refused' : 'unavailable' });
      if (code !== 'ORIGIN_NOT_ALLOWED' && code !== 'NOT_FOUND') setTimeout(() => socket.connect(), 10_000);
    });
    socket.on('message.created', (m: VisitorMessageView) => this.upsert(m, true));
    socket.on('message.updated', (m: VisitorMessageView) => this.upsert(m, false));
    socket.on('conversation.typing', (p: { typing?: unknown; name?: unknown }) => {
      clearTimeout(this.typingShownTimer);
      if (p?.typing === true) {
        this.set({ typing: { name: typeof p.name === 'string' ? p.name : null } });
        this.typingShownTimer = setTimeout(() => this.clearTyping(), TYPING_SHOWN_MS);
      } else this.clearTyping();
    });
    socket.on('messages.read', (p: { upToId?: unknown }) => {
      if (typeof p?.upToId !== 'string') return;
      this.options.storage.set('read', p.upToId);
      this.set({ readUpToId: p.upToId });
    });
  }

  private clearTyping(): void {
    clearTimeout(this.typingShownTimer);
    if (this.state.typing) this.set({ typing: null });
  }

  private async onSession(session: WebchatSessionPayload): Promise<void> {
    if (typeof session?.visitorToken === 'string') this.options.storage.set('visitor', session.visitorToken);
    if (session.widget) this.options.storage.set('widget', session.widget);
    this.set({ online: session.online !== false, nextOpenAt: session.nextOpenAt ?? null, widget: session.widget ?? this.state.widget });
    if (session.conversationId) this.markActive();
    await this.loadHistory();
    this.ready = true;
    this.set({ connection: 'connected' });
    this.resendPending();
  }

  private loadHistory(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    const last = this.state.messages[this.state.messages.length - 1];
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('history', last ? { afterId: last.id } : {}, (err: Error | null, res: Ack<{ messages: VisitorMessageView[] }>) => {
        if (err || !res?.ok) this.set({ historyFailed: true });
        else {
          this.set({ historyFailed: false });
          for (const m of res.messages) this.upsert(m, false);
        }
        resolve();
      });
    });
  }

  /** A stored message (ack, history or live): shown once, settling its pending twin. */
  private upsert(message: VisitorMessageView, live: boolean): void {
    if (!message || typeof message.id !== 'string' || (message as { kind?: string }).kind === 'note') return;
    const messages = this.state.messages.slice();
    const index = messages.findIndex((m) => m.id === message.id);
    const isNew = index === -1;
    if (isNew) {
      // Oldest first; a live message is normally the newest, history may fill in earlier ones.
      let at = messages.length;
      while (at > 0 && messages[at - 1]!.createdAt > message.createdAt) at--;
      messages.splice(at, 0, message);
    } else messages[index] = message;
    let pending = this.state.pending;
    if (message.clientMessageId && pending.some((p) => p.clientMessageId === message.clientMessageId)) {
      pending = pending.filter((p) => p.clientMessageId !== message.clientMessageId);
      this.files.delete(message.clientMessageId);
      this.options.storage.set('pending', pending.length ? pending : null);
    }
    const patch: Partial<ChatState> = { messages, pending };
    if (isNew && live && message.direction === 'out') {
      patch.typing = null;
      this.options.events.incoming(message);
    }
    this.set(patch);
    this.markActive();
  }

  /** Asks the assistants for a video call; they answer with a join card in this chat. */
  async requestCall(): Promise<'requested' | 'later' | 'failed'> {
    const visitorToken = this.options.storage.get<string>('visitor');
    if (!visitorToken) return 'failed';
    const u = this.user && !this.refusedIdentity ? this.user : null;
    try {
      const res = await fetch('/webchat/call-requests', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Website-Token': this.options.websiteToken, 'X-Visitor-Token': visitorToken },
        body: JSON.stringify({ ...(this.options.pageOrigin && { pageOrigin: this.options.pageOrigin }), ...(u && { identifier: u.identifier, identifierHash: u.identifierHash }) }),
      });
      return res.status === 202 ? 'requested' : res.status === 429 ? 'later' : 'failed';
    } catch {
      return 'failed';
    }
  }

  private markActive(): void {
    if (this.activeSent) return;
    this.activeSent = true;
    this.options.events.active();
  }

  private savePending(pending: Pending[]): void {
    this.options.storage.set('pending', pending.filter((p) => !p.uploading).length ? pending.filter((p) => !p.uploading) : null);
    this.set({ pending });
  }

  private updatePending(clientMessageId: string, patch: Partial<Pending>): Pending | undefined {
    let found: Pending | undefined;
    const pending = this.state.pending.map((p) => (p.clientMessageId === clientMessageId ? (found = { ...p, ...patch }) : p));
    if (found) this.savePending(pending);
    return found;
  }

  /** One message at a time, in order: the server stores them in the order the visitor wrote them. */
  private emit(p: Pending): void {
    this.chain = this.chain.then(() => this.emitNow(p.clientMessageId));
  }

  private emitNow(clientMessageId: string): Promise<void> {
    return new Promise((resolve) => {
      const socket = this.socket;
      const p = this.state.pending.find((x) => x.clientMessageId === clientMessageId);
      // Not connected: the next `session` resends it. Uploading or refused: it waits.
      if (!socket?.connected || !this.ready || !p || p.uploading || (p.failed && !p.failed.auto)) return resolve();
      socket.timeout(ACK_TIMEOUT_MS).emit('message.send', { clientMessageId, content: p.content }, (err: Error | null, res: Ack<{ message: VisitorMessageView }>) => {
        if (this.state.pending.some((x) => x.clientMessageId === clientMessageId)) {
          if (err) {
            // No answer in time (a slow server or a dying connection): try again; the server stores it once.
            this.updatePending(clientMessageId, { failed: { code: 'TIMEOUT', message: '', auto: true } });
            setTimeout(() => this.ready && this.resendPending(), 3000);
          }
          else if (res.ok) this.upsert(res.message, false);
          else this.updatePending(clientMessageId, { failed: { code: res.error.code, message: res.error.message, auto: false } });
        }
        resolve();
      });
    });
  }

  private resendPending(): void {
    for (const p of this.state.pending) {
      if (p.failed && !p.failed.auto) continue; // refused by the server: waits for Retry
      if (p.uploading) continue;
      if (p.content.type === 'media' && !p.content.attachmentId) {
        const file = this.files.get(p.clientMessageId);
        if (file) void this.upload(p.clientMessageId, file);
        continue;
      }
      const fresh = p.failed ? this.updatePending(p.clientMessageId, { failed: null }) : p;
      if (fresh) this.emit(fresh);
    }
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.stopTyping();
    this.queue({ clientMessageId: uuid(), content: { type: 'text', text: trimmed }, createdAt: new Date().toISOString(), failed: null });
  }

  private queue(p: Pending): void {
    this.savePending([...this.state.pending, p]);
    this.emit(p);
  }

  sendFile(file: File): void {
    const clientMessageId = uuid();
    const mediaType = /^image\//.test(file.type) ? 'image' : /^video\//.test(file.type) ? 'video' : /^audio\//.test(file.type) ? 'audio' : 'document';
    this.files.set(clientMessageId, file);
    this.savePending([
      ...this.state.pending,
      { clientMessageId, content: { type: 'media', attachmentId: '' }, file: { name: file.name.slice(0, 200), mediaType }, createdAt: new Date().toISOString(), failed: null },
    ]);
    void this.upload(clientMessageId, file);
  }

  private async upload(clientMessageId: string, file: File): Promise<void> {
    const visitorToken = this.options.storage.get<string>('visitor');
    if (!visitorToken || !this.ready) {
      this.updatePending(clientMessageId, { failed: { code: 'OFFLINE', message: '', auto: true } });
      return;
    }
    this.updatePending(clientMessageId, { uploading: true, failed: null });
    try {
      const res = await fetch(`/webchat/attachments?filename=${encodeURIComponent(file.name.slice(0, 200))}`, {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-Website-Token': this.options.websiteToken, 'X-Visitor-Token': visitorToken },
        body: file,
      });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: { code: string; message: string } } | null;
      if (!res.ok || !body?.id) {
        this.updatePending(clientMessageId, { uploading: false, failed: { code: body?.error?.code ?? 'UPLOAD_FAILED', message: body?.error?.message ?? '', auto: false } });
        return;
      }
      const p = this.updatePending(clientMessageId, { uploading: false, content: { type: 'media', attachmentId: body.id } });
      if (p) this.emit(p);
    } catch {
      this.updatePending(clientMessageId, { uploading: false, failed: { code: 'OFFLINE', message: '', auto: true } });
    }
  }

  retry(clientMessageId: string): void {
    const p = this.state.pending.find((x) => x.clientMessageId === clientMessageId);
    if (!p) return;
    if (p.content.type === 'media' && !p.content.attachmentId) {
      const file = this.files.get(clientMessageId);
      if (file) void this.upload(clientMessageId, file);
      else this.discard(clientMessageId);
      return;
    }
    const fresh = this.updatePending(clientMessageId, { failed: null });
    if (fresh) this.emit(fresh);
  }

  discard(clientMessageId: string): void {
    this.files.delete(clientMessageId);
    this.savePending(this.state.pending.filter((p) => p.clientMessageId !== clientMessageId));
  }

  /** Visitor typing: `true` once, `false` after a pause or on send. */
  typingInput(): void {
    if (!this.socket?.connected) return;
    if (!this.typingSent) {
      this.typingSent = true;
      this.socket.emit('typing', { typing: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typingSent && this.socket?.connected) this.socket.emit('typing', { typing: false });
    this.typingSent = false;
  }

  /** setUser / logout: another person, so another thread; reconnects with the new identity. */
  setUser(user: WidgetUser | null): void {
    const same = JSON.stringify(user) === JSON.stringify(this.user);
    if (same) return;
    this.user = user;
    this.refusedIdentity = false;
    this.restart();
  }

  setAttributes(attributes: WebchatCustomAttributes): void {
    this.attributes = { ...this.attributes, ...attributes };
    if (this.socket?.connected) this.socket.emit('attributes.set', { customAttributes: attributes }, () => undefined);
  }

  /** `$concierge.reset()`: forget this visitor on this device (token, unsent messages, identity). */
  reset(): void {
    const s = this.options.storage;
    for (const name of ['visitor', 'pending', 'read']) s.set(name, null);
    this.user = null;
    this.attributes = null;
    this.files.clear();
    this.restart();
  }

  private restart(): void {
    this.ready = false;
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = null;
    this.set({ messages: [], readUpToId: this.options.storage.get<string>('read'), pending: this.options.storage.get<Pending[]>('pending') ?? [], typing: null });
    if (this.state.connection !== 'idle') this.connect();
  }
}
