export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** ± fraction of random spread, so many inboxes failing together do not relaunch together. */
  jitter: number;
}

/** Capped exponential backoff: attempt 0 → initialMs, doubling up to maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(options.maxMs, Math.round(base + spread)));
}

/** A human wait ("30 s", "10 min") for status details. */
export function formatDelay(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
