import { describe, expect, it } from '@jest/globals';
import { runCli } from './run-cli.js';
import type { CliIo } from './whatsapp-qr.js';

type Reply = { status: number; body: unknown } | Error;

/** A hub that answers from a script: login first, then one reply per poll. */
function fakeHub(sessionReplies: Reply[], loginReply: Reply = { status: 200, body: { accessToken: 'tok-1', agent: {}, accounts: [{ id: 'acct-1', name: 'Demo', role: 'admin' }] } }) {
  const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { CONCIERGE_PASSWORD: 'pw' },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    sleep: async () => undefined,
    renderQr: (text) => `[QR ${text}]`,
    fetch: (async (url: string, init: RequestInit = {}) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      calls.push({ url, method: init.method ?? 'GET', auth: headers.authorization ?? null, body: init.body ? JSON.parse(String(init.body)) : null });
      const reply = url.endsWith('/auth/login') ? loginReply : (sessionReplies.shift() ?? new Error('script ended'));
      if (reply instanceof Error) throw reply;
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
  };
  return { io, calls, out, err };
}

const session = (state: string, extra: Record<string, unknown> = {}) => ({ status: 200, body: { state, qr: null, qrText: null, detail: null, phone: null, updatedAt: '2026-01-05T10:00:00Z', ...extra } });
const ARGS = ['whatsapp-qr', '--inbox', 'inbox-1', '--email', 'admin@demo.concierge.test'];

describe('cli whatsapp-qr', () => {
  it('signs in, prints each new QR once, and exits 0 when connected', async () => {
    const hub = fakeHub([
      session('starting'),
      session('qr_required', { qr: 'data:image/png;base64,AAA', qrText: 'qr-one' }),
      session('qr_required', { qr: 'data:image/png;base64,AAA', qrText: 'qr-one' }),
      session('qr_required', { qr: 'data:image/png;base64,BBB', qrText: 'qr-two' }),
      session('connected', { phone: '+6281234500000' }),
    ]);
    expect(await runCli([...ARGS, '--url', 'http://hub.test:3000/'], hub.io)).toBe(0);
    expect(hub.calls[0]).toEqual({ url: 'http://hub.test:3000/api/v1/auth/login', method: 'POST', auth: null, body: { email: 'admin@demo.concierge.test', password: 'pw' } });
    expect(hub.calls[1]).toMatchObject({ url: 'http://hub.test:3000/api/v1/accounts/acct-1/inboxes/inbox-1/session', method: 'GET', auth: 'Bearer tok-1' });
    expect(hub.out.filter((l) => l.includes('[QR '))).toEqual([expect.stringContaining('[QR qr-one]'), expect.stringContaining('[QR qr-two]')]);
    expect(hub.out.at(-1)).toBe('Linked as +6281234500000.');
  });

  it('prints the detail and exits 1 when the session fails', async () => {
    const hub = fakeHub([session('starting'), session('failed', { detail: 'Cannot reach web.whatsapp.com — is this machine offline?' })]);
    expect(await runCli(ARGS, hub.io)).toBe(1);
    expect(hub.err).toEqual(['Cannot reach web.whatsapp.com — is this machine offline?']);
  });

  it('tells the admin to use the browser when the hub sends no qrText', async () => {
    const hub = fakeHub([session('qr_required', { qr: 'data:image/png;base64,AAA' }), session('connected')]);
    expect(await runCli(ARGS, hub.io)).toBe(0);
    expect(hub.out.join('\n')).toContain('open the inbox settings');
  });

  it('signs in again when the token expires, and gives up on a hub that keeps failing', async () => {
    const expired = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Token expired' } } };
    const hub = fakeHub([expired, session('connected')]);
    expect(await runCli(ARGS, hub.io)).toBe(0);
    expect(hub.calls.filter((c) => c.url.endsWith('/auth/login'))).toHaveLength(2);

    const down = fakeHub(Array.from({ length: 10 }, () => new TypeError('fetch failed')));
    expect(await runCli(ARGS, down.io)).toBe(1);
    expect(down.err[0]).toContain('not answering');

    const missing = fakeHub([{ status: 404, body: { error: { code: 'NOT_FOUND', message: 'Inbox not found' } } }]);
    expect(await runCli(ARGS, missing.io)).toBe(1);
    expect(missing.err[0]).toContain('Inbox not found');
  });

  it('reports a rejected sign-in and asks for --account when the login has several', async () => {
    const denied = fakeHub([], { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' } } });
    expect(await runCli(ARGS, denied.io)).toBe(1);
    expect(denied.err[0]).toContain('Wrong e-mail or password');

    const two = fakeHub([], { status: 200, body: { accessToken: 't', accounts: [{ id: 'a1', name: 'One' }, { id: 'a2', name: 'Two' }] } });
    expect(await runCli(ARGS, two.io)).toBe(64);
    expect(two.err[0]).toContain('a2  Two');
    const picked = fakeHub([session('connected')], { status: 200, body: { accessToken: 't', accounts: [{ id: 'a1', name: 'One' }, { id: 'a2', name: 'Two' }] } });
    expect(await runCli([...ARGS, '--account', 'a2'], picked.io)).toBe(0);
    expect(picked.calls[1]?.url).toContain('/accounts/a2/inboxes/inbox-1/session');
  });

  it('prints usage and exits 64 on bad arguments', async () => {
    for (const argv of [[], ['nope'], ['whatsapp-qr'], ['whatsapp-qr', '--inbox'], ['whatsapp-qr', '--inbox', 'i', '--bogus', 'x'], ['whatsapp-qr', '--inbox', 'i', '--email', 'e', '--url', 'ftp://x']]) {
      const hub = fakeHub([]);
      expect(await runCli(argv, hub.io)).toBe(64);
      expect(hub.err.join('\n')).toContain('Usage: npm run cli --');
      expect(hub.calls).toEqual([]);
    }
    const noPassword = fakeHub([]);
    noPassword.io.env = {};
    expect(await runCli(ARGS, noPassword.io)).toBe(64);
    expect(noPassword.err[0]).toContain('CONCIERGE_PASSWORD');
  });
});
