import { describe, expect, it } from '@jest/globals';
import { channelLock, emailLock, lockOrder, phoneLock } from './advisory-locks.js';

describe('advisory lock order', () => {
  it('takes identity locks before channel locks, each group sorted, whatever the call order', () => {
    const keys = [channelLock('inbox-1', '+14155550100'), phoneLock('acc', '+14155550100'), emailLock('acc', 'A@Shop.test')];
    const expected = [emailLock('acc', 'a@shop.test'), phoneLock('acc', '+14155550100'), channelLock('inbox-1', '+14155550100')];
    expect(lockOrder(keys)).toEqual(expected);
    expect(lockOrder([...keys].reverse())).toEqual(expected);
  });

  it('takes a repeated key once', () => {
    expect(lockOrder([phoneLock('acc', '+1'), phoneLock('acc', '+1')])).toHaveLength(1);
  });

  it('keys emails case-insensitively, like the matching', () => {
    expect(emailLock('acc', 'Li@Shop.TEST')).toBe(emailLock('acc', 'li@shop.test'));
  });
});
