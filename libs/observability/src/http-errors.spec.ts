import { describe, expect, it } from '@jest/globals';
import { AppError } from '@concierge/common';
import { toErrorResponse } from './http-errors.js';

describe('toErrorResponse', () => {
  const poolTimeout = new Error('timeout exceeded when trying to connect');
  const unavailable = (e: unknown) => e === poolTimeout;

  it('answers 503 SERVICE_UNAVAILABLE for a dependency briefly out of reach, 500 for anything else unknown', () => {
    expect(toErrorResponse(poolTimeout, 'r1', unavailable)).toEqual({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is briefly unavailable; retry in a moment' }, requestId: 'r1' },
    });
    expect(toErrorResponse(new Error('bug'), 'r2', unavailable)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
    // Without a classifier nothing is taken for unavailability.
    expect(toErrorResponse(poolTimeout, 'r3')).toMatchObject({ status: 500 });
  });

  it('keeps application errors and stored-value refusals as they are', () => {
    expect(toErrorResponse(AppError.notFound('Conversation'), 'r4', unavailable)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(toErrorResponse({ driverError: { code: '22021' } }, 'r5', unavailable)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});
