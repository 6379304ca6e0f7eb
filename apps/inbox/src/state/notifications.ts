import type { Api } from '../api/client.js';
import type { NotificationView } from '../api/types.js';
import { createStore } from '../lib/store.js';

export interface NotificationsState {
  items: NotificationView[];
  /** The bell badge: the hub's count of unread notifications (may exceed the loaded items). */
  unread: number;
  available: boolean;
}

/** Mentions and assignments addressed to this agent (`GET notifications?unread=true`, `notification.created`). */
export class Notifications {
  readonly store = createStore<NotificationsState>({ items: [], unread: 0, available: true });

  constructor(private readonly api: Api) {}

  async load(): Promise<void> {
    try {
      const page = await this.api.notifications.unread();
      this.store.set({ items: page.data, unread: Math.max(page.unreadCount ?? 0, page.data.length), available: true });
    } catch (error) {
      if ((error as { status?: number }).status === 404) this.store.set({ items: [], unread: 0, available: false });
    }
  }

  created(n: NotificationView): void {
    const { items, unread } = this.store.get();
    if (items.some((x) => x.id === n.id)) return;
    this.store.set({ items: [n, ...items], unread: unread + 1, available: true });
  }

  /** Read here or in another tab of the same agent (`notifications.read`; null = all). */
  settled(ids: string[] | null): void {
    this.store.set((s) => {
      const items = ids ? s.items.filter((n) => !ids.includes(n.id)) : [];
      return { ...s, items, unread: ids ? Math.max(0, s.unread - (s.items.length - items.length)) : 0 };
    });
  }

  async read(id: string): Promise<void> {
    this.settled([id]);
    await this.api.notifications.read(id).catch(() => undefined);
  }

  /** Reading a conversation settles its notifications. */
  readConversation(conversationId: string): void {
    for (const n of this.store.get().items) if (n.conversationId === conversationId) void this.read(n.id);
  }

  async readAll(): Promise<void> {
    this.settled(null);
    await this.api.notifications.readAll().catch(() => undefined);
  }
}
