import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/client.js';
import { prepared } from '../../src/db/prepared.js';
import { authEvents } from '../../src/db/schema/index.js';
import { createTestDatabase, databaseKind } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

let builds = 0;
const recordEvent = (executor: Executor, event: string) =>
  prepared(executor, 'test_record_event', () => {
    builds++;
    return executor
      .insert(authEvents)
      .values({ id: sql.placeholder('id'), event: sql.placeholder('event') })
      .prepare('test_record_event');
  }).execute({ id: crypto.randomUUID(), event });
const eventCount = async (event: string) =>
  (await database.handle.db.select().from(authEvents).where(eq(authEvents.event, event))).length;

describe('prepared statements', () => {
  it('run inside the transaction that uses them, also when built in an earlier one', async () => {
    builds = 0;
    await database.handle.db.transaction(async (tx) => recordEvent(tx, 'prepared-committed'));
    await database.handle.db
      .transaction(async (tx) => {
        await recordEvent(tx, 'prepared-rolled-back');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await database.handle.db.transaction(async (tx) => recordEvent(tx, 'prepared-committed'));
    expect(await eventCount('prepared-committed')).toBe(2);
    expect(await eventCount('prepared-rolled-back')).toBe(0);
    // node-postgres transactions run on pooled connections, which keep their statements; PGlite's
    // transactions are objects of their own, so each builds its statement again.
    expect(builds).toBe(databaseKind === 'postgres' ? 1 : 3);
  });

  it('are built once for the database handle outside transactions', async () => {
    builds = 0;
    await recordEvent(database.handle.db, 'prepared-outside');
    await recordEvent(database.handle.db, 'prepared-outside');
    expect(builds).toBe(1);
    expect(await eventCount('prepared-outside')).toBe(2);
  });
});
