import { ChannelError, type ChannelErrorCode } from '@concierge/channels-core';

/**
 * Twilio error codes the hub branches on (https://www.twilio.com/docs/api/errors). One table serves REST
 * failures of `messages.create` and the `ErrorCode` of status callbacks, so a message failing either way
 * ends with the same code.
 */
const BY_CODE: Readonly<Record<number, ChannelErrorCode>> = {
  63016: 'OUTSIDE_CUSTOMER_WINDOW', // free-form WhatsApp outside the 24 h window: a template is required
  63018: 'RATE_LIMITED', // WhatsApp channel rate limit
  20429: 'RATE_LIMITED', // REST API concurrency limit
  30001: 'RATE_LIMITED', // queue overflow: the sender's queue is full, try later
  14107: 'RATE_LIMITED', // reply-loop guard: 30 replies in 30 s between the same two numbers
  21211: 'INVALID_RECIPIENT', // invalid 'To' number
  21614: 'INVALID_RECIPIENT', // 'To' is not a valid mobile number
  63024: 'INVALID_RECIPIENT', // WhatsApp: invalid message recipient
  21610: 'RECIPIENT_OPTED_OUT', // the customer replied STOP
  30011: 'UNSUPPORTED_CONTENT', // MMS not supported for this destination
  21617: 'UNSUPPORTED_CONTENT', // body over 1600 characters
  21620: 'UNSUPPORTED_CONTENT', // invalid media URL
  21623: 'UNSUPPORTED_CONTENT', // more than 10 media
  30019: 'UNSUPPORTED_CONTENT', // content size exceeds the carrier limit
  63019: 'UNSUPPORTED_CONTENT', // media failed to download
  63021: 'UNSUPPORTED_CONTENT', // channel rejected the content
  63034: 'UNSUPPORTED_CONTENT', // media over 5 MB
  11751: 'UNSUPPORTED_CONTENT', // media over the channel's size limit
  20003: 'AUTH_FAILED', // wrong Account SID / Auth Token
  20404: 'AUTH_FAILED', // `/Accounts/{sid}` unknown: the SID belongs to no account these credentials reach
  30002: 'AUTH_FAILED', // account suspended
  30003: 'RECIPIENT_UNREACHABLE', // handset off or out of coverage
  30005: 'RECIPIENT_UNREACHABLE', // unknown destination
  30006: 'RECIPIENT_UNREACHABLE', // landline or unreachable carrier
  30008: 'RECIPIENT_UNREACHABLE', // unknown delivery error
};

/** Default back-off when Twilio names no Retry-After; the reply-loop guard clears after its 30 s window. */
const DEFAULT_RETRY_MS = 5_000;
const RETRY_MS_BY_CODE: Readonly<Record<number, number>> = { 14107: 30_000 };
const MAX_RETRY_MS = 60 * 60_000;

export interface TwilioFailure {
  /** Twilio's error code (REST `code`, callback `ErrorCode`); absent for a bare HTTP failure. */
  code?: number | string | null;
  /** HTTP status of a REST failure. */
  httpStatus?: number;
  message?: string | null;
  retryAfterMs?: number;
}

/** The ChannelError for a Twilio failure: code table first, then the HTTP status. */
export function mapTwilioError(failure: TwilioFailure): ChannelError {
  const code = failure.code === undefined || failure.code === null || failure.code === '' ? undefined : Number(failure.code);
  const status = failure.httpStatus;
  let channelCode: ChannelErrorCode = (code !== undefined && BY_CODE[code]) || 'UNKNOWN';
  if (channelCode === 'UNKNOWN' && status !== undefined) {
    if (status === 429) channelCode = 'RATE_LIMITED';
    else if (status >= 500) channelCode = 'PROVIDER_UNAVAILABLE';
    else if (status === 401) channelCode = 'AUTH_FAILED';
  }
  const providerCode = code !== undefined && Number.isFinite(code) ? String(code) : undefined;
  const detail = failure.message?.trim() || (status !== undefined ? `HTTP ${status}` : 'no detail');
  const message = `Twilio ${providerCode ?? 'error'}: ${detail}`;
  const retryAfterMs =
    channelCode === 'RATE_LIMITED' ? Math.min(failure.retryAfterMs ?? RETRY_MS_BY_CODE[code ?? 0] ?? DEFAULT_RETRY_MS, MAX_RETRY_MS) : undefined;
  const options: { providerCode?: string; retryAfterMs?: number } = {};
  if (providerCode !== undefined) options.providerCode = providerCode;
  if (retryAfterMs !== undefined) options.retryAfterMs = retryAfterMs;
  return new ChannelError(channelCode, message, options);
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A failed REST response, read in the request client so `Retry-After` survives (RestException drops headers). */
export class TwilioApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number | undefined,
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }

  /** Body in Twilio's legacy shape `{ code, message, more_info, status }` or RFC 9457 `{ type, title, status, code, detail }`. */
  static fromResponse(statusCode: number, body: unknown, headers: Record<string, unknown> | undefined): TwilioApiError {
    let parsed: unknown = body;
    if (typeof body === 'string') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = null;
      }
    }
    const fields = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    const code = typeof fields.code === 'number' ? fields.code : undefined;
    const message = [fields.message, fields.detail, fields.title].find((v): v is string => typeof v === 'string') ?? `HTTP ${statusCode}`;
    return new TwilioApiError(statusCode, code, message, parseRetryAfter(headers?.['retry-after']));
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Anything `messages.create` can throw, as a ChannelError. */
export function mapTwilioException(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof TwilioApiError) {
    return mapTwilioError({ code: error.code, httpStatus: error.httpStatus, message: error.message, retryAfterMs: error.retryAfterMs });
  }
  const fields = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
  // RestException / TwilioServiceException (a 3xx the client let through): numeric `status`, optional `code`.
  if (typeof fields.status === 'number' && !('isAxiosError' in fields)) {
    return mapTwilioError({ code: fields.code as number | undefined, httpStatus: fields.status, message: String(fields.message ?? '') });
  }
  // No HTTP answer at all (axios network error or timeout): the provider is out of reach, retry later.
  if (fields.isAxiosError === true || (typeof fields.code === 'string' && NETWORK_CODES.has(fields.code))) {
    return new ChannelError('PROVIDER_UNAVAILABLE', `Twilio unreachable: ${String(fields.code ?? fields.message ?? 'network error')}`);
  }
  return new ChannelError('UNKNOWN', `Twilio request failed: ${error instanceof Error ? error.message : String(error)}`);
}
