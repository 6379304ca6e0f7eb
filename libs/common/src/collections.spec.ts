import { describe, expect, it } from '@jest/globals';
import { firstOfEach } from './collections.js';

describe('firstOfEach', () => {
  it('keeps the first item of every key, in first-seen order', () => {
    const items = [{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }, { k: 'c', n: 4 }, { k: 'b', n: 5 }];
    expect(firstOfEach(items, (i) => i.k).map((i) => i.n)).toEqual([1, 2, 4]);
  });
});
