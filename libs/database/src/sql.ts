/** Escape a user-supplied string for use inside ILIKE so `%` and `_` are matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** PostgreSQL unique-violation check, for idempotent inserts racing each other. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** SQLSTATE classes 08 (connection) and 57P (server shutting down / not yet accepting). */
const TRANSIENT_SQLSTATE = /^(08|57P)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|the database system is (starting up|shutting down)/i;
/**
 * TypeORM releases a transaction's query runner when its connection dies mid-transaction; the
 * transaction's next query then throws this instead of a connection error (seen with
 * pg_terminate_backend under load: the item was quarantined and an acknowledged message lost).
 */
const TRANSIENT_NAMES = new Set(['QueryRunnerAlreadyReleasedError']);

/** The database is briefly unreachable (restart, failover, network): worth spooling or retrying, not quarantining. */
export function isTransientDbError(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string; driverError?: { code?: string; message?: string } };
  if (typeof e?.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  return TRANSIENT_MESSAGES.test(`${e?.message ?? ''} ${e?.driverError?.message ?? ''}`);
}
