import type { DeliveryStatus } from '@concierge/contracts';

/**
 * Providers report statuses out of order and repeatedly (delivered after read, failed after delivered).
 * The shown status is the highest rank seen; `failed` shows unless delivery or reading was reported.
 */
const RANK: Record<DeliveryStatus, number> = { failed: 0, received: 1, queued: 1, sent: 2, delivered: 3, read: 4 };

export function strongerStatus(current: DeliveryStatus, incoming: DeliveryStatus): DeliveryStatus {
  // `sent` only means the provider accepted it; a later failure is the truer state.
  if (incoming === 'failed') return RANK[current] >= RANK.delivered ? current : 'failed';
  if (current === 'failed' && RANK[incoming] < RANK.delivered) return current;
  return RANK[incoming] > RANK[current] ? incoming : current;
}
