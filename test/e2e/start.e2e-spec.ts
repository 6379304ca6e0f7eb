import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

/** `npm start` as a newcomer runs it: the built hub, no DATABASE_URL (embedded PostgreSQL), demo seed. */
const main = new URL('../../dist/apps/hub/src/main.js', import.meta.url).pathname;
// Below the kernel's ephemeral range (32768+), where outgoing connections could already hold the port.
const port = 21000 + Math.floor(Math.random() * 9000);

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'CONCIERGE_TEST_DATABASE_URL'].includes(k)));
  const child = spawn(process.execPath, [main], { env: { ...clean, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function waitFor(check: () => boolean, ms: number, what: string, output: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} not seen within ${ms} ms. Output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-start-'));
  const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(port + 1), SANDBOX_PORT: String(port + 2) };
  const base = `http://127.0.0.1:${port}`;
  const sandbox = `http://127.0.0.1:${port + 2}`;
  const sandboxLines = async () => ((await (await fetch(`${sandbox}/sandbox/api/lines`)).json()) as { provider: string }[]).map((l) => l.provider);
  let outboxTexts: string[] = [];
  const poll = setInterval(() => {
    fetch(`${sandbox}/sandbox/api/outbox`)
      .then((r) => r.json() as Promise<{ request: { text?: { body?: string } } }[]>)
      .then((records) => (outboxTexts = records.map((r) => r.request.text?.body ?? '')), () => undefined);
  }, 200);
  afterAll(() => clearInterval(poll));
  const running: ChildProcess[] = [];
  afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

  it('starts on embedded PostgreSQL, seeds the demo once and prints a working login', async () => {
    const first = run(env);
    running.push(first.child);
    await waitFor(() => first.output().includes('Concierge is running'), 60_000, 'startup banner', first.output);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const login = first.output().match(/(admin@demo\.concierge\.test)\s+(\S+)/);
    expect(login).not.toBeNull();
    expect(first.output()).toMatch(/mei@demo\.concierge\.test/);
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: login![1], password: login![2] }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accounts: { name: string }[] };
    expect(body.accounts[0]!.name).toBe('Maison Demo');
    const demo = (await (await fetch(`${base}/demo/config.json`)).json()) as { websiteToken: string };
    expect(demo.websiteToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await fetch(`${base}/demo/`)).status).toBe(200);
    // The agent inbox app; the old console's address redirects to it.
    expect(first.output()).toContain(`Agent inbox     http://localhost:${port}/app/`);
    const inboxPage = await fetch(`${base}/agent/`);
    expect([inboxPage.status, inboxPage.url]).toEqual([200, `${base}/app/`]);

    // A newcomer plays a WhatsApp customer on the sandbox phone; an assistant answers through the fake provider.
    expect(first.output()).toContain(`Customer phone  http://localhost:${port + 2}/`);
    expect((await sandboxLines()).sort()).toEqual(['twilio_sms', 'twilio_whatsapp', 'whatsapp_cloud']);
    const phone = await fetch(`${sandbox}/sandbox/api/phones/109876543210987/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+15017122661', profileName: 'Ana', text: 'Hello from the sandbox phone' }),
    });
    expect(((await phone.json()) as { status: number }).status).toBe(200);
    const mei = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mei@demo.concierge.test', password: login![2] }) })).json()) as { accessToken: string; accounts: { id: string }[] };
    const auth = { authorization: `Bearer ${mei.accessToken}`, 'content-type': 'application/json' };
    // The demo's automation answers at once (a greeting in hours, one out-of-office reply outside them).
    await waitFor(() => outboxTexts.some((t) => t.length > 0), 10_000, 'automatic reply at the fake WhatsApp API', () => outboxTexts.join('\n'));
    const list = (await (await fetch(`${base}/api/v1/accounts/${mei.accounts[0]!.id}/conversations`, { headers: auth })).json()) as { data: { id: string; contact: { phone: string } }[] };
    const conversation = list.data.find((c) => c.contact.phone === '+15017122661')!;
    expect(conversation).toBeDefined();
    const reply = await fetch(`${base}/api/v1/accounts/${mei.accounts[0]!.id}/conversations/${conversation.id}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ content: { type: 'text', text: 'Welcome to Maison Demo' } }) });
    expect(reply.status).toBe(201);
    await waitFor(() => outboxTexts.includes('Welcome to Maison Demo'), 10_000, 'reply at the fake WhatsApp API', () => outboxTexts.join('\n'));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // A restart keeps the data and does not seed (or print passwords) again.
    const second = run(env);
    running.push(second.child);
    await waitFor(() => second.output().includes('Concierge is running'), 60_000, 'restart banner', second.output);
    expect(second.output()).not.toMatch(/Sign in with/);
    expect((await sandboxLines()).sort()).toEqual(['twilio_sms', 'twilio_whatsapp', 'whatsapp_cloud']);
    const again = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: login![1], password: login![2] }) });
    expect(again.status).toBe(200);

    // Killed without a chance to clean up: the next start replaces the orphaned PostgreSQL.
    second.child.kill('SIGKILL');
    await second.exited;
    const third = run(env);
    running.push(third.child);
    await waitFor(() => third.output().includes('Concierge is running'), 60_000, 'start after kill -9', third.output);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);

  it('refuses to start on bad configuration, listing every problem', async () => {
    const bad = run({ DATA_DIR: dataDir, PORT: 'abc', DATABASE_URL: 'mysql://nope', NODE_ENV: 'production' });
    running.push(bad.child);
    expect(await bad.exited).toBe(78);
    const text = bad.output();
    for (const name of ['PORT', 'DATABASE_URL', 'TOKEN_SECRET', 'ENCRYPTION_KEY']) expect(text).toContain(name);
  });
});
