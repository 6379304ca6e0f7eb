import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../support/hub.js';

const run = promisify(execFile);

/**
 * A PostgreSQL of the suite's own (the machine's binaries, a throwaway data directory, a free port), so
 * the fault suites can restart it and kill its backends without touching the machine's server at 5432.
 * As root the server runs as OS user `postgres` (PostgreSQL refuses to run as root).
 */
export interface OwnPostgres {
  port: number;
  /** A URL for `database` (default `postgres`), user postgres, trust auth. */
  url(database?: string): string;
  /**
   * `pg_ctl stop -m fast|immediate`, `downMs` without a server, then `pg_ctl start` (after an immediate
   * stop that is crash recovery); resolves once it accepts connections again, with the ms taken.
   */
  restart(mode: 'fast' | 'immediate', downMs?: number): Promise<number>;
  /** `pg_terminate_backend` on every client backend of `database`; returns how many were killed. */
  terminateBackends(database: string): Promise<number>;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql (install postgresql)');
  return join(root, version, 'bin');
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'concierge-rel-pg-'));
  const data = join(dir, 'data');
  if (root) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const asServer = (cmd: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  const port = await freePort();
  await asServer('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // fsync off: a throwaway cluster. An immediate restart still runs crash recovery (WAL replay).
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
  await asServer('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url() });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    port,
    url,
    async restart(mode, downMs = 0) {
      const started = Date.now();
      if (downMs === 0) {
        await asServer('pg_ctl', ['-D', data, '-m', mode, '-l', join(dir, 'log'), '-w', '-t', '60', 'restart']);
      } else {
        await asServer('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
        await sleep(downMs);
        await asServer('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
      }
      return Date.now() - started;
    },
    terminateBackends: (database) =>
      admin(async (c) => {
        const r = await c.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [database],
        );
        return r.rowCount ?? 0;
      }),
    createDatabase: (name) => admin(async (c) => void (await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`))).then(() => url(name)),
    async stop() {
      await asServer('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
