import { stdSerializers } from 'pino';

/** A PostgreSQL (or PGlite) error: SQLSTATE `code` and `severity`, with a message and detail that may quote values. */
interface DatabaseError extends Error {
  code: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error &&
  typeof (error as DatabaseError).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((error as DatabaseError).code) &&
  'severity' in error;

/** drizzle's query error: its message lists the query's parameters (a searched PAN, an email, a mobile number). */
const isQueryError = (error: unknown): error is Error & { query: string; cause?: unknown } =>
  error instanceof Error && typeof (error as { query?: unknown }).query === 'string' && 'params' in error;

const DETAILS = ['constraint', 'table', 'column', 'routine'] as const;

/**
 * A database failure as an operator needs it: the statement with its placeholders, SQLSTATE, constraint,
 * table, column, PostgreSQL's routine and the stack's frames; not the parameters, nor PostgreSQL's message
 * and detail, which quote values.
 */
function databaseFailure(error: Error): Error {
  const query = isQueryError(error) ? error : undefined;
  const database = [query?.cause, error].find(isDatabaseError);
  const failure = new Error(database ? `database error ${database.code}` : 'database query failed');
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  failure.stack = [`Error: ${failure.message}`, ...frames].join('\n');
  return Object.assign(
    failure,
    query ? { query: query.query } : {},
    database ? { code: database.code } : {},
    ...DETAILS.filter((key) => typeof database?.[key] === 'string').map((key) => ({ [key]: database![key] })),
  );
}

/** The error with every database failure in its cause chain replaced by `databaseFailure`. */
function withoutQueryValues(error: Error, depth = 0): Error {
  if (isQueryError(error) || isDatabaseError(error)) return databaseFailure(error);
  if (!(error.cause instanceof Error) || depth > 8) return error;
  const cause = withoutQueryValues(error.cause, depth + 1);
  if (cause === error.cause) return error;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  copy.message = error.message;
  copy.stack = error.stack;
  copy.cause = cause;
  return copy;
}

/** How an error is logged wherever it is logged (`err`): pino's own form, without a failed query's values. */
export function serializeLoggedError(error: unknown): unknown {
  return error instanceof Error ? stdSerializers.err(withoutQueryValues(error)) : error;
}
