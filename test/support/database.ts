import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per suite on the test server (embedded, or DATABASE_URL in CI). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.CONCIERGE_TEST_DATABASE_URL;
  if (!base) throw new Error('CONCIERGE_TEST_DATABASE_URL is not set: run database suites through jest (global setup)');
  const name = `concierge_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
