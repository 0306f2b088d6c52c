import type { Executor } from './client.js';

// Prepared once per database handle: drizzle builds the SQL once, and PostgreSQL parses and plans
// each named statement once per connection instead of on every request.
const cache = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Executor, name: string, build: () => T): T {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (!statement) statements.set(name, (statement = build()));
  return statement;
}
