/**
 * postMessage protocol between the loader (on the brand's page) and the chat app (the iframe, on the hub).
 * Every message is `{ c: 'concierge', v: 1, type, payload? }`. Both sides check who sent it (window and
 * origin) before looking at the shape, and validate the shape before using it. Imported by both bundles:
 * keep it tiny and dependency-free.
 */
export const CHANNEL = 'concierge';
export const VERSION = 1;

export interface WidgetUser {
  identifier: string;
  identifierHash?: string;
  name?: string;
  email?: string;
  phone?: string;
}

export type Attributes = Record<string, string | number | boolean | null>;

/** Loader → app. `init` answers the app's `ready` with everything the page set before the app loaded. */
export type ToApp =
  | { type: 'init'; payload: { user: WidgetUser | null; attributes: Attributes | null; open: boolean; reset: boolean } }
  | { type: 'user'; payload: WidgetUser | null }
  | { type: 'attributes'; payload: Attributes }
  | { type: 'visibility'; payload: { open: boolean } }
  | { type: 'reset' };

/** A message as the page sees it in `concierge:on-message`. */
export interface PageMessage {
  id: string;
  conversationId: string;
  content: unknown;
  sender: { type: string; name: string | null };
  createdAt: string;
}

/** App → loader. */
export type ToLoader =
  | { type: 'ready' }
  | { type: 'close' }
  | { type: 'message'; payload: PageMessage }
  | { type: 'unread'; payload: { count: number } }
  | { type: 'active' };

export type Envelope<T> = T & { c: typeof CHANNEL; v: typeof VERSION };

export function envelope<T extends { type: string }>(message: T): Envelope<T> {
  return { c: CHANNEL, v: VERSION, ...message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, max: number): boolean {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

/** setUser's arguments, or null when they are not what the SDK documents. */
export function toUser(value: unknown): WidgetUser | null {
  if (!isRecord(value) || typeof value.identifier !== 'string' || !value.identifier || value.identifier.length > 200) return null;
  if (!optionalString(value.identifierHash, 128) || !optionalString(value.name, 200) || !optionalString(value.email, 200) || !optionalString(value.phone, 40)) return null;
  const user: WidgetUser = { identifier: value.identifier };
  for (const key of ['identifierHash', 'name', 'email', 'phone'] as const) if (typeof value[key] === 'string') user[key] = value[key] as string;
  return user;
}

export function toAttributes(value: unknown): Attributes | null {
  if (!isRecord(value)) return null;
  const out: Attributes = {};
  const entries = Object.entries(value);
  if (entries.length > 50) return null;
  for (const [key, v] of entries) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) return null;
    if (typeof v === 'string') out[key] = v.slice(0, 500);
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null) out[key] = v;
    else return null;
  }
  return out;
}

/** Parses a loader → app message; anything else (other scripts' messages, malformed data) is null. */
export function parseToApp(data: unknown): ToApp | null {
  if (!isRecord(data) || data.c !== CHANNEL || data.v !== VERSION) return null;
  const p = data.payload;
  switch (data.type) {
    case 'init': {
      if (!isRecord(p) || typeof p.open !== 'boolean' || typeof p.reset !== 'boolean') return null;
      const user = p.user === null ? null : toUser(p.user);
      const attributes = p.attributes === null ? null : toAttributes(p.attributes);
      if ((p.user !== null && !user) || (p.attributes !== null && !attributes)) return null;
      return { type: 'init', payload: { user, attributes, open: p.open, reset: p.reset } };
    }
    case 'user': {
      if (p === null) return { type: 'user', payload: null };
      const user = toUser(p);
      return user ? { type: 'user', payload: user } : null;
    }
    case 'attributes': {
      const attributes = toAttributes(p);
      return attributes ? { type: 'attributes', payload: attributes } : null;
    }
    case 'visibility':
      return isRecord(p) && typeof p.open === 'boolean' ? { type: 'visibility', payload: { open: p.open } } : null;
    case 'reset':
      return { type: 'reset' };
    default:
      return null;
  }
}

/** Parses an app → loader message. */
export function parseToLoader(data: unknown): ToLoader | null {
  if (!isRecord(data) || data.c !== CHANNEL || data.v !== VERSION) return null;
  const p = data.payload;
  switch (data.type) {
    case 'ready':
    case 'close':
    case 'active':
      return { type: data.type };
    case 'unread':
      return isRecord(p) && typeof p.count === 'number' && p.count >= 0 ? { type: 'unread', payload: { count: p.count } } : null;
    case 'message':
      return isRecord(p) && typeof p.id === 'string' && typeof p.conversationId === 'string' && isRecord(p.sender) && typeof p.createdAt === 'string'
        ? { type: 'message', payload: p as unknown as PageMessage }
        : null;
    default:
      return null;
  }
}
