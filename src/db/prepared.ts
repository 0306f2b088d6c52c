import type { Executor } from './client.js';

// Prepared once per connection: drizzle builds the SQL once, and PostgreSQL parses and plans each
// named statement once per connection instead of on every request.
const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * What a prepared statement is bound to. drizzle binds it to its session's client: the pool for
 * the database handle, the checked-out connection inside a node-postgres transaction. Pools reuse
 * their connections, so a statement built in one transaction serves every later transaction on
 * the same connection (and runs inside it); keyed by the transaction object it would be built
 * anew for each one. PGlite's transactions are objects of their own, so nothing outlives them.
 */
function boundTo(db: Executor): object {
  return (db as unknown as { session?: { client?: object } }).session?.client ?? db;
}

export function prepared<T>(db: Executor, name: string, build: () => T): T {
  const key = boundTo(db);
  let statements = cache.get(key);
  if (!statements) cache.set(key, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (!statement) statements.set(name, (statement = build()));
  return statement;
}
