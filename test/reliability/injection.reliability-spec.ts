import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startHub, visitorSocket, type TestHub } from '../support/hub.js';
import { emitAck, nextEvent } from '../support/sockets.js';
import { recordBadInputs } from './report.js';
import { httpRoutes, type HttpRoute } from './support/surface.js';
import { PARAM_IDS, seedTenant, type Tenant } from './support/tenant-fixtures.js';

/**
 * Issue 9 part 1, injection: every query parameter of every list/search route (read from the OpenAPI
 * document of the running hub) gets SQL metacharacters, LIKE wildcards, JSON/NoSQL operators (also as
 * qs objects and arrays), huge strings and hostile unicode. Pass: 400 or an answer that treats the
 * input literally — never a 5xx, never more rows than a literal match, and the schema intact.
 */
jest.setTimeout(180_000);

const HUGE = 'A'.repeat(100_000);
const STRINGS: [string, string][] = [
  ['sql quote', `' OR '1'='1`],
  ['sql comment', `x'; DROP TABLE contact; --`],
  ['sql paren', `") OR (1=1) --`],
  ['sql union', `' UNION SELECT password_hash FROM agent --`],
  ['like wildcard %', '%'],
  ['like wildcard _', '_'],
  ['like escape', '\\'],
  ['regex', '.*'],
  ['json operator', '{"$gt":""}'],
  ['jsonb operator', `'{}'::jsonb ? 'a'`],
  ['tsquery syntax', `!( & | <-> :*`],
  ['huge string', HUGE],
  ['nul byte', 'abc\u0000def'],
  ['lone surrogate', 'x\ud800y'],
  ['invalid utf-8', '\u0000RAW:x%ED%A0%80y%FF%C0%AF'],
  ['rtl override', '\u202Egnp.exe'],
  ['emoji and CJK', '👜 包包 ✓'],
  ['zero-width', 'a\u200Bb\uFEFF'],
  ['number overflow', '1e309'],
  ['negative', '-1'],
  ['NaN', 'NaN'],
  ['path traversal', '../../../../etc/passwd'],
  ['cursor forgery', Buffer.from('{"at":"2020-01-01\' OR 1=1 --","id":"x"}').toString('base64url')],
];
/** Raw query strings that reach express's qs parser as objects and arrays (NoSQL-style operators). */
const SHAPES: [string, (p: string) => string][] = [
  ['qs object operator', (p) => `${p}[$ne]=x`],
  ['qs nested object', (p) => `${p}[a][b][c]=x`],
  ['qs array', (p) => `${p}[]=a&${p}[]=b`],
  ['repeated parameter', (p) => `${p}=a&${p}=b`],
  ['prototype pollution', () => `__proto__[polluted]=1&constructor[prototype][polluted]=1`],
];

describe('injection in every list filter and search parameter', () => {
  let hub: TestHub;
  let t: Tenant;
  let routes: { route: HttpRoute; path: string; params: string[] }[];
  const get = (path: string, rawQuery: string) => hub.http().get(`${path}?${rawQuery}`).auth(t.token, { type: 'bearer' });

  beforeAll(async () => {
    hub = await startHub({ RUN_PROCESSORS: 'false' });
    t = await seedTenant(hub, 'Injected');
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body as OpenApi;
    routes = httpRoutes(hub.app)
      .filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/'))
      .map((route) => ({
        route,
        path: route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => t[PARAM_IDS[p]!] as string),
        params: (doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.get?.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
      }))
      .filter((r) => r.params.length > 0);
  });
  afterAll(() => hub?.close());

  it('finds the filters to attack in the running hub', () => {
    const all = routes.flatMap((r) => r.params.map((p) => `${r.route.path}?${p}`));
    // Searches and filters of conversations, contacts, canned responses, products, notifications, reports.
    expect(all).toEqual(expect.arrayContaining([
      '/api/v1/accounts/:accountId/conversations?q', '/api/v1/accounts/:accountId/conversations?status', '/api/v1/accounts/:accountId/contacts?q',
      '/api/v1/accounts/:accountId/products?q', '/api/v1/accounts/:accountId/canned-responses?q', '/api/v1/accounts/:accountId/conversations?cursor',
    ]));
    expect(all.length).toBeGreaterThan(20);
  });

  it('never answers 5xx, whatever goes into a query parameter', async () => {
    const failures: string[] = [];
    const byClass = new Map<string, { tried: number; refused: number }>();
    const note = (cls: string, ok: boolean) => {
      const c = byClass.get(cls) ?? { tried: 0, refused: 0 };
      c.tried += 1;
      if (ok) c.refused += 1;
      byClass.set(cls, c);
    };
    for (const { route, path, params } of routes) {
      for (const param of params) {
        const attempts: [string, string][] = [
          ...STRINGS.map(([cls, value]): [string, string] => [cls, `${encodeURIComponent(param)}=${encodeQuery(value)}`]),
          ...SHAPES.map(([cls, raw]): [string, string] => [cls, raw(param)]),
        ];
        for (const [cls, raw] of attempts) {
          const res = await get(path, raw);
          const ok = res.status < 500;
          note(cls, ok);
          if (!ok) failures.push(`${route.key} ${param} (${cls}) → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          // 414/431: Node's HTTP parser refuses an oversized request line before the app sees it (no JSON body possible).
          else if (res.status >= 400 && ![414, 431].includes(res.status) && typeof res.body?.error?.code !== 'string') failures.push(`${route.key} ${param} (${cls}) → ${res.status} without the error shape: ${res.text?.slice(0, 120)}`);
        }
      }
    }
    for (const [cls, c] of byClass) recordBadInputs({ class: `injection: ${cls}`, ...c });
    expect(failures).toEqual([]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(await hub.query(`SELECT count(*)::int AS n FROM contact WHERE account_id = $1`, [t.accountId])).toEqual([{ n: expect.any(Number) }]);
  });

  it('matches search input literally: wildcards and SQL find nothing that does not contain them', async () => {
    const searches = routes.filter((r) => r.params.includes('q'));
    expect(searches.length).toBeGreaterThanOrEqual(4);
    for (const { route, path } of searches) {
      const everything = await get(path, '');
      expect({ route: route.key, status: everything.status }).toEqual({ route: route.key, status: 200 });
      for (const value of ['%', '_', `' OR '1'='1`, '.*', '\\']) {
        const res = await get(path, `q=${encodeURIComponent(value)}`);
        expect({ route: route.key, value, status: res.status }).toEqual({ route: route.key, value, status: res.status === 400 ? 400 : 200 });
        if (res.status === 200) {
          const rows = rowsOf(res.body);
          // Nothing seeded contains these characters, so a literal match finds nothing.
          expect({ route: route.key, value, rows: rows.length }).toEqual({ route: route.key, value, rows: 0 });
        }
      }
    }
  });

  it('stores hostile web-chat message text literally or refuses it, never an internal error', async () => {
    const v = visitorSocket(hub, { websiteToken: t.websiteToken });
    await nextEvent(v, 'session');
    let tried = 0;
    const failures: string[] = [];
    for (const [cls, value] of STRINGS.filter(([, x]) => Buffer.byteLength(x) < 32 * 1024 && !x.startsWith('\u0000RAW:'))) {
      tried += 1;
      const ack = await emitAck(v, 'message.send', { clientMessageId: `inj-${tried}`, content: { type: 'text', text: value } });
      if (!ack.ok) {
        if (ack.error.code === 'INTERNAL') failures.push(`${cls} → INTERNAL`);
        continue;
      }
      const [row] = await hub.query<{ text: string }>(`SELECT content->>'text' AS text FROM message WHERE id = $1`, [ack.message.id]);
      // Literal, except what PostgreSQL cannot hold (NUL) and what JSON cannot carry (a lone surrogate).
      if (row!.text !== value.replaceAll('\u0000', '') && !/[\ud800-\udfff]/.test(value)) failures.push(`${cls} stored as ${JSON.stringify(row!.text).slice(0, 60)}`);
    }
    v.disconnect();
    recordBadInputs({ class: 'injection: web-chat message text', tried, refused: tried - failures.length });
    expect(failures).toEqual([]);
  });

  it('keeps socket inputs literal too (web-chat history cursor)', async () => {
    const open = async () => {
      const socket = visitorSocket(hub, { websiteToken: t.websiteToken, visitorToken: t.visitorToken });
      await nextEvent(socket, 'session');
      return socket;
    };
    let v = await open();
    let tried = 0;
    let refused = 0;
    const own = (await emitAck(v, 'history', {})).messages.length as number;
    for (const [, value] of STRINGS) {
      tried += 1;
      // An unknown cursor is a resume from the start: at most the visitor's own history, never an internal
      // error. A payload over the socket's 64 KB frame limit drops the connection (refused too).
      const ack = await emitAck(v, 'history', { afterId: value }).catch(() => null);
      if (ack === null) {
        expect(Buffer.byteLength(value)).toBeGreaterThan(64 * 1024);
        refused += 1;
        v.disconnect();
        v = await open();
        continue;
      }
      if (ack.ok ? ack.messages.length <= own : ack.error.code !== 'INTERNAL') refused += 1;
    }
    v.disconnect();
    recordBadInputs({ class: 'injection: web-chat history cursor', tried, refused });
    expect(refused).toBe(tried);
  });
});

type OpenApi = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

/** Percent-encodes a value; lone surrogates and `\0RAW:` values go on the wire as they are (invalid UTF-8). */
function encodeQuery(value: string): string {
  if (value.startsWith('\u0000RAW:')) return value.slice(5);
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((ch) => { try { return encodeURIComponent(ch); } catch { return '%ED%A0%80'; } }).join('');
  }
}

function rowsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const data = (body as { data?: unknown }).data;
  return Array.isArray(data) ? data : [];
}
