import { ChannelError, type ChannelErrorCode } from '@concierge/channels-core';
import type { GraphErrorBody, GraphWebhookError } from './whatsapp-cloud.types.js';

/**
 * One mapping for Graph API error responses and the `errors[]` of failed-status webhooks: Meta reports the
 * same codes both ways and recommends branching on `code`, not on titles or HTTP status
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/).
 */
export interface GraphErrorInput {
  code?: number;
  message?: string;
  details?: string;
  /** HTTP status of a synchronous error; absent for webhook errors. */
  httpStatus?: number;
  /** Response header lookup, for Retry-After / X-Business-Use-Case-Usage. */
  header?: (name: string) => string | null | undefined;
}

/** Pair rate limit: about one message every 6 s to the same user (131056). */
export const PAIR_RATE_LIMIT_BACKOFF_MS = 6_000;
/** When Meta says "rate limited" without saying for how long. */
export const DEFAULT_RATE_LIMIT_BACKOFF_MS = 30_000;

const RATE_LIMITED = new Set([4, 80007, 130429, 131048, 131056]);
const AUTH = new Set([0, 10, 190, 368]);
const BAD_CONTENT = new Set([100, 131008, 131009, 131051, 131052, 131053]);
const UNAVAILABLE = new Set([2, 131000, 131016]);
/** 131049: Meta held a marketing message for ecosystem health; 130472: user in an experiment; 130497: country blocked. */
const UNREACHABLE = new Set([131026, 131049, 130472, 130497]);
/** 131021: recipient is the sender; 131030: not in the allowed list of a test number. */
const BAD_RECIPIENT = new Set([131021, 131030]);

export function classifyGraphError(code: number | undefined, httpStatus?: number): ChannelErrorCode {
  if (code !== undefined) {
    if (RATE_LIMITED.has(code)) return 'RATE_LIMITED';
    if (code === 131047) return 'OUTSIDE_CUSTOMER_WINDOW';
    if (code === 131050) return 'RECIPIENT_OPTED_OUT';
    if (UNREACHABLE.has(code)) return 'RECIPIENT_UNREACHABLE';
    if (BAD_RECIPIENT.has(code)) return 'INVALID_RECIPIENT';
    if (AUTH.has(code) || (code >= 200 && code <= 299)) return 'AUTH_FAILED';
    // 132000-132999: template errors (parameter count/format, missing, paused, disabled).
    if (BAD_CONTENT.has(code) || (code >= 132000 && code <= 132999)) return 'UNSUPPORTED_CONTENT';
    if (UNAVAILABLE.has(code)) return 'PROVIDER_UNAVAILABLE';
  }
  if (httpStatus === 401) return 'AUTH_FAILED';
  if (httpStatus === 429) return 'RATE_LIMITED';
  if (httpStatus !== undefined && httpStatus >= 500) return 'PROVIDER_UNAVAILABLE';
  return 'UNKNOWN';
}

export function graphError(input: GraphErrorInput): ChannelError {
  const kind = classifyGraphError(input.code, input.httpStatus);
  const text = [input.message, input.details].filter((part) => part && part.trim()).join(': ');
  const message = text || `WhatsApp Cloud API error${input.httpStatus ? ` (HTTP ${input.httpStatus})` : ''}`;
  const options: { retryAfterMs?: number; providerCode?: string } = {};
  if (input.code !== undefined) options.providerCode = String(input.code);
  if (kind === 'RATE_LIMITED') {
    const fallback = input.code === 131056 ? PAIR_RATE_LIMIT_BACKOFF_MS : DEFAULT_RATE_LIMIT_BACKOFF_MS;
    options.retryAfterMs = retryAfterFromHeaders(input.header) ?? fallback;
  }
  return new ChannelError(kind, message, options);
}

/** A non-2xx Graph response. The body is usually `{ error: {…} }`, but proxies answer with HTML. */
export function graphErrorFromResponse(httpStatus: number, bodyText: string, header?: GraphErrorInput['header']): ChannelError {
  let body: GraphErrorBody | null = null;
  try {
    body = JSON.parse(bodyText) as GraphErrorBody;
  } catch {
    body = null;
  }
  const error = body && typeof body === 'object' ? body.error : undefined;
  return graphError({
    code: typeof error?.code === 'number' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
    details: typeof error?.error_data?.details === 'string' ? error.error_data.details : undefined,
    httpStatus,
    header,
  });
}

/** Connection refused, DNS failure, timeout: nothing reached Meta (or no answer came back). */
export function networkError(cause: unknown): ChannelError {
  return new ChannelError('PROVIDER_UNAVAILABLE', `WhatsApp Cloud API unreachable: ${describeError(cause)}`);
}

/** undici reports "fetch failed" and hides the reason (ECONNREFUSED, timeout…) in `cause`; duck-typed across realms. */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const message = typeof current === 'object' && 'message' in current ? String((current as { message: unknown }).message) : String(current);
    if (message) messages.push(message);
    current = typeof current === 'object' && 'cause' in current ? (current as { cause: unknown }).cause : undefined;
  }
  return messages.join(': ') || 'unknown error';
}

/** The error of a failed status (or of `value.errors`), in the shape InboundStatusItem carries. */
export function webhookError(errors: unknown): { code: ChannelErrorCode; message: string; providerCode?: string } {
  const first = (Array.isArray(errors) ? errors[0] : undefined) as GraphWebhookError | undefined;
  const code = typeof first?.code === 'number' ? first.code : undefined;
  const error = graphError({
    code,
    // Webhook fields are untrusted: a non-string title or message must not break the batch (found by fuzzing).
    message: [first?.title, first?.message].find((m): m is string => typeof m === 'string'),
    details: typeof first?.error_data?.details === 'string' ? first.error_data.details : undefined,
  });
  return { code: error.code, message: error.message, ...(code !== undefined ? { providerCode: String(code) } : {}) };
}

/**
 * Graph rarely sends Retry-After; throttled Business Use Case calls carry `X-Business-Use-Case-Usage`
 * with `estimated_time_to_regain_access` in minutes (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/).
 */
export function retryAfterFromHeaders(header?: GraphErrorInput['header']): number | undefined {
  if (!header) return undefined;
  const retryAfter = header('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const usage = header('x-business-use-case-usage');
  if (!usage) return undefined;
  try {
    const parsed = JSON.parse(usage) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(parsed)
      .flat()
      .map((entry) => entry?.estimated_time_to_regain_access)
      .filter((value): value is number => typeof value === 'number' && value > 0);
    return minutes.length ? Math.max(...minutes) * 60_000 : undefined;
  } catch {
    return undefined;
  }
}
