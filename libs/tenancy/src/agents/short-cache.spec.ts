import { ShortCache } from './short-cache.js';

describe('ShortCache', () => {
  it('loads once within the time to live, again after it', async () => {
    const cache = new ShortCache<number>(30);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.get('k', load)).toBe(2);
  });

  it('forgets a deleted entry at once', async () => {
    const cache = new ShortCache<string | null>(60_000);
    await cache.get('k', async () => 'admin');
    cache.delete('k');
    expect(await cache.get('k', async () => null)).toBeNull();
  });

  it('does not keep a value read before a delete that happened meanwhile', async () => {
    const cache = new ShortCache<string | null>(60_000);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('admin'))));
    cache.delete('k'); // e.g. the membership was removed while the look-up was in flight
    release();
    expect(await slow).toBe('admin');
    expect(await cache.get('k', async () => null)).toBeNull();
  });

  it('stays bounded', async () => {
    const cache = new ShortCache<number>(60_000, 2);
    let loads = 0;
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ++loads);
    expect(await cache.get('a', async () => ++loads)).toBe(4);
  });
});
