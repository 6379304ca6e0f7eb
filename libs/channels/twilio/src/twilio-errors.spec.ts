import { describe, expect, it } from '@jest/globals';
import { ChannelError } from '@concierge/channels-core';
import { parseRetryAfter, mapTwilioException, TwilioApiError, mapTwilioError } from './twilio-errors.js';

describe('Twilio error mapping', () => {
  it.each([
    [63016, 400, 'OUTSIDE_CUSTOMER_WINDOW', false],
    [63018, 400, 'RATE_LIMITED', true],
    [20429, 429, 'RATE_LIMITED', true],
    [14107, 400, 'RATE_LIMITED', true],
    [21211, 400, 'INVALID_RECIPIENT', false],
    [21614, 400, 'INVALID_RECIPIENT', false],
    [21610, 400, 'RECIPIENT_OPTED_OUT', false],
    [30011, 400, 'UNSUPPORTED_CONTENT', false],
    [21620, 400, 'UNSUPPORTED_CONTENT', false],
    [21623, 400, 'UNSUPPORTED_CONTENT', false],
    [20003, 401, 'AUTH_FAILED', false],
    [20404, 404, 'AUTH_FAILED', false],
    [30003, 400, 'RECIPIENT_UNREACHABLE', false],
    [30005, 400, 'RECIPIENT_UNREACHABLE', false],
    [30006, 400, 'RECIPIENT_UNREACHABLE', false],
    [30008, 400, 'RECIPIENT_UNREACHABLE', false],
    [21999, 400, 'UNKNOWN', false],
    [99999, 503, 'PROVIDER_UNAVAILABLE', true],
    [undefined, 500, 'PROVIDER_UNAVAILABLE', true],
    [undefined, 429, 'RATE_LIMITED', true],
  ] as const)('code %s (HTTP %s) → %s', (code, httpStatus, expected, retryable) => {
    const error = mapTwilioError({ code, httpStatus, message: 'from Twilio' });
    expect([error.code, error.retryable]).toEqual([expected, retryable]);
    expect(error.options.providerCode).toBe(code === undefined ? undefined : String(code));
  });

  it('maps the string ErrorCode of a status callback with the same table', () => {
    expect(mapTwilioError({ code: '63016' }).code).toBe('OUTSIDE_CUSTOMER_WINDOW');
    expect(mapTwilioError({ code: '21610' }).options.providerCode).toBe('21610');
    expect(mapTwilioError({ code: '' }).code).toBe('UNKNOWN');
  });

  it('gives rate limits a delay: Retry-After when present, 30 s for the reply-loop guard, a default otherwise', () => {
    expect(mapTwilioError({ code: 20429, httpStatus: 429, retryAfterMs: 7000 }).retryAfterMs).toBe(7000);
    expect(mapTwilioError({ code: 14107 }).retryAfterMs).toBe(30_000);
    expect(mapTwilioError({ code: 63018 }).retryAfterMs).toBe(5_000);
    expect(mapTwilioError({ code: 21211 }).retryAfterMs).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter(['3'], now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('reads both of Twilio’s error body shapes', () => {
    const legacy = TwilioApiError.fromResponse(400, { code: 21211, message: "Invalid 'To' Phone Number", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 }, {});
    expect([legacy.code, legacy.message]).toEqual([21211, "Invalid 'To' Phone Number"]);
    const rfc9457 = TwilioApiError.fromResponse(429, JSON.stringify({ type: 'https://www.twilio.com/docs/errors/20429', title: 'Too Many Requests', status: 429, code: 20429 }), { 'retry-after': '2' });
    expect([rfc9457.code, rfc9457.message, rfc9457.retryAfterMs]).toEqual([20429, 'Too Many Requests', 2000]);
    expect(TwilioApiError.fromResponse(502, '<html>Bad gateway</html>', {}).code).toBeUndefined();
  });

  it('turns whatever messages.create throws into a ChannelError', () => {
    const window = new ChannelError('OUTSIDE_CUSTOMER_WINDOW', 'already mapped');
    expect(mapTwilioException(window)).toBe(window);
    expect(mapTwilioException(new TwilioApiError(429, 20429, 'Too Many Requests', 4000))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 4000 });
    // A RestException-like object (the SDK's own exception shape).
    expect(mapTwilioException(Object.assign(new Error('x'), { status: 400, code: 21610 })).code).toBe('RECIPIENT_OPTED_OUT');
    // axios network failures and timeouts.
    expect(mapTwilioException(Object.assign(new Error('connect ECONNREFUSED'), { isAxiosError: true, code: 'ECONNREFUSED' })).code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapTwilioException(Object.assign(new Error('timeout of 15000ms exceeded'), { isAxiosError: true, code: 'ECONNABORTED' })).code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapTwilioException(new Error('accountSid must start with AC')).code).toBe('UNKNOWN');
  });
});
