import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@concierge/database';
import pg from 'pg';

const built = new URL('../../dist/libs/database/src/embedded-postgres.js', import.meta.url).pathname;
// Below the kernel's ephemeral range (32768+), where outgoing connections could already hold the port.
const port = 12000 + Math.floor(Math.random() * 8000);

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS one');
  await client.end();
  return rows[0].one as number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  const started: EmbeddedPostgresHandle[] = [];
  afterAll(async () => {
    for (const h of started) await h.stop();
  });

  it('replaces a server orphaned by kill -9 of the hub and keeps the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concierge-orphan-'));
    const script = `import(${JSON.stringify(built)}).then(async (m) => {
      const h = await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, durability: 'fast' });
      const pg = (await import('pg')).default; const c = new pg.Client({ connectionString: h.url }); await c.connect();
      await c.query('CREATE TABLE kept (v text)'); await c.query("INSERT INTO kept VALUES ('survived')"); await c.end();
      console.log('READY');
    })`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const orphanPid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(isAlive(orphanPid)).toBe(true); // the server outlived the hub

    const handle = await startEmbeddedPostgres({ dataDir, port, durability: 'fast' });
    started.push(handle);
    expect(isAlive(orphanPid)).toBe(false);
    const client = new pg.Client({ connectionString: handle.url });
    await client.connect();
    expect((await client.query('SELECT v FROM kept')).rows).toEqual([{ v: 'survived' }]);
    await client.end();
  }, 60_000);

  it('fails with a clear message when the port is taken by another program', async () => {
    const blocker: Server = createServer(() => undefined);
    const busyPort = port + 1;
    await new Promise<void>((r) => blocker.listen(busyPort, '127.0.0.1', r));
    try {
      const error = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'concierge-busy-')), port: busyPort }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect((error as Error).message).toMatch(new RegExp(`port ${busyPort} is already in use.*EMBEDDED_PG_PORT.*DATABASE_URL`, 's'));
    } finally {
      blocker.close();
    }
  });

  it('attaches the server log tail when PostgreSQL itself refuses to start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concierge-badflag-'));
    const first = await startEmbeddedPostgres({ dataDir, port: port + 2, durability: 'fast' });
    expect(await selectOne(first.url)).toBe(1);
    await first.stop();
    // A corrupt configuration makes the server exit during start-up; the operator must see why.
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(dataDir, 'pg', 'postgresql.conf'), '\nshared_buffers = nonsense\n');
    const error = (await startEmbeddedPostgres({ dataDir, port: port + 2 }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(error.message).toMatch(/PostgreSQL log/);
    expect(error.message).toMatch(/shared_buffers/);
  }, 60_000);
});
