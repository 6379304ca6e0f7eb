import { describe, expect, it } from '@jest/globals';
import { identifierHash, originAllowed, verifyIdentifier } from './webchat-identity.js';

describe('web-chat identity', () => {
  it('verifies the brand-computed HMAC and rejects others', () => {
    const hash = identifierHash('customer-42', 'secret');
    expect(verifyIdentifier('customer-42', hash, 'secret')).toBe(true);
    expect(verifyIdentifier('customer-43', hash, 'secret')).toBe(false);
    expect(verifyIdentifier('customer-42', hash, 'other')).toBe(false);
    expect(verifyIdentifier('customer-42', 'zz', 'secret')).toBe(false);
    expect(verifyIdentifier('customer-42', undefined, 'secret')).toBe(false);
  });

  it('matches exact and wildcard origins only', () => {
    const allowed = ['https://shop.example', 'https://*.brand.example'];
    expect(originAllowed('https://shop.example', allowed)).toBe(true);
    expect(originAllowed('https://eu.brand.example', allowed)).toBe(true);
    expect(originAllowed('https://brand.example.evil.test', allowed)).toBe(false);
    expect(originAllowed('http://shop.example', allowed)).toBe(false);
    expect(originAllowed(undefined, allowed)).toBe(false);
    expect(originAllowed(undefined, [])).toBe(true);
  });
});
