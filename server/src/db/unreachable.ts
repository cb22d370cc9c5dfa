/**
 * Whether an error means the database could not be reached (refused, reset, timed out, shut down), as opposed to
 * a fault in the request or in our SQL: the first is a 503 the desktop retries, the second a 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL's own: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** what `pg` says when a connection ends under it or cannot be made in time (these carry no code) */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

export function databaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  if (PG_MESSAGES.test(error.message)) return true;
  // Node's happy-eyeballs connect fails with an AggregateError of each address's refusal
  return error instanceof AggregateError && error.errors.some(databaseUnreachable);
}

/**
 * Whether PostgreSQL refused a value the request carried for its characters (a NUL byte in text or JSON, which
 * PostgreSQL cannot store): the request's fault, a 400, and nothing was written (the statement failed).
 */
export function unstorableCharacter(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === '22021' || code === '22P05';
}
