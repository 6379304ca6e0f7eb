import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
type Starter = typeof import('../../../libs/database/src/embedded-postgres.js');

/**
 * What test/setup/global-setup.ts does for the database suites (DATABASE_URL, or a throwaway embedded
 * PostgreSQL from the build), plus a fresh directory the suites record the report into. Self-contained:
 * jest loads global setup outside its module mapping, so it cannot import the shared setup file.
 */
export default async function globalSetup(): Promise<void> {
  const reportDir = mkdtempSync(join(tmpdir(), 'concierge-reliability-'));
  mkdirSync(reportDir, { recursive: true });
  process.env.CONCIERGE_RELIABILITY_REPORT_DIR = reportDir;
  process.env.CONCIERGE_RELIABILITY_STARTED_AT = String(Date.now());
  if (process.env.CONCIERGE_TEST_DATABASE_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.CONCIERGE_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const built = new URL('../../../dist/libs/database/src/embedded-postgres.js', import.meta.url).href;
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
