import { contentPreview, type ConversationView, type MessageView } from '@concierge/contracts';
import { createContext, useContext } from 'react';
import { createApi, type Api } from '../api/client.js';
import { createHttp } from '../api/http.js';
import type { AccountMembership, AgentProfile, Conversation } from '../api/types.js';
import { prefs } from '../lib/prefs.js';
import { createStore } from '../lib/store.js';
import { chime } from '../notify/sound.js';
import { showDesktop } from '../notify/desktop.js';
import { Directory } from './directory.js';
import { ConversationList } from './list.js';
import { Notifications } from './notifications.js';
import { Realtime, type ServerEvents } from './realtime.js';
import { ThreadSla } from './sla.js';
import { Thread } from './thread.js';
import { TypingEmitter } from './typing.js';

export interface AppOptions {
  token: string;
  agent: AgentProfile;
  account: AccountMembership;
  onUnauthorized: () => void;
  navigate: (conversationId: string | null) => void;
}

/** Everything one signed-in agent needs for one brand; React reads it through stores. */
export class InboxApp {
  readonly api: Api;
  readonly me: AgentProfile;
  readonly account: AccountMembership;
  readonly directory: Directory;
  readonly list: ConversationList;
  readonly thread: Thread;
  readonly notifications: Notifications;
  /** SLA clocks of the open conversation (thread header). */
  readonly sla: ThreadSla;
  realtime: Realtime | null = null;
  readonly connection = createStore<'connecting' | 'online' | 'offline'>('connecting');
  readonly typing: TypingEmitter;
  /** Which panel asked for focus last (keyboard shortcuts → composer). */
  readonly ui = createStore({ composerMode: 'reply' as 'reply' | 'note', composerFocus: 0, snoozeOpen: 0 });
  private readTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: AppOptions) {
    this.me = options.agent;
    this.account = options.account;
    this.api = createApi(createHttp(() => options.token, options.onUnauthorized), options.account.id);
    this.directory = new Directory(this.api);
    this.list = new ConversationList(this.api, this.me.id);
    this.thread = new Thread(this.api, this.me.id, (c) => this.list.upsert(c, this.thread.currentId));
    this.notifications = new Notifications(this.api);
    this.sla = new ThreadSla(this.api, this.thread, (view) => this.list.slaView(view));
    this.typing = new TypingEmitter((id, typing) => this.realtime?.typing(id, typing));
  }

  get isAdmin(): boolean {
    return this.account.role === 'admin';
  }

  /** Connects and loads; `close()` undoes it (React may mount twice in development). */
  async start(): Promise<void> {
    window.addEventListener('focus', this.onFocus);
    const realtime = new Realtime(this.options.token, {
      onEvent: (event, payload) => this.onEvent(event, payload),
      onResync: () => this.resync(),
      onUnauthorized: this.options.onUnauthorized,
    });
    this.realtime = realtime;
    realtime.state.subscribe(() => this.connection.set(realtime.state.get()));
    await Promise.all([this.directory.load(), this.list.load(), this.notifications.load()]);
  }

  private resync(): void {
    void this.list.load();
    void this.thread.refresh();
    void this.notifications.load();
    void this.directory.reload('inboxes');
    this.sla.refresh();
  }

  open(c: Conversation): void {
    this.typing.stop();
    const unread = this.list.store.get().unread[c.id] ?? 0;
    void this.thread.open(c, unread);
    this.markRead(c.id, 0);
  }

  /** The agent reads the thread: clear the badge, tell the hub (WhatsApp blue ticks, unread counts). */
  markRead(id: string, delay = 800): void {
    this.list.markSeen(id);
    this.notifications.readConversation(id);
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => void this.api.conversations.read(id).catch(() => undefined), delay);
  }

  private reading(conversationId: string): boolean {
    return this.thread.currentId === conversationId && document.visibilityState === 'visible' && document.hasFocus();
  }

  private readonly onFocus = () => {
    const id = this.thread.currentId;
    if (id && this.list.store.get().unread[id]) this.markRead(id);
  };

  private onEvent<E extends keyof ServerEvents>(event: E, raw: Parameters<ServerEvents[E]>[0]): void {
    const payload = raw as { accountId?: string };
    if (payload.accountId && payload.accountId !== this.account.id) return; // another brand of this agent
    switch (event) {
      case 'message.created': {
        const m = raw as MessageView;
        const reading = this.reading(m.conversationId);
        this.list.messageCreated(m, reading);
        this.thread.accept(m, !reading);
        if (reading && m.direction === 'in') this.markRead(m.conversationId);
        this.alert(m, reading);
        // An assistant's reply settles the first-response clock (recorded by the hub's next SLA tick).
        if (m.direction === 'out' && m.kind === 'normal' && m.sender.type === 'agent') this.sla.touched(m.conversationId, true);
        else this.sla.message(m.conversationId);
        break;
      }
      case 'message.updated':
        this.thread.accept(raw as MessageView);
        break;
      case 'conversation.created':
      case 'conversation.updated':
        this.list.upsert(raw as ConversationView, this.thread.currentId);
        this.thread.conversationUpdated(raw as ConversationView);
        break;
      case 'conversation.typing':
        this.thread.typingEvent(raw as Parameters<ServerEvents['conversation.typing']>[0]);
        break;
      case 'presence.updated': {
        const p = raw as Parameters<ServerEvents['presence.updated']>[0];
        this.directory.setPresence(p.agentId, p.status);
        break;
      }
      case 'presence.snapshot':
        this.directory.presenceSnapshot(raw as Parameters<ServerEvents['presence.snapshot']>[0]);
        break;
      case 'inbox.status':
        this.directory.inboxStatus(raw as Parameters<ServerEvents['inbox.status']>[0]);
        break;
      case 'inbox.session':
        this.directory.inboxSession(raw as Parameters<ServerEvents['inbox.session']>[0]);
        break;
      case 'notification.created':
        this.notifications.created(raw as Parameters<ServerEvents['notification.created']>[0]);
        if (prefs.get().sound !== 'none') chime();
        break;
      case 'notifications.read':
        this.notifications.settled((raw as Parameters<ServerEvents['notifications.read']>[0]).notificationIds);
        break;
      case 'conversation.read':
        // This agent read it in another tab (or here): the badge goes back to 0.
        this.list.markSeen((raw as Parameters<ServerEvents['conversation.read']>[0]).conversationId);
        break;
      case 'conversation.sla':
        this.list.sla(raw as Parameters<ServerEvents['conversation.sla']>[0]);
        this.sla.touched((raw as Parameters<ServerEvents['conversation.sla']>[0]).conversationId, false);
        break;
    }
  }

  /** Sound and desktop notification for a customer message, per the agent's preference (none / mine / all). */
  private alert(m: MessageView, reading: boolean): void {
    if (m.direction !== 'in' || m.kind !== 'normal' || reading) return;
    const pref = prefs.get().sound;
    if (pref === 'none') return;
    const c = this.list.store.get().items.find((x) => x.id === m.conversationId);
    if (pref === 'mine' && c?.assignee?.id !== this.me.id) return;
    chime();
    if (document.visibilityState !== 'visible' || !document.hasFocus()) {
      const title = m.sender.name || c?.contact.name || c?.contact.phone || c?.contact.email || 'Customer';
      showDesktop(title, contentPreview(m.content), m.conversationId, () => this.options.navigate(m.conversationId));
    }
  }

  close(): void {
    window.removeEventListener('focus', this.onFocus);
    if (this.readTimer) clearTimeout(this.readTimer);
    this.typing.stop();
    this.realtime?.close();
    this.realtime = null;
    this.list.dispose();
    this.sla.dispose();
  }
}

export const AppContext = createContext<InboxApp | null>(null);

export function useApp(): InboxApp {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() outside <AppContext>');
  return app;
}
