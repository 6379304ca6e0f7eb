import { describe, expect, it } from '@jest/globals';
import { storable } from './storable.js';

describe('storable', () => {
  it('drops NUL and replaces lone surrogates everywhere, keeping pairs, dates and other values', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(storable({ 'k\u0000': ['a\u0000b', 'x\ud800y', '\ud83d\udc5c', 'z\udc00', 1, null, true], at })).toEqual({ k: ['ab', 'x\ufffdy', '\ud83d\udc5c', 'z\ufffd', 1, null, true], at });
    expect(storable(at)).toBe(at);
  });
});
