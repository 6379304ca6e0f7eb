/**
 * Preloaded into the hub with `--profile` (`NODE_OPTIONS=--import=…/query-counter.js`): counts the
 * SQL statements the hub sends through `pg`, by statement. SIGUSR2 writes the counts since the last
 * signal to BENCH_QUERY_COUNTS (a JSON file) and starts counting afresh.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
const counts = new Map<string, number>();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
  const text = typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? '');
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 140);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.call(this, config, ...rest);
};
process.on('SIGUSR2', () => {
  const file = process.env.BENCH_QUERY_COUNTS;
  if (file) writeFileSync(file, JSON.stringify([...counts].sort((a, b) => b[1] - a[1])));
  counts.clear();
});
