import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

/**
 * One place that decides how the hub talks to PostgreSQL. The schema only ever changes through
 * migrations (run on start); `synchronize` stays off.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
    ...overrides,
  } as DataSourceOptions;
}
