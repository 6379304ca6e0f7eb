/** A provider answered with something other than success: the lookup is "unavailable", never "not found". */
export class StoreUnavailableError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

const TIMEOUT_MS = 8000;
const MAX_BYTES = 2_000_000;

/** fetch with a timeout and a size cap; any non-2xx or network failure becomes StoreUnavailableError. */
export async function fetchJson<T>(url: string, init: { method?: string; headers: Record<string, string>; body?: string }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new StoreUnavailableError(`Store unreachable: ${(error as Error).message}`);
  }
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new StoreUnavailableError('Store answer too large', res.status);
  if (!res.ok) throw new StoreUnavailableError(`Store answered ${res.status}`, res.status);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StoreUnavailableError('Store answered with invalid JSON', res.status);
  }
}

export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}
