/** localStorage helpers for the demo chat. Storage can be unavailable (privacy modes): never throw. */

const visitorKey = (websiteToken) => `concierge.visitorToken.${websiteToken}`;
const pendingKey = (websiteToken) => `concierge.pending.${websiteToken}`;

function read(key) {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    /* quota or privacy mode: the chat still works for this page view */
  }
}

export function loadVisitorToken(websiteToken) {
  return read(visitorKey(websiteToken));
}

export function saveVisitorToken(websiteToken, token) {
  write(visitorKey(websiteToken), token || null);
}

/**
 * Pending messages: [{ clientMessageId, text, createdAt, failed: null | { code, message, auto } }].
 * `failed.auto` marks transport failures (timeouts) that are retried on the next reconnect;
 * errors returned by the server wait for the visitor to press "Retry".
 */
export function loadPending(websiteToken) {
  try {
    const list = JSON.parse(read(pendingKey(websiteToken)) ?? '[]');
    if (!Array.isArray(list)) return [];
    return list
      .filter((p) => p && typeof p.clientMessageId === 'string' && typeof p.text === 'string')
      .map((p) => ({
        clientMessageId: p.clientMessageId,
        text: p.text,
        createdAt: typeof p.createdAt === 'string' ? p.createdAt : new Date().toISOString(),
        failed: p.failed && typeof p.failed === 'object' ? p.failed : null,
      }));
  } catch {
    return [];
  }
}

export function savePending(websiteToken, list) {
  write(pendingKey(websiteToken), list.length ? JSON.stringify(list) : null);
}
