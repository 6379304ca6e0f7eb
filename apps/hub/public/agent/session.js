/** The agent's session lives in sessionStorage only (per tab, gone when the tab closes; never in a URL). */

const KEY = 'concierge.agent.session';

/** @returns {{ accessToken: string, agent: { id: string, name: string, email: string }, accounts: { id: string, name: string, role: string }[], accountId: string | null } | null} */
export function loadSession() {
  try {
    const data = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!data || typeof data.accessToken !== 'string' || !data.agent?.id || !Array.isArray(data.accounts)) return null;
    return { accountId: null, ...data };
  } catch {
    return null;
  }
}

export function saveSession(session) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    /* storage blocked: the session lasts for this page view only */
  }
}

export function clearSession() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
}
