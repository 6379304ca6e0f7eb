import { describe, expect, it } from '@jest/globals';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isTransientDbError } from './sql.js';

describe('isTransientDbError', () => {
  it('treats a connection lost mid-transaction as transient (spooled or retried, never quarantined)', () => {
    expect(isTransientDbError(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isTransientDbError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransientDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDbError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('does not hide real failures', () => {
    expect(isTransientDbError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isTransientDbError(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientDbError(undefined)).toBe(false);
  });
});
