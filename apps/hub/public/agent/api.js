/** REST client for the hub's /api/v1. Errors follow `{ error: { code, message, details? }, requestId }`. */

export class ApiError extends Error {
  constructor(status, body, fallback) {
    const error = body && typeof body === 'object' ? body.error : null;
    super(error?.message || fallback || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code || (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    this.details = error?.details;
    this.requestId = body?.requestId;
  }
}

/**
 * @param {{ getToken: () => string | null | undefined, onUnauthorized: (err: ApiError) => void }} options
 * onUnauthorized is called for a 401 on any authenticated route (expired or revoked token).
 */
export function createApi({ getToken, onUnauthorized }) {
  async function request(method, path, { body, auth = true } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      const token = getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    let res;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, null, 'Cannot reach the server. Check your connection and try again.');
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const fallback = res.status === 429 ? 'Too many attempts. Please wait a moment and try again.' : undefined;
      const err = new ApiError(res.status, data, fallback);
      if (res.status === 401 && auth) onUnauthorized(err);
      throw err;
    }
    return data;
  }

  const account = (accountId) => `/api/v1/accounts/${encodeURIComponent(accountId)}`;
  const conversation = (accountId, id) => `${account(accountId)}/conversations/${encodeURIComponent(id)}`;

  return {
    /** → { accessToken, agent: { id, name, email }, accounts: [{ id, name, role }] } */
    login(email, password) {
      return request('POST', '/api/v1/auth/login', { body: { email, password }, auth: false });
    },

    /** → { data: ConversationView[], nextCursor: string | null }, newest activity first. */
    listConversations(accountId, { status = 'open', assignee = 'all', cursor } = {}) {
      const query = new URLSearchParams({ status, assignee });
      if (cursor) query.set('cursor', cursor);
      return request('GET', `${account(accountId)}/conversations?${query}`);
    },

    /** → ConversationView */
    getConversation(accountId, id) {
      return request('GET', conversation(accountId, id));
    },

    /** The assistant opened the thread: the customer's WhatsApp shows it read. */
    markRead(accountId, id) {
      return request('POST', `${conversation(accountId, id)}/read`);
    },

    /** → ConversationView. patch: { status?, assigneeId?, teamId?, snoozedUntil? } */
    updateConversation(accountId, id, patch) {
      return request('PATCH', conversation(accountId, id), { body: patch });
    },

    /** → { data: MessageView[] (oldest first), nextCursor: string | null } */
    listMessages(accountId, id, { before } = {}) {
      const query = before ? `?${new URLSearchParams({ before })}` : '';
      return request('GET', `${conversation(accountId, id)}/messages${query}`);
    },

    /** → 201 MessageView. body: { content, private?, clientMessageId? } */
    sendMessage(accountId, id, body) {
      return request('POST', `${conversation(accountId, id)}/messages`, { body });
    },
  };
}
