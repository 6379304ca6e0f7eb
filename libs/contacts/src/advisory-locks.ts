import type { EntityManager } from 'typeorm';

/**
 * Transaction-scoped advisory locks that serialise writers of one identity. Every writer takes
 * identity locks (email, phone) before channel locks, each group in sorted order, so two
 * transactions never wait on each other's locks in opposite orders.
 */
export const phoneLock = (accountId: string, phone: string) => `contact_phone:${accountId}:${phone}`;
export const emailLock = (accountId: string, email: string) => `contact_email:${accountId}:${email.toLowerCase()}`;
/** The key existing deployments already use for a first message on an inbox. */
export const channelLock = (inboxId: string, address: string) => `contact_channel:${inboxId}:${address}`;

const rank = (key: string) => (key.startsWith('contact_channel:') ? 1 : 0);

export function lockOrder(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** All the locks in one round trip, taken one after the other in `lockOrder`. */
export async function takeLocks(tx: EntityManager, keys: readonly string[]): Promise<void> {
  const ordered = lockOrder(keys);
  if (ordered.length === 0) return;
  // Volatile functions in the select list run after ORDER BY, row by row: the locks follow `o`.
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, o) ORDER BY o', [ordered]);
}
