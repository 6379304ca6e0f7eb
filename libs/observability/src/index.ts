export * from './logging.js';
export * from './http-errors.js';
export * from './id-param.js';
export * from './health-checks.js';
export * from './observability.module.js';
export { Metrics } from './metrics.js';
export { checkMetricsAccess } from './metrics.controller.js';
