/** fetch wrapper for the hub's /api/v1. Errors: `{ error: { code, message, details? }, requestId }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: unknown, fallback?: string) {
    const error = body && typeof body === 'object' ? (body as { error?: { code?: string; message?: string; details?: unknown } }).error : undefined;
    super(error?.message || fallback || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code || (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    this.details = error?.details;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Raw bytes (attachments) sent as they are with this Content-Type. */
  raw?: { data: Blob; contentType: string };
  auth?: boolean;
  signal?: AbortSignal;
}

export interface Http {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export function createHttp(getToken: () => string | null, onUnauthorized: () => void): Http {
  return {
    async request<T>(method: string, path: string, { body, raw, auth = true, signal }: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (raw) headers['Content-Type'] = raw.contentType || 'application/octet-stream';
      const token = auth ? getToken() : null;
      if (token) headers.Authorization = `Bearer ${token}`;
      let res: Response;
      try {
        res = await fetch(path, {
          method,
          headers,
          body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
          credentials: 'same-origin',
          cache: 'no-store',
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new ApiError(0, null, 'network');
      }
      const text = await res.text();
      let data: unknown = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = null;
      }
      if (!res.ok) {
        const err = new ApiError(res.status, data);
        if (res.status === 401 && auth) onUnauthorized();
        throw err;
      }
      return data as T;
    },
  };
}
