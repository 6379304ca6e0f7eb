/**
 * Every failure the hub reports to a caller is an AppError with a stable code.
 * Edges (HTTP filter, socket handlers, workers) map each code exhaustively — see ERROR_HTTP_STATUS.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INVALID_CREDENTIALS',
  'ORIGIN_NOT_ALLOWED',
  'IDENTITY_VERIFICATION_FAILED',
  'UNSUPPORTED_CONTENT',
  'CUSTOMER_WINDOW_CLOSED',
  'RECIPIENT_OPTED_OUT',
  'INBOX_PAUSED',
  'INVALID_SIGNATURE',
  'ACCOUNT_MISMATCH',
  'MALFORMED_WEBHOOK',
  'CHANNEL_ERROR',
  'SERVICE_UNAVAILABLE',
  'LINK_EXPIRED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status per code; `satisfies` makes a new code without a mapping a compile error. */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  IDENTITY_VERIFICATION_FAILED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_CONTENT: 422,
  CUSTOMER_WINDOW_CLOSED: 422,
  RECIPIENT_OPTED_OUT: 409,
  INBOX_PAUSED: 409,
  INVALID_SIGNATURE: 401,
  ACCOUNT_MISMATCH: 403,
  MALFORMED_WEBHOOK: 400,
  RATE_LIMITED: 429,
  CHANNEL_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  /** A signed link (video-call invite) past its expiry, or for a call that is over. */
  LINK_EXPIRED: 410,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

export interface FieldError {
  field: string;
  messages: string[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static validation(message: string, details?: FieldError[]): AppError {
    return new AppError('VALIDATION_FAILED', message, details);
  }

  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
