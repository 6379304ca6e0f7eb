import type { Api } from '../api/client.js';
import type { ConversationSla } from '../api/types.js';
import { createStore } from '../lib/store.js';
import type { Thread } from './thread.js';

export interface SlaViewState {
  conversationId: string | null;
  /** null: not loaded yet (or an older hub without the route); clocks in state `none`: no clock for this conversation. */
  view: ConversationSla | null;
  fetchedAt: number;
  /** Re-render tick (ms): running clocks count down between fetches. */
  now: number;
}

/** The hub ticks SLA clocks every 15 s: a reply is recorded as the first response by the next tick. */
export const HUB_TICK_MS = 16_000;
export const REFRESH_MS = 30_000;

/**
 * The open conversation's SLA clocks (`GET conversations/:id/sla`): fetched when a thread opens, every
 * 30 s while it stays open, on `conversation.sla`, on an assistant reply and on status changes.
 */
export class ThreadSla {
  readonly store = createStore<SlaViewState>({ conversationId: null, view: null, fetchedAt: 0, now: Date.now() });
  private timer: ReturnType<typeof setInterval> | null = null;
  private followUp: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private status: string | null = null;
  constructor(private readonly api: Api, thread: Thread, private readonly onView: (view: ConversationSla) => void) {
    // Both stores belong to the same InboxApp: the subscription lives as long as they do.
    thread.store.subscribe(() => {
      const c = thread.store.get().conversation;
      if ((c?.id ?? null) !== this.store.get().conversationId) this.watch(c?.id ?? null, c?.status ?? null);
      else if (c && c.status !== this.status) {
        this.status = c.status;
        this.refresh(true);
      }
    });
  }

  private watch(conversationId: string | null, status: string | null): void {
    this.stopTimers();
    this.seq++;
    this.status = status;
    this.store.set({ conversationId, view: null, fetchedAt: 0, now: Date.now() });
    if (!conversationId) return;
    void this.load();
    this.timer = setInterval(() => {
      this.store.set((s) => ({ ...s, now: Date.now() }));
      void this.load();
    }, REFRESH_MS);
  }

  /** Fetch now; `settle` also fetches again after the hub's next tick (which records replies and resolutions). */
  refresh(settle = false): void {
    if (!this.store.get().conversationId) return;
    void this.load();
    if (!settle) return;
    if (this.followUp) clearTimeout(this.followUp);
    this.followUp = setTimeout(() => void this.load(), HUB_TICK_MS);
  }

  /** `conversation.sla` or an assistant's reply in this conversation. */
  touched(conversationId: string, settle: boolean): void {
    if (conversationId === this.store.get().conversationId) this.refresh(settle);
  }

  /** Any other message: only worth a fetch while no clock is known yet (it is written just after the first message). */
  message(conversationId: string): void {
    const { conversationId: current, view } = this.store.get();
    if (conversationId === current && (!view || (view.firstResponse.state === 'none' && view.resolution.state === 'none'))) this.refresh();
  }

  private async load(): Promise<void> {
    const { conversationId } = this.store.get();
    if (!conversationId) return;
    const mySeq = this.seq;
    try {
      const view = await this.api.sla.conversation(conversationId);
      if (mySeq !== this.seq) return;
      const now = Date.now();
      this.store.set((s) => ({ ...s, view, fetchedAt: now, now }));
      this.onView(view);
    } catch (error) {
      if (mySeq !== this.seq) return;
      // 404: no clock for this conversation (it started before automation). Other errors keep the last view.
      if ((error as { status?: number }).status === 404) this.store.set((s) => ({ ...s, view: null }));
    }
  }

  private stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.followUp) clearTimeout(this.followUp);
    this.timer = null;
    this.followUp = null;
  }

  /** Stops the timers (the app closes; React may start it again in development). */
  dispose(): void {
    this.seq++;
    this.stopTimers();
  }
}
