import type { MessageContent, TypingPayload } from '@concierge/contracts';
import type { Api, ConversationPatch } from '../api/client.js';
import { ApiError } from '../api/http.js';
import type { Conversation, LabelView, Message, SendBody } from '../api/types.js';
import { timeOf, uuid } from '../lib/ids.js';
import { createStore } from '../lib/store.js';

export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  body: SendBody;
  createdAt: string;
  error: { code: string; message: string } | null;
}

export interface Typer {
  key: string;
  name: string | null;
  isContact: boolean;
}

export interface ThreadState {
  conversation: Conversation | null;
  messages: Message[];
  pending: PendingMessage[];
  olderCursor: string | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  typing: Typer[];
  /** First message after the "new messages" divider. */
  dividerId: string | null;
  /** The hub refused free text (422 CUSTOMER_WINDOW_CLOSED) although our clock thought the window open. */
  windowClosed: boolean;
}

const EMPTY: ThreadState = {
  conversation: null, messages: [], pending: [], olderCursor: null, loading: false, loadingOlder: false, error: null, typing: [], dividerId: null, windowClosed: false,
};
const TYPING_TTL = 30_000;

function byTime(a: Message, b: Message): number {
  return timeOf(a.createdAt) - timeOf(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The open conversation: messages (stored + optimistic), older pages, typing, divider, actions. */
export class Thread {
  readonly store = createStore<ThreadState>(EMPTY);
  private readonly pending = new Map<string, Map<string, PendingMessage>>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private seq = 0;

  constructor(private readonly api: Api, private readonly me: string, private readonly onConversation: (c: Conversation) => void) {}

  private patch(p: Partial<ThreadState>): void {
    this.store.set((s) => ({ ...s, ...p }));
  }

  private pendingOf(id: string): Map<string, PendingMessage> {
    let map = this.pending.get(id);
    if (!map) this.pending.set(id, (map = new Map()));
    return map;
  }

  private syncPending(): void {
    const c = this.store.get().conversation;
    this.patch({ pending: c ? [...this.pendingOf(c.id).values()] : [] });
  }

  get currentId(): string | null {
    return this.store.get().conversation?.id ?? null;
  }

  async open(c: Conversation, unread = 0): Promise<void> {
    const mySeq = ++this.seq;
    this.clearTyping();
    this.store.set({ ...EMPTY, conversation: c, loading: true, pending: [...this.pendingOf(c.id).values()] });
    try {
      const page = await this.api.conversations.messages(c.id, null);
      if (mySeq !== this.seq) return;
      const messages = this.merge(page.data);
      const inbound = messages.filter((m) => m.direction === 'in' && m.kind === 'normal');
      const dividerId = unread > 0 ? (inbound[Math.max(0, inbound.length - unread)]?.id ?? null) : null;
      this.patch({ messages, olderCursor: page.nextCursor, loading: false, dividerId });
    } catch (error) {
      if (mySeq === this.seq) this.patch({ loading: false, error: (error as Error).message });
    }
  }

  close(): void {
    this.seq++;
    this.clearTyping();
    this.store.set(EMPTY);
  }

  /** After a reconnect: merge the latest page and the fresh conversation. */
  async refresh(): Promise<void> {
    const c = this.store.get().conversation;
    if (!c) return;
    const mySeq = this.seq;
    try {
      const [page, fresh] = await Promise.all([this.api.conversations.messages(c.id, null), this.api.conversations.get(c.id)]);
      if (mySeq !== this.seq) return;
      for (const m of page.data) this.accept(m);
      this.conversationUpdated(fresh);
    } catch (error) {
      if (mySeq === this.seq) this.patch({ error: (error as Error).message });
    }
  }

  async loadOlder(): Promise<void> {
    const s = this.store.get();
    if (!s.conversation || !s.olderCursor || s.loadingOlder) return;
    const mySeq = this.seq;
    this.patch({ loadingOlder: true });
    try {
      const page = await this.api.conversations.messages(s.conversation.id, s.olderCursor);
      if (mySeq !== this.seq) return;
      this.patch({ messages: this.merge(page.data), olderCursor: page.nextCursor, loadingOlder: false });
    } catch (error) {
      if (mySeq === this.seq) this.patch({ loadingOlder: false, error: (error as Error).message });
    }
  }

  private merge(incoming: Message[]): Message[] {
    const byId = new Map(this.store.get().messages.map((m) => [m.id, m]));
    for (const m of incoming) byId.set(m.id, m);
    return [...byId.values()].sort(byTime);
  }

  /** A stored message (REST answer or socket event), deduplicated by id; settles its pending bubble. */
  accept(m: Message, markNew = false): boolean {
    const s = this.store.get();
    if (!s.conversation || m.conversationId !== s.conversation.id) return false;
    if (m.clientMessageId && this.pendingOf(m.conversationId).delete(m.clientMessageId)) this.syncPending();
    const known = s.messages.some((x) => x.id === m.id);
    const dividerId = markNew && !known && !s.dividerId && m.direction === 'in' ? m.id : this.store.get().dividerId;
    this.patch({ messages: this.merge([m]), dividerId });
    if (!known && m.sender.type === 'contact') for (const t of this.store.get().typing) if (t.isContact) this.setTyping(t.key, null, true, false);
    return true;
  }

  clearDivider(): void {
    if (this.store.get().dividerId) this.patch({ dividerId: null });
  }

  conversationUpdated(c: Conversation): void {
    const current = this.store.get().conversation;
    if (!current || current.id !== c.id) return;
    const windowReopened = c.customerWindowExpiresAt !== current.customerWindowExpiresAt;
    this.patch({ conversation: { ...current, ...c }, ...(windowReopened && { windowClosed: false }) });
  }

  typingEvent(p: TypingPayload): void {
    const c = this.store.get().conversation;
    if (!c || p.conversationId !== c.id) return;
    if (p.actor.type === 'agent' && p.actor.id === this.me) return;
    this.setTyping(`${p.actor.type}:${p.actor.id ?? ''}`, p.actor.name, p.actor.type === 'contact', p.typing);
  }

  private setTyping(key: string, name: string | null, isContact: boolean, typing: boolean): void {
    const timer = this.typingTimers.get(key);
    if (timer) clearTimeout(timer);
    this.typingTimers.delete(key);
    const others = this.store.get().typing.filter((t) => t.key !== key);
    if (typing) this.typingTimers.set(key, setTimeout(() => this.setTyping(key, null, isContact, false), TYPING_TTL));
    this.patch({ typing: typing ? [...others, { key, name, isContact }] : others });
  }

  private clearTyping(): void {
    for (const t of this.typingTimers.values()) clearTimeout(t);
    this.typingTimers.clear();
  }

  send(content: MessageContent, options: { private?: boolean; mentions?: string[] } = {}): void {
    const c = this.store.get().conversation;
    if (!c) return;
    const clientMessageId = uuid();
    const body: SendBody = { content, clientMessageId, ...(options.private && { private: true }), ...(options.mentions?.length && { mentions: options.mentions }) };
    const p: PendingMessage = { clientMessageId, conversationId: c.id, body, createdAt: new Date().toISOString(), error: null };
    this.pendingOf(c.id).set(clientMessageId, p);
    this.syncPending();
    this.clearDivider();
    void this.post(p);
  }

  resend(clientMessageId: string): void {
    const c = this.store.get().conversation;
    const p = c && this.pendingOf(c.id).get(clientMessageId);
    if (!p) return;
    p.error = null;
    this.syncPending();
    void this.post(p);
  }

  discard(clientMessageId: string): void {
    const c = this.store.get().conversation;
    if (c && this.pendingOf(c.id).delete(clientMessageId)) this.syncPending();
  }

  private async post(p: PendingMessage): Promise<void> {
    try {
      const m = await this.api.conversations.send(p.conversationId, p.body);
      this.pendingOf(p.conversationId).delete(p.clientMessageId);
      if (!this.accept(m)) this.syncPending();
    } catch (error) {
      if (!this.pendingOf(p.conversationId).has(p.clientMessageId)) return;
      const e = error instanceof ApiError ? error : new ApiError(0, null, (error as Error).message);
      p.error = { code: e.code, message: e.message };
      if (e.code === 'CUSTOMER_WINDOW_CLOSED' && this.currentId === p.conversationId) this.patch({ windowClosed: true });
      this.syncPending();
    }
  }

  async act(patch: ConversationPatch): Promise<void> {
    const c = this.store.get().conversation;
    if (!c) return;
    this.patch({ error: null });
    try {
      const updated = await this.api.conversations.update(c.id, patch);
      this.conversationUpdated(updated);
      this.onConversation(updated);
    } catch (error) {
      this.patch({ error: (error as Error).message });
      throw error;
    }
  }

  /** Optimistic: the chips change at once; the hub's answer (or an error) settles them. */
  async setLabels(labelIds: string[], known: LabelView[]): Promise<void> {
    const c = this.store.get().conversation;
    if (!c) return;
    const labels = labelIds.map((id) => known.find((l) => l.id === id)).filter((l): l is LabelView => !!l);
    this.patch({ conversation: { ...c, labels } });
    try {
      const updated = await this.api.conversations.setLabels(c.id, labelIds);
      if (updated && typeof updated === 'object' && 'id' in updated) {
        this.conversationUpdated(updated);
        this.onConversation(updated);
      }
    } catch (error) {
      this.conversationUpdated(c);
      this.patch({ error: (error as Error).message });
    }
  }

  setError(error: string | null): void {
    this.patch({ error });
  }

  reset(): void {
    this.pending.clear();
    this.close();
  }
}
