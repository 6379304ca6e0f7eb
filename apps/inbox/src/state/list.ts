import type { Api, ListFilter } from '../api/client.js';
import type { Conversation, ConversationSla, Message, TabCounts } from '../api/types.js';
import { timeOf } from '../lib/ids.js';
import { createStore } from '../lib/store.js';

export interface ListState {
  filter: ListFilter;
  items: Conversation[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  counts: TabCounts | null;
  /** conversationId → unread customer messages (seeded from the REST view, then kept live). */
  unread: Record<string, number>;
  /** conversationId → the SLA alert of its clocks (`GET sla/running` on load, then `conversation.sla` and thread views). */
  slas: Record<string, SlaBadge>;
}

export type SlaBadge = 'warning' | 'breached';

const PAGE = 50;

/** The badge one SLA view deserves: the worse of its live clocks (settled clocks need no attention). */
export function slaBadge(view: ConversationSla): SlaBadge | null {
  const states = [view.firstResponse.state, view.resolution.state];
  if (states.includes('breached')) return 'breached';
  if (states.includes('warning')) return 'warning';
  return null;
}

export const DEFAULT_FILTER: ListFilter = { status: 'open', assignee: 'all', inboxId: null, labelId: null, q: '' };

function newestFirst(a: Conversation, b: Conversation): number {
  return timeOf(b.lastActivityAt) - timeOf(a.lastActivityAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export function labelIds(c: Conversation): string[] {
  return (c.labels ?? []).map((l) => l.id);
}

/** The conversation list: filters, keyset pages, live upserts, tab counts and unread badges. */
export class ConversationList {
  readonly store = createStore<ListState>({
    filter: DEFAULT_FILTER, items: [], nextCursor: null, loading: false, loadingMore: false, error: null, counts: null, unread: {}, slas: {},
  });
  private seq = 0;
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private countsSupported = true;
  /** Live changes that arrive while a first page is in flight: replayed over it, or the page (read earlier) would drop them. */
  private replay: Array<() => void> | null = null;

  constructor(private readonly api: Api, private readonly me: string) {}

  private patch(p: Partial<ListState>): void {
    this.store.set((s) => ({ ...s, ...p }));
  }

  setFilter(change: Partial<ListFilter>): void {
    this.patch({ filter: { ...this.store.get().filter, ...change } });
    void this.load();
  }

  async load(): Promise<void> {
    const mySeq = ++this.seq;
    const { filter } = this.store.get();
    this.patch({ loading: true, error: null });
    this.refreshCounts(0);
    void this.loadSlas(mySeq, filter.inboxId);
    const replay: Array<() => void> = [];
    this.replay = replay;
    try {
      const page = await this.api.conversations.list(filter, null, PAGE);
      if (mySeq !== this.seq) return;
      this.replay = null;
      this.patch({ items: page.data, nextCursor: page.nextCursor, loading: false, unread: this.seedUnread(page.data, true) });
      for (const change of replay) change();
    } catch (error) {
      if (this.replay === replay) this.replay = null;
      if (mySeq === this.seq) this.patch({ loading: false, error: (error as Error).message });
    }
  }

  async loadMore(): Promise<void> {
    const s = this.store.get();
    if (!s.nextCursor || s.loading || s.loadingMore) return;
    const mySeq = this.seq;
    this.patch({ loadingMore: true });
    try {
      const page = await this.api.conversations.list(s.filter, s.nextCursor, PAGE * 2);
      if (mySeq !== this.seq) return;
      const known = new Set(this.store.get().items.map((c) => c.id));
      const fresh = page.data.filter((c) => !known.has(c.id));
      this.patch({ items: [...this.store.get().items, ...fresh], nextCursor: page.nextCursor, loadingMore: false, unread: this.seedUnread(fresh, false) });
    } catch (error) {
      if (mySeq === this.seq) this.patch({ loadingMore: false, error: (error as Error).message });
    }
  }

  /** Badges on load (`GET sla/running`); later changes come as `conversation.sla` events. */
  private async loadSlas(mySeq: number, inboxId: string | null): Promise<void> {
    try {
      const views = await this.api.sla.running(inboxId);
      if (mySeq !== this.seq) return;
      const slas: Record<string, SlaBadge> = {};
      for (const v of views) {
        const badge = slaBadge(v);
        if (badge) slas[v.conversationId] = badge;
      }
      this.patch({ slas });
    } catch {
      // A hub without automation, or a passing failure: badges come with the next events.
    }
  }

  /** A fresh view of one conversation's clocks (thread header): its badge follows, and may go away once met. */
  slaView(view: ConversationSla): void {
    const { slas } = this.store.get();
    const badge = slaBadge(view);
    if ((slas[view.conversationId] ?? null) === badge) return;
    const next = { ...slas };
    if (badge) next[view.conversationId] = badge;
    else delete next[view.conversationId];
    this.patch({ slas: next });
  }

  private seedUnread(list: Conversation[], replace: boolean): Record<string, number> {
    const unread = replace ? {} : { ...this.store.get().unread };
    for (const c of list) if (typeof c.unreadCount === 'number') unread[c.id] = c.unreadCount;
    for (const id of Object.keys(unread)) if (!unread[id]) delete unread[id];
    return replace ? { ...this.keepLocalUnread(), ...unread } : unread;
  }

  private keepLocalUnread(): Record<string, number> {
    return this.store.get().unread;
  }

  /** Tab counts from the hub (`GET conversations/counts`), debounced after live changes. */
  refreshCounts(delay = 600): void {
    if (!this.countsSupported) return;
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      this.api.conversations.counts(this.store.get().filter).then(
        (counts) => this.patch({ counts }),
        (error: { status?: number }) => {
          if (error.status === 404) this.countsSupported = false; // an older hub: no counts
        },
      );
    }, delay);
  }

  matches(c: Conversation): boolean {
    const f = this.store.get().filter;
    if (f.status !== 'all' && c.status !== f.status) return false;
    if (f.assignee === 'me' && c.assignee?.id !== this.me) return false;
    if (f.assignee === 'unassigned' && c.assignee) return false;
    if (f.inboxId && c.inboxId !== f.inboxId) return false;
    if (f.labelId && !labelIds(c).includes(f.labelId)) return false;
    return true;
  }

  /** conversation.created / updated and PATCH answers. `keepId` stays listed (the open one) even when it stops matching. */
  upsert(c: Conversation, keepId: string | null): void {
    this.replay?.push(() => this.upsert(c, keepId));
    const s = this.store.get();
    const index = s.items.findIndex((x) => x.id === c.id);
    const merged = index >= 0 ? { ...s.items[index], ...c } : c;
    let items = s.items;
    if (!this.matches(merged) && merged.id !== keepId) {
      if (index >= 0) items = items.filter((x) => x.id !== c.id);
    } else if (index >= 0) {
      items = items.slice();
      items[index] = merged;
      items.sort(newestFirst);
    } else if (!s.filter.q) {
      const last = items.at(-1);
      // Past the loaded pages it will arrive with the next page.
      if (!s.nextCursor || !last || newestFirst(merged, last) < 0) items = [...items, merged].sort(newestFirst);
    }
    if (items !== s.items) this.patch({ items });
    this.refreshCounts();
  }

  /** message.created: preview, activity time, unread badge when the agent is not reading it right now. */
  messageCreated(m: Message, reading: boolean): void {
    const s = this.store.get();
    const countable = m.direction === 'in' && m.kind === 'normal';
    if (countable && !reading) this.patch({ unread: { ...s.unread, [m.conversationId]: (s.unread[m.conversationId] ?? 0) + 1 } });
    this.replay?.push(() => this.touch(m));
    this.touch(m);
  }

  /** A new message moves its conversation up the list. */
  private touch(m: Message): void {
    const s = this.store.get();
    const index = s.items.findIndex((x) => x.id === m.conversationId);
    if (index < 0 || m.kind !== 'normal' || timeOf(m.createdAt) < timeOf(s.items[index]!.lastActivityAt)) return;
    const items = s.items.slice();
    items[index] = { ...items[index]!, lastActivityAt: m.createdAt };
    items.sort(newestFirst);
    this.patch({ items });
  }

  sla(p: { conversationId: string; state: 'warning' | 'breached' }): void {
    const { slas } = this.store.get();
    if (slas[p.conversationId] !== 'breached') this.patch({ slas: { ...slas, [p.conversationId]: p.state } });
  }

  markSeen(id: string): void {
    const { unread } = this.store.get();
    if (!unread[id]) return;
    const next = { ...unread };
    delete next[id];
    this.patch({ unread: next });
  }

  neighbour(currentId: string | null, delta: number): Conversation | null {
    const { items } = this.store.get();
    if (items.length === 0) return null;
    const index = items.findIndex((c) => c.id === currentId);
    const next = index < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + delta));
    return items[next] ?? null;
  }

  dispose(): void {
    this.seq++;
    if (this.countsTimer) clearTimeout(this.countsTimer);
  }
}
