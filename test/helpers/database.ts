import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';

export const serverUrl = process.env.TEST_DATABASE_URL;
export const databaseKind = serverUrl ? 'postgres' : 'pglite';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection string of this file's own database (PostgreSQL runs only). */
  url: string | undefined;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`);
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database of its own: a new database on the PostgreSQL server, or in-memory PGlite.
 * `migrationsFolder` migrates it as an older version would have (default: the current migrations).
 */
export async function createTestDatabase(options: { migrationsFolder?: string } = {}): Promise<TestDatabase> {
  if (!serverUrl) {
    const handle = await openDatabase({
      url: 'memory://',
      dataDir: '',
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30_000,
      poolMax: 1,
    });
    await handle.migrate(options.migrationsFolder);
    return { handle, url: undefined, drop: () => handle.close() };
  }
  const name = `pehchan_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({
    url,
    dataDir: '',
    connectTimeoutMs: 3000,
    statementTimeoutMs: 30_000,
    poolMax: 5,
  });
  await handle.migrate(options.migrationsFolder);
  return {
    handle,
    url,
    async drop() {
      await handle.close().catch(() => undefined);
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
