import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sleep } from './stats.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh database on the benchmark's PostgreSQL server, dropped at the end. */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

export interface HubProcess {
  pid: number;
  url: string;
  logFile: string;
  /** REST call as the signed-in admin; throws on an unexpected status. */
  api<T = any>(method: string, path: string, body?: unknown, expect?: number[]): Promise<T>;
  token: string;
  stop(): Promise<number | null>;
}

export const DEMO_PASSWORD = 'bench-password-9f3c';

/**
 * Starts the built hub (`dist/apps/hub/src/main.js`) as its own process, exactly as `npm start` does,
 * against `databaseUrl`. The demo seed gives a first admin; the benchmark then makes its own brand.
 */
export async function startHub(options: { entry: string; databaseUrl: string; resultsDir: string; env?: Record<string, string>; cpuProfileDir?: string }): Promise<HubProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(options.resultsDir, `hub-${port}.log`);
  const fd = openSync(logFile, 'w');
  const args = [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), options.entry];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', fd, fd],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'concierge-bench-')),
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      SANDBOX_PORT: '0',
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  closeSync(fd);
  let exited: number | null | undefined;
  const exitPromise = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve((exited = code))));
  const deadline = Date.now() + 90_000;
  while (!readFileSync(logFile, 'utf8').includes('Concierge is running')) {
    if (exited !== undefined) throw new Error(`hub exited with ${exited} during start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`hub did not start within 90 s:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    await sleep(200);
  }
  let token = '';
  const api = async <T>(method: string, path: string, body?: unknown, expect = [200, 201, 204]): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const login = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', { email: 'admin@demo.concierge.test', password: DEMO_PASSWORD });
  token = login.accessToken;
  return {
    pid: child.pid!,
    url,
    logFile,
    api,
    get token() {
      return token;
    },
    stop: async () => {
      if (exited === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      const code = await exitPromise;
      clearTimeout(timer);
      return code;
    },
  } as HubProcess;
}
