import { describe, expect, it } from '@jest/globals';
import { SecretBox } from './secret-box.js';
import { toE164 } from './phone.js';

const key = 'ab'.repeat(32);

describe('SecretBox', () => {
  it('round-trips values and never stores them in clear', () => {
    const box = new SecretBox(key);
    const sealed = box.seal({ authToken: 'tok_123' });
    expect(sealed).not.toContain('tok_123');
    expect(box.open(sealed)).toEqual({ authToken: 'tok_123' });
  });

  it('refuses tampered ciphertext and another key', () => {
    const sealed = new SecretBox(key).seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => new SecretBox(key).open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('cd'.repeat(32)).open(sealed)).toThrow();
  });
});

describe('toE164', () => {
  it('normalises valid numbers and rejects invalid ones', () => {
    expect(toE164('+86 138 0013 8000')).toBe('+8613800138000');
    expect(toE164('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(toE164('12345')).toBeNull();
  });
});
