import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { startSandbox, type SandboxHandle } from '../../apps/sandbox/src/sandbox.js';
import type { SandboxOptions } from '../../apps/sandbox/src/types.js';
import { CASES, channelInput } from '../support/channels.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAgent, createBrand, freePort, startHub, type Brand } from '../support/hub.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HUB_ENTRY = join(ROOT, 'dist/apps/hub/src/main.js');
const WORKER_ENTRY = join(ROOT, 'dist/apps/worker/src/main.js');
export const SMS = CASES.find((c) => c.type === 'twilio_sms')!;

/** A hub or worker running as its own OS process, as in production. */
export interface Proc {
  name: string;
  url: string;
  child: ChildProcess;
  /** stdout + stderr, attached to failures so a crash explains itself. */
  output: string[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function requireClusterEnv(): string {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length) throw new Error(`The cluster suite needs ${missing.join(' and ')} (a real PostgreSQL and Redis); CI sets both.`);
  for (const entry of [HUB_ENTRY, WORKER_ENTRY]) if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run build)`);
  return process.env.REDIS_URL!;
}

export async function spawnNode(name: string, kind: 'hub' | 'worker', env: Record<string, string>, port?: number): Promise<Proc> {
  const p = port ?? (await freePort());
  const url = `http://127.0.0.1:${p}`;
  const child = spawn(process.execPath, [kind === 'hub' ? HUB_ENTRY : WORKER_ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: 'false', SANDBOX_PORT: '0', PORT: String(p), PUBLIC_URL: url, DATA_DIR: mkdtempSync(join(tmpdir(), `concierge-${name}-`)), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const proc: Proc = {
    name, url, child, output, exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('').slice(-3000)}`);
    const res = await fetch(`${url}/health/${kind === 'hub' ? 'ready' : 'live'}`).catch(() => null);
    return res?.status === 200;
  }, 60_000, `${name} ready`, () => output.join('').slice(-3000));
  return proc;
}

/** Polls a condition (no fixed sleeps): resolves when it holds, fails with `what` after `ms`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, ms: number, what: string, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Seeded {
  db: TestDatabase;
  sandbox: SandboxHandle;
  brand: Brand;
  second: { id: string; email: string; token: string };
  inboxId: string;
  webhookPath: string;
  /** Secrets every process shares (tokens signed on one hub are valid on the others). */
  env: Record<string, string>;
}

/**
 * A fresh database with a brand, a second agent and an SMS inbox on the offline sandbox, prepared by an
 * in-process hub (which also runs the migrations once, so the processes do not race on them), then closed.
 */
export async function seed(sandboxOptions: SandboxOptions = {}): Promise<Seeded> {
  const env = { TOKEN_SECRET: randomBytes(32).toString('base64url'), ENCRYPTION_KEY: randomBytes(32).toString('hex') };
  const db = await createTestDatabase();
  const sandbox = await startSandbox({ statusDelayMs: 20, retry: { twilioDelaysMs: [200], metaDelaysMs: [200] }, ...sandboxOptions });
  const hub = await startHub({ ...env, SANDBOX_PORT: '0' }, db);
  try {
    const brand = await createBrand(hub, 'Maison Cluster');
    const second = await addAgent(hub, brand, 'admin');
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' })
      .send({ name: 'SMS', channel: channelInput(SMS, sandbox.url) });
    if (res.status !== 201) throw new Error(`inbox: ${res.status} ${JSON.stringify(res.body)}`);
    return { db, sandbox, brand, second, inboxId: res.body.id, webhookPath: new URL(res.body.webhookUrls.events).pathname, env };
  } finally {
    await hub.close();
  }
}

/** The sandbox's customer phone posts its (signed) webhooks to this hub from now on. */
export function pointLineAt(s: Seeded, hubUrl: string): void {
  s.sandbox.addLine({ provider: 'twilio_sms', accountSid: String(channelInput(SMS, '').accountSid), authToken: SMS.secrets.authToken!, phoneNumber: SMS.lineKey, webhookUrl: `${hubUrl}${s.webhookPath}` });
}

export async function customerSends(s: Seeded, text: string): Promise<void> {
  const r = await fetch(`${s.sandbox.url}/sandbox/api/phones/${encodeURIComponent(SMS.lineKey)}/send`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: SMS.customer, text }),
  });
  const result = (await r.json()) as { status: number | null; body: string };
  if (result.status !== 200) throw new Error(`webhook answered ${result.status}: ${result.body}`);
}

/** An agent socket that reconnects by itself (as the inbox app does), with connection-state recovery. */
export function liveAgent(url: string, token: string): Socket {
  return io(`${url}/inbox`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
}

export async function api<T = any>(url: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

/** Every message of the conversation through the REST API (what the agent app loads), oldest first. */
export async function allMessages(url: string, token: string, accountId: string, conversationId: string): Promise<{ id: string; direction: string; status: string; content: { text?: string } }[]> {
  const out: { id: string; direction: string; status: string; content: { text?: string } }[] = [];
  let before: string | null = null;
  do {
    const res: { status: number; body: { data: typeof out; nextCursor: string | null } } = await api(url, token, `/accounts/${accountId}/conversations/${conversationId}/messages?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    if (res.status !== 200) throw new Error(`messages: ${res.status}`);
    out.push(...res.body.data);
    before = res.body.nextCursor;
  } while (before);
  return out;
}

export async function metricValue(url: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.split(' ').at(-1));
  }
  return 0;
}
