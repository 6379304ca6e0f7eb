/** Provider failures, normalised. The worker decides retries from the code alone. */
export const CHANNEL_ERROR_CODES = [
  'INVALID_RECIPIENT',
  'OUTSIDE_CUSTOMER_WINDOW',
  'RATE_LIMITED',
  'AUTH_FAILED',
  'PROVIDER_UNAVAILABLE',
  'UNSUPPORTED_CONTENT',
  'RECIPIENT_OPTED_OUT',
  'RECIPIENT_UNREACHABLE',
  'UNKNOWN',
] as const;

export type ChannelErrorCode = (typeof CHANNEL_ERROR_CODES)[number];

export const CHANNEL_ERROR_RETRYABLE = {
  INVALID_RECIPIENT: false,
  OUTSIDE_CUSTOMER_WINDOW: false,
  RATE_LIMITED: true,
  AUTH_FAILED: false,
  PROVIDER_UNAVAILABLE: true,
  UNSUPPORTED_CONTENT: false,
  RECIPIENT_OPTED_OUT: false,
  RECIPIENT_UNREACHABLE: false,
  UNKNOWN: false,
} as const satisfies Record<ChannelErrorCode, boolean>;

export class ChannelError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    readonly options: { retryAfterMs?: number; providerCode?: string } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
    this.retryable = CHANNEL_ERROR_RETRYABLE[code];
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
