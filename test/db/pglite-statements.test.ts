import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PREPARED_STATEMENTS, PgliteStatements } from '../../src/db/pglite-statements.js';

let pglite: PGlite;
let statements: PgliteStatements;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.exec(`
    create table people (id int primary key, name text not null, born date, seen timestamptz, tags jsonb);
    insert into people values (1, 'Asha', '1990-04-01', '2026-01-02T03:04:05Z', '["a"]'), (2, 'Ravi', null, null, null);
  `);
  statements = new PgliteStatements(pglite);
});
afterAll(() => pglite.close());

const preparedInDatabase = async () =>
  (await pglite.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`)).rows[0]!.n;

describe('PgliteStatements', () => {
  it('answers as PGlite query does, preparing each text once', async () => {
    const text = 'select id, name, born, seen, tags from people where id = $1';
    const before = await preparedInDatabase();
    // Drizzle's way: its own parsers for some types (timestamps kept as text), merged over PGlite's.
    const drizzleLike = { rowMode: 'array' as const, parsers: { [1184]: (value: string) => `at ${value}` } };
    for (const options of [undefined, { rowMode: 'array' as const }, drizzleLike]) {
      for (const id of [1, 2, 3]) {
        const ours = await statements.query(text, [id], options);
        expect(ours).toEqual(await pglite.query(text, [id], options));
      }
    }
    expect((await statements.query(text, [1], drizzleLike)).rows[0]).toContain('at 2026-01-02 03:04:05+00');
    expect(await preparedInDatabase()).toBe(before + 1);
    const update = 'update people set name = name where id = any($1::int[])';
    expect(await statements.query(update, [[1, 2]])).toEqual(await pglite.query(update, [[1, 2]]));
  });

  it('serialises parameters by the types PostgreSQL inferred (dates, JSON, nulls, arrays)', async () => {
    await statements.query('insert into people values ($1, $2, $3, $4, $5)', [
      3,
      'Meera',
      '2000-02-29',
      new Date('2026-05-06T07:08:09Z'),
      { score: [1, 2] },
    ]);
    const { rows } = await statements.query<{ born: Date; seen: Date; tags: unknown }>(
      'select born, seen, tags from people where id = any($1::int[])',
      [[3]],
    );
    expect(rows[0]!.seen.toISOString()).toBe('2026-05-06T07:08:09.000Z');
    expect(rows[0]!.tags).toEqual({ score: [1, 2] });
    const inserted = await statements
      .query('insert into people (id, name) values ($1, $2)', [4, null])
      .catch((e) => e);
    expect(inserted).toMatchObject({ code: '23502', query: 'insert into people (id, name) values ($1, $2)' });
  });

  it('reports affected rows, and a database error with its code, leaving the session usable', async () => {
    const updated = await statements.query('update people set name = name where id <= $1', [2]);
    expect(updated.affectedRows).toBe(2);
    const duplicate = await statements
      .query('insert into people (id, name) values ($1, $2)', [1, 'x'])
      .catch((e) => e);
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'people_pkey', params: [1, 'x'] });
    const syntax = await statements.query('selec 1').catch((e) => e);
    expect(syntax).toMatchObject({ code: '42601' });
    expect((await statements.query('select name from people where id = $1', [1])).rows).toEqual([
      { name: 'Asha' },
    ]);
  });

  it('runs transactions that commit and roll back', async () => {
    await statements.transaction(async (tx) => {
      await tx.query('insert into people (id, name) values ($1, $2)', [10, 'kept']);
    });
    await statements
      .transaction(async (tx) => {
        await tx.query('insert into people (id, name) values ($1, $2)', [11, 'dropped']);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const failed = await statements
      .transaction(async (tx) => {
        await tx.query('insert into people (id, name) values ($1, $2)', [12, 'dropped']);
        await tx.query('insert into people (id, name) values ($1, $2)', [12, 'duplicate']);
      })
      .catch((e) => e);
    expect(failed).toMatchObject({ code: '23505' });
    const { rows } = await statements.query<{ id: number }>(
      'select id from people where id >= $1 order by id',
      [10],
    );
    expect(rows).toEqual([{ id: 10 }]);
  });

  it('prepares again a statement that a schema change made stale', async () => {
    const text = 'select * from people where id = $1';
    expect(Object.keys((await statements.query(text, [1])).rows[0]!)).not.toContain('nickname');
    await pglite.exec('alter table people add column nickname text');
    expect((await statements.query<Record<string, unknown>>(text, [1])).rows[0]).toHaveProperty(
      'nickname',
      null,
    );
  });

  it('keeps at most MAX_PREPARED_STATEMENTS, closing the least recently used in the database', async () => {
    for (let n = 0; n < MAX_PREPARED_STATEMENTS + 20; n++) {
      await statements.query(`select $1::int + ${n} as total`, [1]);
    }
    expect(statements.preparedCount).toBe(MAX_PREPARED_STATEMENTS);
    // Closes go out with the next message sent.
    expect(await preparedInDatabase()).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS + 1);
    expect((await statements.query<{ total: number }>('select $1::int + 5 as total', [1])).rows).toEqual([
      { total: 6 },
    ]);
  });

  it('delivers notifications raised by its statements to PGlite listeners', async () => {
    const received: string[] = [];
    await pglite.listen('people_changes', (payload) => received.push(payload));
    await statements.query(`select pg_notify('people_changes', $1)`, ['hello']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(['hello']);
  });
});
