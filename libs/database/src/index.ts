export * from './embedded-postgres.js';
export * from './naming-strategy.js';
export * from './data-source-options.js';
export * from './database.module.js';
export * from './sql.js';
