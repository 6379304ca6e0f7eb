import type { LoginResult } from '../api/types.js';

/** The agent's session: in memory, mirrored to sessionStorage (this tab only; never in a URL or localStorage). */
export interface Session extends LoginResult {
  accountId: string | null;
}

const KEY = 'concierge.inbox.session';

export function loadSession(): Session | null {
  try {
    const data = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (!data || typeof data.accessToken !== 'string' || !data.agent?.id || !Array.isArray(data.accounts)) return null;
    return { accountId: null, ...data } as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage blocked: the session lasts for this page view only */
  }
}
