import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './hub.js';

/**
 * The PostgreSQL server both the hub and the bare pipeline use: DATABASE_URL's server when set (the
 * machine's PostgreSQL), else the hub's own embedded PostgreSQL (fsync on, as users run it).
 */
export async function postgresServer(databaseUrl: string | undefined): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.pathname = '/postgres';
    return { url: url.toString(), kind: 'DATABASE_URL server', stop: async () => undefined };
  }
  const lib = (await import(pathToFileURL(join(process.cwd(), 'dist/libs/database/src/index.js')).href)) as {
    startEmbeddedPostgres(o: { dataDir: string; port: number; durability?: 'full' | 'fast' }): Promise<{ url: string; stop(): Promise<void> }>;
  };
  const handle = await lib.startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'concierge-bench-pg-')), port: await freePort(), durability: 'full' });
  const url = new URL(handle.url);
  url.pathname = '/postgres';
  return { url: url.toString(), kind: 'embedded PostgreSQL 17 (fsync on)', stop: () => handle.stop() };
}
