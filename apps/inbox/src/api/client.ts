import type { ConversationStatus, ProductCardContent } from '@concierge/contracts';
import type { Http } from './http.js';
import type {
  AgentView, Availability, AutomationSettings, BusinessHours, BusinessHoursView, CannedResponse, ContactOrder, ContactView, Conversation, ConversationSla,
  FaqInput, FaqView, InboxSession, InboxView, LabelView, LoginResult, Message, MessageTemplate, NotificationView, Page, ProductHit, SendBody, TabCounts,
  TeamView, TextMeasure,
} from './types.js';

export interface ListFilter {
  status: ConversationStatus | 'all';
  assignee: 'me' | 'unassigned' | 'all';
  inboxId: string | null;
  labelId: string | null;
  q: string;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string | null;
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Lists answer either `T[]` or `{ data: T[] }` depending on the route; accept both. */
function items<T>(value: T[] | { data: T[] } | null): T[] {
  if (Array.isArray(value)) return value;
  return value?.data ?? [];
}

export function login(http: Http, email: string, password: string): Promise<LoginResult> {
  return http.request('POST', '/api/v1/auth/login', { body: { email, password }, auth: false });
}

export type Api = ReturnType<typeof createApi>;

/** Every tenant route the inbox uses, bound to one brand (account). */
export function createApi(http: Http, accountId: string) {
  const base = `/api/v1/accounts/${enc(accountId)}`;
  const r = http.request.bind(http);
  const conv = (id: string) => `${base}/conversations/${enc(id)}`;
  const crud = <T, In>(path: string) => ({
    list: async () => items(await r<T[] | { data: T[] }>('GET', `${base}/${path}`)),
    create: (body: In) => r<T>('POST', `${base}/${path}`, { body }),
    update: (id: string, body: Partial<In>) => r<T>('PATCH', `${base}/${path}/${enc(id)}`, { body }),
    remove: (id: string) => r<void>('DELETE', `${base}/${path}/${enc(id)}`),
  });

  return {
    accountId,
    me: () => r<{ agent: LoginResult['agent']; accounts: LoginResult['accounts'] }>('GET', '/api/v1/auth/me'),
    conversations: {
      list: (f: ListFilter, cursor: string | null, limit = 50, signal?: AbortSignal) =>
        r<Page<Conversation>>('GET', `${base}/conversations${query({ status: f.status, assignee: f.assignee, inboxId: f.inboxId, labelId: f.labelId, q: f.q.trim(), cursor, limit })}`, { signal }),
      counts: (f: ListFilter) => r<TabCounts>('GET', `${base}/conversations/counts${query({ status: f.status, inboxId: f.inboxId, labelId: f.labelId, q: f.q.trim() })}`),
      get: (id: string) => r<Conversation>('GET', conv(id)),
      update: (id: string, patch: ConversationPatch) => r<Conversation>('PATCH', conv(id), { body: patch }),
      setLabels: (id: string, labelIds: string[]) => r<Conversation>('PUT', `${conv(id)}/labels`, { body: { labelIds } }),
      read: (id: string) => r<void>('POST', `${conv(id)}/read`),
      messages: (id: string, before: string | null) => r<Page<Message>>('GET', `${conv(id)}/messages${query({ before })}`),
      send: (id: string, body: SendBody) => r<Message>('POST', `${conv(id)}/messages`, { body }),
    },
    upload: (file: Blob, filename: string) =>
      r<{ id: string; url: string; mimeType: string; sizeBytes: number }>('POST', `${base}/attachments${query({ filename })}`, { raw: { data: file, contentType: file.type } }),
    contacts: {
      get: (id: string) => r<ContactView>('GET', `${base}/contacts/${enc(id)}`),
      conversations: async (id: string) => items(await r<Conversation[] | Page<Conversation>>('GET', `${base}/contacts/${enc(id)}/conversations`)),
      orders: async (id: string, locale: string) => (await r<{ data: ContactOrder[] }>('GET', `${base}/contacts/${enc(id)}/orders?locale=${enc(locale)}`)).data,
    },
    inboxes: {
      ...crud<InboxView, { name: string; channel: Record<string, unknown>; agentIds?: string[] }>('inboxes'),
      session: (id: string) => r<InboxSession>('GET', `${base}/inboxes/${enc(id)}/session`),
      measure: (id: string, text: string) => r<TextMeasure>('POST', `${base}/inboxes/${enc(id)}/measure`, { body: { text } }),
      templates: (inboxId: string) => crud<MessageTemplate, Pick<MessageTemplate, 'name' | 'language' | 'body' | 'providerTemplateId'>>(`inboxes/${enc(inboxId)}/templates`),
    },
    /** Per-inbox automation (admins write, members read). */
    automation: (inboxId: string) => {
      const path = `${base}/inboxes/${enc(inboxId)}`;
      return {
        hours: () => r<BusinessHoursView>('GET', `${path}/business-hours`),
        putHours: (body: BusinessHours) => r<BusinessHoursView>('PUT', `${path}/business-hours`, { body }),
        clearHours: () => r<void>('DELETE', `${path}/business-hours`),
        availability: () => r<Availability>('GET', `${path}/availability`),
        settings: () => r<AutomationSettings>('GET', `${path}/automation`),
        putSettings: (body: Partial<AutomationSettings>) => r<AutomationSettings>('PUT', `${path}/automation`, { body }),
        faqs: crud<FaqView, FaqInput>(`inboxes/${enc(inboxId)}/faqs`),
      };
    },
    sla: {
      conversation: (id: string) => r<ConversationSla>('GET', `${conv(id)}/sla`),
      running: (inboxId: string | null) => r<ConversationSla[]>('GET', `${base}/sla/running${query({ inboxId })}`),
    },
    agents: crud<AgentView, { name: string; email: string; role: 'admin' | 'agent'; password?: string }>('agents'),
    teams: crud<TeamView, { name: string; description?: string; agentIds?: string[] }>('teams'),
    labels: crud<LabelView, { name: string; color?: string }>('labels'),
    canned: crud<CannedResponse, { shortCode: string; content: string }>('canned-responses'),
    /** The brand's catalog: search (q empty = newest) and ready product cards with counted short links. */
    products: {
      search: (q: string, signal?: AbortSignal) => r<Page<ProductHit>>('GET', `${base}/products${query({ q: q.trim(), limit: 10 })}`, { signal }),
      card: (id: string) => r<ProductCardContent>('POST', `${base}/products/${enc(id)}/card`),
      /** A checkout link for chosen products, sent to the customer as a message (the thread gets it live). */
      checkout: (conversationId: string, items: { productId: string; quantity: number }[]) =>
        r<{ url: string; orderNumber: string | null }>('POST', `${conv(conversationId)}/checkout`, { body: { items } }),
    },
    notifications: {
      unread: () => r<Page<NotificationView> & { unreadCount?: number }>('GET', `${base}/notifications?unread=true&limit=100`),
      read: (id: string) => r<void>('POST', `${base}/notifications/${enc(id)}/read`),
      readAll: () => r<void>('POST', `${base}/notifications/read-all`),
    },
    /** Video calls (libs/video): the answer's participants carry the caller's own seat link. */
    calls: {
      start: (conversationId: string, scheduledAt?: string) =>
        r<{ id: string; status: string; scheduledAt: string | null; participants: { role: string; agentId: string | null; joinUrl: string | null }[] }>('POST', `${conv(conversationId)}/calls`, { body: scheduledAt ? { scheduledAt } : {} }),
    },
  };
}
