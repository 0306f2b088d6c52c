import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { listenPglite, listenPostgres } from './notifications.js';
import type { ChannelListener, StopListening } from './notifications.js';
import type { DataDirLock } from './data-dir-lock.js';
import { createFilesOwnerOnly, createOwnerOnlyDirectory, restrictToOwner } from './private-directory.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either the database or an open transaction. */
export type Executor = Database | Transaction;

/** What pg-boss needs to run its SQL through our connection(s). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  sql: SqlExecutor;
  /** Applies the migrations in `migrationsFolder` (default: the app's own) not yet applied. */
  migrate(migrationsFolder?: string): Promise<void>;
  /** Round trip to the database; throws when it cannot be reached in time. */
  ping(): Promise<void>;
  /** Follows a notification channel (`LISTEN`), on a connection of its own. */
  listen(channel: string, listener: ChannelListener): Promise<StopListening>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`, `memory://` (PGlite in memory) or undefined (PGlite under `dataDir/pglite`). */
  url: string | undefined;
  dataDir: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  poolMax: number;
  onPoolError?: (error: Error) => void;
  /** Who holds the embedded database's directory while it is open: `server` (default) or a tool's name. */
  holder?: string;
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Arbitrary constant: serialises migrations when several processes start on one server. */
const MIGRATION_LOCK_ID = 727_401_993;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url?.startsWith('postgres')) return openPostgres(options.url, options);
  return openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  // PGlite's WebAssembly runs on V8's baseline compiler only: the optimised code of its hot functions cost
  // ~50 MB of RSS for ~10% faster queries. Set before its module is compiled; no other WebAssembly runs here.
  setFlagsFromString('--liftoff-only');
  // Imported only when used: PGlite's WebAssembly build costs ~40 MB of RSS in every process that loads it.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const [{ createPgliteCluster, pgliteOptions }, { PgliteStatements }] = await Promise.all([
    import('./pglite-cluster.js'),
    import('./pglite-statements.js'),
  ]);
  let client: PGlite;
  let lock: DataDirLock | undefined;
  if (options.url === 'memory://') {
    client = new PGlite(pgliteOptions());
    await client.waitReady;
  } else {
    createFilesOwnerOnly();
    const directory = path.join(options.dataDir, 'pglite');
    createOwnerOnlyDirectory(directory); // PGlite does not create parent directories
    lock = lockDataDir(options.dataDir, options.holder ?? 'server');
    try {
      await createPgliteCluster(directory);
      client = new PGlite(directory, pgliteOptions());
      await client.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
    // DATA_DIR owner-only: the database holds password hashes and, in its WAL, everything written. One walk
    // once PGlite is up fixes older installs and the files it writes with modes of its own as it starts
    // (its initial cluster, pg_internal.init); the umask covers every file created after that.
    restrictToOwner(options.dataDir);
  }
  // Drizzle calls only `query` and `transaction`, which PgliteStatements runs as named statements.
  const statements = new PgliteStatements(client);
  const db = drizzlePglite(statements as unknown as PGlite, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    sql: {
      async executeSql(text, values) {
        // pg-boss sends parameterless multi-statement scripts, which only exec() accepts.
        if (values && values.length > 0) return statements.query(text, values);
        const results = await client.exec(text);
        return results.at(-1) ?? { rows: [] };
      },
    },
    async migrate(migrationsFolder = MIGRATIONS_FOLDER) {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    ping: async () => {
      await client.query('select 1');
    },
    listen: (channel, listener) => listenPglite(client, channel, listener),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    // The client-side bound still holds when the server stops answering altogether.
    query_timeout: options.statementTimeoutMs + 1000,
    application_name: 'pehchan',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.onPoolError?.(error));
  // pg-pool listens for errors on idle clients only: a checked-out client (in a transaction, or
  // between a request's queries) losing its connection would emit 'error' unhandled and crash the
  // process. The query in progress still fails, and is answered 503.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onPoolError?.(error));
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    sql: { executeSql: (text, values) => pool.query(text, values) },
    async migrate(migrationsFolder = MIGRATIONS_FOLDER) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    listen: (channel, listener) => listenPostgres(url, channel, listener, options.connectTimeoutMs),
    close: () => pool.end(),
  };
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57014', // query_canceled (statement timeout)
]);

const CONNECTION_ERROR_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'connection is closed',
  'Client has encountered a connection error',
];

/** True when an error means the database could not be reached or answered in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && CONNECTION_ERROR_CODES.has(candidate.code)) return true;
    if (
      typeof candidate.message === 'string' &&
      CONNECTION_ERROR_MESSAGES.some((text) => (candidate.message as string).includes(text))
    ) {
      return true;
    }
    current = candidate.cause;
  }
  return false;
}

/** True when the error (or one it wraps) is a unique violation of the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current = error as { code?: string; constraint?: string; cause?: unknown } | undefined; current;) {
    if (current.code === '23505' && current.constraint === constraint) return true;
    current = current.cause as typeof current;
  }
  return false;
}
