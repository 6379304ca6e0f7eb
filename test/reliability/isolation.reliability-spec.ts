import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AgentClientEvents, CallClientEvents, WebchatClientEvents } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { agentSocket, startHub, visitorSocket, type TestHub } from '../support/hub.js';
import { connectError, connected, emitAck, nextEvent } from '../support/sockets.js';
import { recordBadInputs } from './report.js';
import { ROUTE_BODIES } from './support/route-bodies.js';
import { httpRoutes, socketEvents, type HttpRoute } from './support/surface.js';
import { fingerprint, PARAM_IDS, PNG, rowsMentioning, seedTenant, tenantIds, type Tenant } from './support/tenant-fixtures.js';

/**
 * Issue 9 part 1, isolation: every REST route the hub serves (read from its router, not hand-listed)
 * and every socket event its gateways subscribe to, called by brand B with brand A's ids — in the path
 * (A's account; B's account with A's resource ids, one at a time and all at once), in the body (an
 * assignee, team, label, attachment, product of A) and in query filters. Pass: 404 where an id of A is
 * in the path, never a 2xx that shows or links A's data, nothing of A changed, no row of B names A,
 * and no event reaches A's sockets.
 */
jest.setTimeout(180_000);

type Probe = (hub: TestHub, victim: Tenant, attacker: Tenant) => Promise<void>;
/** Routes outside /api/v1/accounts/:accountId: why they are not tenant-scoped, or a probe with another tenant's ids. */
const PUBLIC: Record<string, string | Probe> = {
  'GET /api/docs': 'OpenAPI UI', 'GET /api/docs/': 'OpenAPI UI', 'GET /api/docs-json': 'OpenAPI document', 'GET /api/docs-yaml': 'OpenAPI document',
  'GET /api/docs/index.html': 'OpenAPI UI', 'GET /api/docs/LICENSE': 'OpenAPI UI', 'GET /api/docs/swagger-ui-init.js': 'OpenAPI UI',
  'GET /api/docs/docs/swagger-ui-init.js': 'OpenAPI UI', 'GET /health/live': 'health', 'GET /health/ready': 'health', 'GET /metrics': 'process metrics, no tenant data',
  'GET /widget': 'widget page', 'GET /widget.js': 'widget loader', 'GET /demo/config.json': 'demo page settings',
  'GET /widget/config': 'public look of a web-chat inbox by its public website token',
  'GET /s/:code': 'short links of product cards the brand sent publicly',
  'GET /pay/:token': 'a pay link is the bearer secret of one order (unknown 404, expired 410: test/e2e/checkout)',
  'POST /pay/:token': 'a pay link is the bearer secret of one order (unknown 404, expired 410: test/e2e/checkout)',
  'POST /webhooks/store/:accountId/orders': async (hub, victim) => {
    // Without the victim's store webhook secret nothing is accepted (no store connected: 404; else 401).
    const res = await hub.http().post(`/webhooks/store/${victim.accountId}/orders`).set('X-Shopify-Topic', 'orders/paid').set('X-Shopify-Hmac-Sha256', 'AAAA').send({ id: 1, name: '#1', updated_at: 'x' });
    expect([401, 404]).toContain(res.status);
  },
  'POST /api/v1/auth/login': 'sign-in (authenticity and throttling are tested elsewhere)',
  'GET /api/v1/auth/me': async (hub, victim, attacker) => {
    const me = await hub.http().get('/api/v1/auth/me').auth(attacker.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(me.body)).not.toContain(victim.accountId);
  },
  'GET /api/v1/accounts': async (hub, victim, attacker) => {
    const list = await hub.http().get('/api/v1/accounts').auth(attacker.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(victim.accountId);
  },
  'POST /api/v1/accounts': async (hub, victim, attacker) => {
    const res = await hub.http().post('/api/v1/accounts').auth(attacker.token, { type: 'bearer' }).send({ name: 'Outlet', id: victim.accountId }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  },
  'GET /media/:id/:signature': async (hub, victim, attacker) => {
    const signature = attacker.attachmentUrl.split('/').at(-1)!;
    expect((await hub.http().get(`/media/${victim.attachmentId}/${signature}`)).status).toBe(404);
  },
  'GET /webhooks/:provider/:inboxId': async (hub, victim) => {
    expect((await hub.http().get(`/webhooks/whatsapp/${victim.inboxId}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(404);
  },
  'POST /webhooks/:provider/:inboxId': async (hub, victim) => {
    expect((await hub.http().post(`/webhooks/twilio/${victim.inboxId}`).type('form').send('From=%2B15550001111&Body=hi&MessageSid=SM1')).status).toBe(404);
  },
  'POST /webhooks/:provider/:inboxId/status': async (hub, victim) => {
    expect((await hub.http().post(`/webhooks/twilio/${victim.inboxId}/status`).type('form').send('MessageSid=SM1&MessageStatus=read')).status).toBe(404);
  },
  'POST /webchat/attachments': async (hub, victim, attacker) => {
    const res = await hub.http().post('/webchat/attachments').set({ 'x-website-token': victim.websiteToken, 'x-visitor-token': attacker.visitorToken, 'content-type': 'image/png' }).send(PNG);
    // A visitor token is per inbox: another inbox's visitor is a stranger here (a new visitor of its own at most).
    if (res.status === 201) expect(await hub.query('SELECT 1 FROM message WHERE content::text LIKE $1', [`%${res.body.id}%`])).toEqual([]);
    else expect([400, 401, 403, 404, 429]).toContain(res.status);
  },
  'POST /webchat/call-requests': async (hub, victim, attacker) => {
    const res = await hub.http().post('/webchat/call-requests').set({ 'x-website-token': victim.websiteToken, 'x-visitor-token': attacker.visitorToken }).send({});
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  },
  'GET /call/:token': async (hub, victim) => {
    const res = await hub.http().get(`/call/${victim.callId}`);
    expect([400, 401, 404, 410]).toContain(res.status);
  },
};

/** GET routes the owner's fixture cannot answer 200: the answer it gets instead, and why. */
const OWNER_GET_EXCEPTIONS: Record<string, number> = {
  // A web-chat inbox has no WhatsApp Web session (404 for the owner too); the route's tenancy is still swept.
  'GET /api/v1/accounts/:accountId/inboxes/:inboxId/session': 404,
};

describe('tenant isolation sweep: every route and socket event with another tenant\'s ids', () => {
  let hub: TestHub;
  let a: Tenant;
  let b: Tenant;
  let routes: HttpRoute[];
  let before: Record<string, string>;
  const tenantRoutes = () => routes.filter((r) => r.path.startsWith('/api/v1/accounts/:accountId'));
  const fill = (path: string, pick: (param: string) => Tenant) =>
    path.replace(/:([A-Za-z]+)/g, (_, param: string) => {
      const key = PARAM_IDS[param];
      if (!key) throw new Error(`No tenant id for route parameter :${param} (${path}): add it to PARAM_IDS and the fixtures`);
      return pick(param)[key] as string;
    });
  const call = (r: HttpRoute, path: string, token: string, body?: unknown) => {
    const req = hub.http()[r.method.toLowerCase() as 'get'](path).auth(token, { type: 'bearer' });
    const spec = ROUTE_BODIES[r.key];
    if (r.method === 'GET' || r.method === 'DELETE') return req;
    return spec?.contentType ? req.set('content-type', spec.contentType).send(body as Buffer) : req.send(body as object);
  };

  beforeAll(async () => {
    // No queue processors: their clock ticks (SLA first responses, call sweeps) would move the victim's rows on their own.
    hub = await startHub({ RUN_PROCESSORS: 'false' });
    a = await seedTenant(hub, 'Victim');
    b = await seedTenant(hub, 'Attacker');
    routes = httpRoutes(hub.app);
  });
  afterAll(() => hub?.close());

  it('probes the routes outside tenant paths with the other tenant\'s ids', async () => {
    for (const probe of Object.values(PUBLIC)) if (typeof probe === 'function') await probe(hub, a, b);
    // The victim's state from here on must not move (listeners that ran for the seed data settle first).
    before = await settled(() => fingerprint(hub, a.accountId));
  });

  it('knows how to call every route the hub serves (a new route fails here until it is covered)', async () => {
    expect(routes.length).toBeGreaterThan(90);
    const uncovered = routes.filter((r) => !r.path.startsWith('/api/v1/accounts/:accountId') && !(r.key in PUBLIC)).map((r) => r.key);
    expect(uncovered).toEqual([]);
    const bodiless = tenantRoutes().filter((r) => !['GET', 'DELETE'].includes(r.method) && !ROUTE_BODIES[r.key]).map((r) => r.key);
    expect(bodiless).toEqual([]);
    const stale = Object.keys(ROUTE_BODIES).filter((k) => !routes.some((r) => r.key === k));
    expect(stale).toEqual([]);
    // The contract: every API route is documented.
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    expect(routes.filter((r) => r.path.startsWith('/api/v1/') && !documented.has(r.key)).map((r) => r.key)).toEqual([]);
  });

  it('proves the ids and bodies are valid: the owner reads every GET route, the attacker\'s own calls pass validation', async () => {
    const bad: string[] = [];
    for (const r of tenantRoutes().filter((x) => x.method === 'GET')) {
      const res = await call(r, fill(r.path, () => a), a.token);
      if (res.status !== 200 && OWNER_GET_EXCEPTIONS[r.key] !== res.status) bad.push(`${r.key} → ${res.status}`);
    }
    for (const r of tenantRoutes().filter((x) => ROUTE_BODIES[x.key] && !ROUTE_BODIES[x.key]!.noControl)) {
      const res = await call(r, fill(r.path, () => b), b.token, ROUTE_BODIES[r.key]!.body(b));
      // 409/410/422 are business answers (a duplicate, an ended call): the body and ids were accepted.
      if (![200, 201, 204, 409, 410, 422].includes(res.status)) bad.push(`${r.key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(bad).toEqual([]);
  });

  it('answers 404 to every tenant route called with the other tenant\'s ids in the path', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of tenantRoutes()) {
      const body = ROUTE_BODIES[r.key]?.body(b);
      const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!).filter((p) => p !== 'accountId');
      const variants = [
        fill(r.path, () => a), // A's account: B is not a member
        ...(params.length ? [fill(r.path, (p) => (p === 'accountId' ? b : a))] : []), // B's account, A's resources
        ...(params.length > 1 ? params.map((only) => fill(r.path, (p) => (p === only ? a : b))) : []), // one foreign id at a time
      ];
      for (const path of variants) {
        tried += 1;
        const res = await call(r, path, b.token, body);
        if (res.status !== 404) wrong.push(`${r.method} ${path} → ${res.status}`);
      }
    }
    recordBadInputs({ class: 'another tenant\'s ids in the path (every route)', tried, refused: tried - wrong.length });
    expect(wrong).toEqual([]);
  });

  it('never links or shows the other tenant\'s ids sent in bodies and query filters', async () => {
    const leaks: string[] = [];
    let tried = 0;
    for (const r of tenantRoutes()) {
      const spec = ROUTE_BODIES[r.key];
      for (const body of spec?.foreign?.(a) ?? []) {
        tried += 1;
        const res = await call(r, fill(r.path, () => b), b.token, body);
        if (res.status >= 500 || (res.status < 300 && leaksTo(res.body, a))) leaks.push(`${r.key} ${JSON.stringify(body)} → ${res.status}`);
      }
    }
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body as OpenApi;
    for (const r of tenantRoutes().filter((x) => x.method === 'GET')) {
      const filters = queryParams(doc, r).filter((q) => /Id$/.test(q));
      if (filters.length === 0) continue;
      const query = Object.fromEntries(filters.map((q) => [q, (a as unknown as Record<string, string>)[q] ?? a.conversationId]));
      tried += 1;
      const res = await call(r, fill(r.path, () => b), b.token).query(query);
      if (res.status >= 500 || (res.status < 300 && leaksTo(res.body, a))) leaks.push(`${r.key}?${new URLSearchParams(query)} → ${res.status}`);
    }
    recordBadInputs({ class: 'another tenant\'s ids in bodies and filters', tried, refused: tried - leaks.length });
    expect(leaks).toEqual([]);
    expect(await rowsMentioning(hub, b.accountId, [...tenantIds(a), ...a.secrets])).toEqual([]);
  });

  it('keeps every socket event of /inbox, /webchat and /call inside its tenant', async () => {
    const events = socketEvents(hub.app);
    // Typed against the contracts' client event maps: an event added there must get a payload here.
    const inboxPayloads = { typing: (v: Tenant) => ({ conversationId: v.conversationId, typing: true }), 'presence.set': () => ({ status: 'online' }) } satisfies Record<keyof AgentClientEvents, (v: Tenant) => unknown>;
    const webchatPayloads = {
      'message.send': (v: Tenant) => ({ clientMessageId: randomUUID(), content: { type: 'media', attachmentId: v.attachmentId } }),
      history: (v: Tenant) => ({ afterId: v.messageId }),
      typing: () => ({ typing: true }),
      'attributes.set': () => ({ customAttributes: { tier: 'gold' } }),
    } satisfies Record<keyof WebchatClientEvents, (v: Tenant) => unknown>;
    const callPayloads = {
      signal: (v: Tenant) => ({ to: v.adminId, data: { type: 'offer', sdp: 'v=0' } }),
      'chat.history': () => ({}),
      'chat.send': () => ({ clientMessageId: randomUUID(), text: 'hello' }),
      'product.pin': (v: Tenant) => ({ productId: v.productId }),
      'call.end': () => ({}),
    } satisfies Record<keyof CallClientEvents, (v: Tenant) => unknown>;
    const tables: Record<string, Record<string, (v: Tenant) => unknown>> = { '/inbox': inboxPayloads, '/webchat': webchatPayloads, '/call': callPayloads };
    const missing = [...events].flatMap(([ns, names]) => names.filter((n) => !tables[ns]?.[n]).map((n) => `${ns} ${n}`));
    expect(missing).toEqual([]);

    // A's watchers: an admin socket and A's visitor (resumed by its token).
    const watchers: Socket[] = [agentSocket(hub, a.token), visitorSocket(hub, { websiteToken: a.websiteToken, visitorToken: a.visitorToken })];
    // Listening before anything is awaited: the visitor's session can come before the agent socket connects.
    const visitorSession = nextEvent(watchers[1]!, 'session');
    await connected(watchers[0]!);
    await visitorSession;
    const heard: string[] = [];
    for (const w of watchers) w.onAny((event: string, payload: unknown) => void (!event.startsWith('presence.') || JSON.stringify(payload).includes(b.adminId) ? heard.push(event) : undefined));
    const attackers: [string, () => Socket][] = [
      ['/inbox', () => agentSocket(hub, b.token)],
      // Another visitor on A's own inbox, and a visitor of B's inbox presenting A's visitor token.
      ['/webchat', () => visitorSocket(hub, { websiteToken: a.websiteToken })],
      ['/webchat', () => visitorSocket(hub, { websiteToken: b.websiteToken, visitorToken: a.visitorToken })],
      ['/call', () => io(`${hub.url}/call`, { auth: { accessToken: b.token, callId: b.callId }, transports: ['websocket'], reconnection: false, forceNew: true })],
    ];
    const opened: Socket[] = [];
    let tried = 0;
    const leaks: string[] = [];
    for (const [ns, open] of attackers) {
      const socket = open();
      opened.push(socket);
      const first = ns === '/webchat' ? await nextEvent(socket, 'session') : await connected(socket);
      if (first && leaksTo(first, a)) leaks.push(`${ns} session leaked ${JSON.stringify(first)}`);
      socket.onAny((event: string, payload: unknown) => void (leaksTo(payload, a) ? leaks.push(`${ns} ${event}`) : undefined));
      for (const [event, build] of Object.entries(tables[ns]!)) {
        tried += 1;
        const ack = await socket.timeout(1500).emitWithAck(event, build(a)).catch(() => null);
        if (ack && leaksTo(ack, a)) leaks.push(`${ns} ${event} ack ${JSON.stringify(ack).slice(0, 200)}`);
        if (ack && event === 'message.send' && (ack as { ok: boolean }).ok) leaks.push(`${ns} ${event} accepted A's attachment`);
      }
    }
    // B's agent with A's call id in the handshake is refused.
    tried += 1;
    expect((await connectError(io(`${hub.url}/call`, { auth: { accessToken: b.token, callId: a.callId }, transports: ['websocket'], reconnection: false, forceNew: true }))).message).toMatch(/NOT_FOUND|FORBIDDEN/);
    await new Promise((r) => setTimeout(r, 500));
    recordBadInputs({ class: 'socket events with another tenant\'s ids', tried, refused: tried - leaks.length - heard.length });
    expect(leaks).toEqual([]);
    expect(heard).toEqual([]);
    for (const s of [...watchers, ...opened]) s.disconnect();
  });

  it('left the victim tenant exactly as it was', async () => {
    const after = await fingerprint(hub, a.accountId);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(changed.map((t) => ({ t, before: before[t], after: after[t] }))).toEqual([]);
  });
});

async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = JSON.stringify(await read());
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await read();
    if (JSON.stringify(next) === last) return next;
    last = JSON.stringify(next);
  }
  throw new Error('state never settled');
}

type OpenApi = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

function queryParams(doc: OpenApi, r: HttpRoute): string[] {
  const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  return (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

/** Whether a response shows anything of the victim: one of its ids or private strings. */
function leaksTo(payload: unknown, victim: Tenant): boolean {
  const text = JSON.stringify(payload ?? null);
  return [...tenantIds(victim), ...victim.secrets].some((s) => text.includes(s));
}
