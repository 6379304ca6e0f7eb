import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductSearch } from '@concierge/commerce';
import { createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';

/**
 * Search on 100k products (generate_series). Prints p50/p99 and asserts correctness only: timings on
 * shared 2-core machines are figures for the report (PERFORMANCE.md), not pass/fail criteria.
 */
describe('catalog search on 100k products', () => {
  let hub: TestHub;
  let brand: Brand;
  const N = 100_000;
  const TERMS = ['kelly', 'kelly gold', 'birkin bag', 'silk scarf', 'scar', 'bracelet rouge', 'lyon', 'SKU-4242', '丝巾', '手袋', '纯银手镯', '羊绒围巾', 'nothing matches this', 'neck', 'evelyne silver 777', 'wallet'];

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Bench');
    await hub.query(
      `INSERT INTO product (id, account_id, sku, title, description, price_amount, currency, stock)
       SELECT gen_random_uuid(), $1, 'SKU-' || g,
         (ARRAY['Kelly','Birkin','Constance','Evelyne','Picotin','Lindy','Garden','Herbag'])[1 + g % 8] || ' ' ||
         (ARRAY['bag','scarf','bracelet','ring','wallet','belt','necklace','earrings','watch','shoes'])[1 + (g / 8) % 10] || ' ' ||
         (ARRAY['gold','silver','black','rouge','etoupe','bleu','vert','rose'])[1 + (g / 80) % 8] || ' ' || g,
         (ARRAY['Hand-stitched calfskin leather','Silk twill printed in Lyon','Sterling silver with enamel','真丝斜纹丝巾，里昂印制',
                '小牛皮手工缝制手袋','纯银珐琅手镯','Cashmere and silk blend','Canvas and leather trim'])[1 + (g / 7) % 8] || ' number ' || g,
         (100 + g % 5000)::numeric, 'EUR', g % 20
       FROM generate_series(1, $2::int) g`,
      [brand.accountId, N],
    );
    await hub.query('ANALYZE product');
  }, 120_000);

  afterAll(async () => {
    await hub.close();
  });

  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

  it('200 mixed searches: prints p50/p99 (service and HTTP) and returns the right products', async () => {
    const search = hub.app.get(ProductSearch);
    for (const q of TERMS) await search.search(brand.accountId, { q }); // warm-up
    const service: number[] = [];
    const http: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = TERMS[i % TERMS.length]!;
      let t = process.hrtime.bigint();
      await search.search(brand.accountId, { q });
      service.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await hub.http().get(`/api/v1/accounts/${brand.accountId}/products`).query({ q }).auth(brand.admin.token, { type: 'bearer' }).expect(200);
      http.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`catalog search, ${N} products, 200 queries (${TERMS.length} terms)\n  service (SQL + mapping): ${fmt(service)}\n  HTTP (auth + JSON):     ${fmt(http)}`);

    const titles = async (q: string) => (await search.search(brand.accountId, { q, limit: 50 })).data;
    const kellyGold = await titles('kelly gold');
    expect(kellyGold.length).toBe(50);
    for (const p of kellyGold) expect(p.title).toMatch(/^Kelly .* gold \d+$/);
    const scarves = await titles('丝巾');
    expect(scarves.length).toBe(50);
    for (const p of scarves) expect(p.description).toContain('丝巾');
    expect((await titles('SKU-4242')).map((p) => p.sku)).toEqual(['SKU-4242']);
    expect(await titles('nothing matches this')).toEqual([]);
    const prefix = await titles('neck');
    for (const p of prefix) expect(p.title).toContain('necklace');
    const page1 = await search.search(brand.accountId, { q: 'birkin bag', limit: 20 });
    const page2 = await search.search(brand.accountId, { q: 'birkin bag', limit: 20, cursor: page1.nextCursor! });
    expect(page2.data.length).toBe(20);
    expect(new Set([...page1.data, ...page2.data].map((p) => p.id)).size).toBe(40);
  }, 120_000);
});
