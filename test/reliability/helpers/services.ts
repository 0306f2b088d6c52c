import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The PostgreSQL server the suite creates its databases on (never a database it does not own). */
export const POSTGRES_URL =
  process.env.RELIABILITY_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.RELIABILITY_REDIS_URL || 'redis://127.0.0.1:6379';

const inCi = process.env.CI === 'true';

async function postgresAnswers(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(): Promise<string | undefined> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    redis.disconnect();
  }
}

/**
 * True when the services answer. Outside CI a missing service skips the file with a message; in CI
 * (`CI=true`) it is an error, so the suite can never pass by skipping.
 */
export async function servicesAvailable(needs: { redis?: boolean } = {}): Promise<boolean> {
  const problems: string[] = [];
  const postgres = await postgresAnswers();
  if (postgres) problems.push(`PostgreSQL at ${new URL(POSTGRES_URL).host}: ${postgres}`);
  if (needs.redis) {
    const redis = await redisAnswers();
    if (redis) problems.push(`Redis at ${new URL(REDIS_URL).host}: ${redis}`);
  }
  if (problems.length === 0) return true;
  const message = `reliability suite needs ${problems.join('; ')}`;
  if (inCi) throw new Error(`${message} (CI=true: not skipping)`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  /** A query on this database, for assertions on what the service stored. */
  query<Row extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

/** An empty database of this file's own; the server migrates it when it starts. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `pehchan_rel_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const parsed = new URL(POSTGRES_URL);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  return {
    url,
    async query<Row extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        return (await client.query<Row>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
