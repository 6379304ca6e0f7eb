import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
type Starter = typeof import('../../libs/database/src/embedded-postgres.js');

/**
 * Database suites run against DATABASE_URL when it is set (CI runs them against the machine's
 * PostgreSQL too); otherwise against a throwaway embedded PostgreSQL. Each suite creates its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.CONCIERGE_TEST_DATABASE_URL) return; // the other project's setup already ran
  if (process.env.DATABASE_URL) {
    process.env.CONCIERGE_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  // Global setup runs outside jest's module mapping, so it loads the build (npm test builds first).
  const built = new URL('../../dist/libs/database/src/embedded-postgres.js', import.meta.url).href;
  const { startEmbeddedPostgres } = (await import(built)) as Starter;
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-test-pg-'));
  const handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), durability: 'fast', database: 'postgres' });
  process.env.CONCIERGE_TEST_DATABASE_URL = handle.url;
  (globalThis as { __conciergePg?: typeof handle }).__conciergePg = handle;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
