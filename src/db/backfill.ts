/*
 * Data migrations that need the application's keys, run once at start after the SQL migrations.
 * Each runs in one transaction under an advisory lock and is recorded in app_backfills, so several
 * processes starting together run it once, and a crash part-way leaves nothing half done.
 */
import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { encryptField, KeyRing } from '../lib/crypto/index.js';
import { redact } from '../providers/cashfree/redact.js';
import type { Database, Transaction } from './client.js';
import { appBackfills } from './schema/index.js';

/** The user's data key, created when missing (the caller's transaction); undefined when it was erased. */
export type DataKeyFor = (tx: Transaction, userId: string) => Promise<Buffer | undefined>;

/** Arbitrary constant: one process at a time runs backfills. */
const BACKFILL_LOCK_ID = 727_401_994;
const PAGE = 500;

/** Columns that older versions stored in clear (migration 0009 turned them into JSON strings). */
const PLAINTEXT_COLUMNS: ReadonlyArray<{ table: string; key: string; columns: string[] }> = [
  { table: 'users', key: 'id', columns: ['name'] },
  { table: 'pan_details', key: 'user_id', columns: ['name', 'mobile_no', 'email'] },
  {
    table: 'profile_details',
    key: 'user_id',
    columns: ['gender', 'place_of_birth', 'occupation', 'annual_income'],
  },
  {
    table: 'address_details',
    key: 'user_id',
    columns: [
      'permanent_address',
      'landmark',
      'permanent_city',
      'permanent_pincode',
      'permanent_state',
      'permanent_country',
    ],
  },
  { table: 'official_identities', key: 'id', columns: ['name', 'gender'] },
];

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;

export async function runBackfills(db: Database, dataKeyFor: DataKeyFor): Promise<void> {
  await once(db, 'encrypt_personal_columns', (tx) => encryptPlaintextColumns(tx, dataKeyFor));
  await once(db, 'redact_verification_ledger', redactVerificationLedger);
}

async function once(db: Database, name: string, run: (tx: Transaction) => Promise<void>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BACKFILL_LOCK_ID})`);
    const done = await tx.select().from(appBackfills).where(eq(appBackfills.name, name));
    if (done.length > 0) return;
    await run(tx);
    await tx.insert(appBackfills).values({ name });
  });
}

/**
 * Encrypts every value still stored as a JSON string or number under its user's data key, bound to
 * its table, column and user exactly as the application writes it. A user whose data key was erased
 * keeps the erasure: the values are sealed under a key that is thrown away.
 */
async function encryptPlaintextColumns(tx: Transaction, dataKeyFor: DataKeyFor) {
  const throwaway = new KeyRing({ current: 'erased' });
  for (const { table, key, columns } of PLAINTEXT_COLUMNS) {
    const userColumn = table === 'users' ? 'id' : 'user_id';
    const plaintext = sql.join(
      columns.map((column) => sql`jsonb_typeof(${sql.identifier(column)}) in ('string', 'number')`),
      sql` or `,
    );
    for (;;) {
      const rows = rowsOf(
        await tx.execute(
          sql`select ${sql.identifier(key)}::text as key, ${sql.identifier(userColumn)}::text as user_id,
              ${sql.join(
                // The value as text, or null when it is absent or already an envelope.
                columns.map(
                  (column) =>
                    sql`case when jsonb_typeof(${sql.identifier(column)}) in ('string', 'number')
                        then ${sql.identifier(column)} #>> '{}' end as ${sql.identifier(column)}`,
                ),
                sql`, `,
              )}
              from ${sql.identifier(table)} where ${plaintext} limit ${PAGE}`,
        ),
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const userId = row['user_id'] as string;
        const dataKey = (await dataKeyFor(tx, userId)) ?? throwaway.newDataKey(userId).key;
        const sets: SQL[] = [];
        for (const column of columns) {
          const value = row[column];
          if (typeof value !== 'string') continue;
          const envelope = encryptField(dataKey, value, { table, column, userId });
          sets.push(sql`${sql.identifier(column)} = ${JSON.stringify(envelope)}::jsonb`);
        }
        await tx.execute(
          sql`update ${sql.identifier(table)} set ${sql.join(sets, sql`, `)}
              where ${sql.identifier(key)}::text = ${row['key'] as string}`,
        );
      }
    }
  }
}

/** Ledger rows written before answers were redacted by an allowlist get the same treatment now. */
async function redactVerificationLedger(tx: Transaction) {
  let after = '';
  for (;;) {
    const rows = rowsOf(
      await tx.execute(
        sql`select id::text as id, request::text as request, response::text as response from verifications
            where id::text > ${after} order by id limit ${PAGE}`,
      ),
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const request = redact(JSON.parse(row['request'] as string) as Row);
      const response = row['response'] === null ? null : redact(JSON.parse(row['response'] as string) as Row);
      await tx.execute(
        sql`update verifications set request = ${JSON.stringify(request)}::jsonb,
            response = ${response === null ? null : JSON.stringify(response)}::jsonb
            where id::text = ${row['id'] as string}`,
      );
    }
    after = rows.at(-1)!['id'] as string;
  }
}
