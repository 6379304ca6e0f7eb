import type { AgentClientEvents, AgentServerEvents } from '@concierge/contracts';
import { io, type Socket } from 'socket.io-client';
import { createStore } from '../lib/store.js';

export type ServerEvents = AgentServerEvents;
export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface RealtimeHandlers {
  onEvent<E extends keyof ServerEvents>(event: E, payload: Parameters<ServerEvents[E]>[0]): void;
  /** The socket came back after a drop: refetch what may have been missed. */
  onResync(): void;
  onUnauthorized(): void;
}

const EVENTS: (keyof ServerEvents)[] = [
  'message.created', 'message.updated', 'conversation.created', 'conversation.updated', 'conversation.typing',
  'presence.updated', 'presence.snapshot', 'inbox.session', 'inbox.status', 'notification.created', 'notifications.read',
  'conversation.read', 'conversation.sla',
];

/** socket.io to `/inbox` with the token in the handshake `auth` (never in the URL). */
export class Realtime {
  readonly state = createStore<ConnectionState>('connecting');
  private readonly socket: Socket<ServerEvents, AgentClientEvents>;
  private connectedBefore = false;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(token: string, handlers: RealtimeHandlers) {
    this.socket = io('/inbox', { auth: { token }, reconnectionDelayMax: 5000 });
    this.socket.on('connect', () => {
      this.state.set('online');
      if (this.connectedBefore) handlers.onResync();
      this.connectedBefore = true;
    });
    this.socket.on('disconnect', (reason) => {
      this.state.set('offline');
      // The hub dropped us on purpose (role changed…): socket.io does not retry that by itself.
      if (reason === 'io server disconnect' && !this.closed) this.schedule(1000);
    });
    this.socket.on('connect_error', (error) => {
      if (/unauth|UNAUTHENTICATED|INVALID_TOKEN/i.test(error.message)) return handlers.onUnauthorized();
      this.state.set('offline');
      if (!this.socket.active && !this.closed) this.schedule(5000);
    });
    for (const name of EVENTS) {
      (this.socket.on as (event: string, fn: (payload: unknown) => void) => void)(name, (payload) => {
        if (payload) handlers.onEvent(name, payload as never);
      });
    }
  }

  private schedule(ms: number): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => !this.closed && this.socket.connect(), ms);
  }

  typing(conversationId: string, typing: boolean): void {
    if (this.socket.connected) this.socket.emit('typing', { conversationId, typing });
  }

  presence(status: 'online' | 'busy'): void {
    if (this.socket.connected) this.socket.emit('presence.set', { status });
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket.disconnect();
  }
}
