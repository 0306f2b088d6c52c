import { and, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  APPROVED_STATUSES,
  AWAITING_DECISION_STATUSES,
  erasureRequests,
  investigationHolds,
  legalHolds,
} from '../../db/schema/index.js';
import type { ErasureSource, ErasureStatus, InvestigationHoldKind } from '../../db/schema/index.js';
import type { PersonalTable } from './tables.js';

export type ErasureRequestRow = typeof erasureRequests.$inferSelect;
export type LegalHoldRow = typeof legalHolds.$inferSelect;
export type InvestigationHoldRow = typeof investigationHolds.$inferSelect;

const rowsOf = <Row>(result: unknown) => (result as { rows: Row[] }).rows;

/** No investigation hold runs for the user in `column`. */
const noInvestigation = (column: SQL) =>
  sql`not exists (select 1 from investigation_holds h where h.user_id = ${column} and h.released_at is null)`;

/** Neither a legal hold nor an investigation hold runs for the user in `column`. */
const noHold = (column: SQL) =>
  sql`not exists (select 1 from legal_holds h where h.user_id = ${column} and h.released_at is null)
    and ${noInvestigation(column)}`;

const statusIn = (column: SQL, statuses: readonly string[]) =>
  sql`${column} in (${sql.join(
    statuses.map((status) => sql`${status}`),
    sql`, `,
  )})`;

/** Approved, before or after the account opening form is signed: the KYC record the law keeps. */
const approvedStatus = (column: SQL) => statusIn(column, APPROVED_STATUSES);

/** A text[] literal of names from the table list (code, never input). */
const textArray = (names: string[]) =>
  sql.raw(`array[${names.map((name) => `'${name}'`).join(',')}]::text[]`);

export function createPrivacyRepository(db: Executor) {
  const ofUser = (entry: PersonalTable, userId: string) =>
    sql`${sql.identifier(entry.userColumn)} = ${userId}`;

  return {
    /**
     * The customer's rows of one table as JSON, without the columns and JSON keys the entry omits (they
     * never leave SQL).
     */
    async exportRows(entry: PersonalTable, userId: string): Promise<Array<Record<string, unknown>>> {
      const omit = entry.omit ?? [];
      let row = omit.length ? sql`to_jsonb(t) - ${textArray(omit)}` : sql`to_jsonb(t)`;
      for (const [column, keys] of Object.entries(entry.omitKeys ?? {})) {
        const value = sql`t.${sql.identifier(column)}`;
        row = sql`jsonb_set(${row}, ${sql.raw(`'{${column}}'`)}, case when jsonb_typeof(${value}) = 'object' then ${value} - ${textArray(keys)} else ${value} end)`;
      }
      const result = await db.execute(
        sql`select ${row} as row from ${sql.identifier(entry.table)} t where ${ofUser(entry, userId)}`,
      );
      return rowsOf<{ row: Record<string, unknown> | string }>(result).map(({ row: value }) =>
        typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value,
      );
    },

    async deleteRows(entry: PersonalTable, userId: string): Promise<void> {
      await db.execute(sql`delete from ${sql.identifier(entry.table)} where ${ofUser(entry, userId)}`);
    },

    /**
     * The account row becomes a tombstone: disabled, unusable password, and addresses that free the
     * email for a new sign-up and say nothing about the person. The name stays encrypted under the
     * data key, which the erasure destroys.
     */
    async tombstoneUser(userId: string, unusablePasswordHash: string): Promise<void> {
      await db.execute(sql`
        update users set email = ${`erased-${userId}@erased.invalid`}, mobile_no = '', verified_email = null,
          verified_mobile = null, external_id = null, password_hash = ${unusablePasswordHash},
          status = 'disabled', updated_at = now()
        where id = ${userId}`);
    },

    /** Holds the account row until the transaction ends: erasures and holds on one user take turns. */
    async lockUser(userId: string): Promise<void> {
      await db.execute(sql`select id from users where id = ${userId} for update`);
    },

    async hasApprovedCase(userId: string): Promise<boolean> {
      const result = await db.execute(
        sql`select exists (select 1 from kyc_cases where user_id = ${userId} and ${approvedStatus(sql`status`)}) as found`,
      );
      return rowsOf<{ found: boolean }>(result)[0]?.found === true;
    },

    async isCustomer(userId: string): Promise<boolean> {
      const result = await db.execute(
        sql`select exists (select 1 from users where id = ${userId} and role = 'customer') as found`,
      );
      return rowsOf<{ found: boolean }>(result)[0]?.found === true;
    },

    /**
     * Active customers who never had an approved case and have none waiting for a decision, whose last
     * activity (account change, case change, sign-in) is older than `before`.
     */
    async staleDrafts(before: Date, limit: number): Promise<string[]> {
      const result = await db.execute(sql`
        select u.id from users u
        where u.role = 'customer' and u.status = 'active'
          -- Waiting for a decision is not idle: the customer did their part and must hear the outcome.
          and not exists (select 1 from kyc_cases c where c.user_id = u.id
            and ${statusIn(sql`c.status`, [...APPROVED_STATUSES, ...AWAITING_DECISION_STATUSES])})
          and ${noInvestigation(sql`u.id`)}
          and greatest(
            u.updated_at,
            (select max(c.updated_at) from kyc_cases c where c.user_id = u.id),
            (select max(s.created_at) from sessions s where s.user_id = u.id)
          ) < ${before.toISOString()}
        order by u.id limit ${limit}`);
      return rowsOf<{ id: string }>(result).map((row) => row.id);
    },

    async insertRequest(values: {
      userId: string;
      source: ErasureSource;
      status: ErasureStatus;
      completedAt: Date | null;
    }): Promise<ErasureRequestRow> {
      const [row] = await db.insert(erasureRequests).values(values).returning();
      return row!;
    },

    async completeHeldRequests(userId: string): Promise<ErasureRequestRow[]> {
      return db
        .update(erasureRequests)
        .set({ status: 'completed', completedAt: new Date() })
        .where(and(eq(erasureRequests.userId, userId), eq(erasureRequests.status, 'held')))
        .returning();
    },

    /** Users whose erasure completed but whose data key is still stored (a crash between the two). */
    async erasedUsersWithKeys(limit: number): Promise<string[]> {
      const result = await db.execute(sql`
        select distinct r.user_id from erasure_requests r join user_keys k on k.user_id = r.user_id
        where r.status = 'completed' and ${noHold(sql`r.user_id`)}
        limit ${limit}`);
      return rowsOf<{ user_id: string }>(result).map((row) => row.user_id);
    },

    /** Users with a held erasure request that no hold keeps any more (a crash after a release). */
    async heldWithoutHold(limit: number): Promise<string[]> {
      const result = await db.execute(sql`
        select distinct r.user_id from erasure_requests r
        where r.status = 'held' and ${noHold(sql`r.user_id`)}
        limit ${limit}`);
      return rowsOf<{ user_id: string }>(result).map((row) => row.user_id);
    },

    async insertHold(values: typeof legalHolds.$inferInsert): Promise<LegalHoldRow> {
      const [row] = await db.insert(legalHolds).values(values).returning();
      return row!;
    },

    async activeHolds(userId: string): Promise<LegalHoldRow[]> {
      return db
        .select()
        .from(legalHolds)
        .where(and(eq(legalHolds.userId, userId), isNull(legalHolds.releasedAt)));
    },

    /** Holds that ended, oldest first. */
    async endedHolds(now: Date, limit: number): Promise<LegalHoldRow[]> {
      return db
        .select()
        .from(legalHolds)
        .where(and(isNull(legalHolds.releasedAt), lte(legalHolds.holdUntil, now)))
        .orderBy(legalHolds.holdUntil, legalHolds.id)
        .limit(limit);
    },

    async releaseHolds(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.update(legalHolds).set({ releasedAt: new Date() }).where(inArray(legalHolds.id, ids));
    },

    async hasActiveInvestigation(userId: string): Promise<boolean> {
      const rows = await db
        .select({ id: investigationHolds.id })
        .from(investigationHolds)
        .where(and(eq(investigationHolds.userId, userId), isNull(investigationHolds.releasedAt)))
        .limit(1);
      return rows.length > 0;
    },

    /** The new hold, or undefined when one already runs for the user. */
    async insertInvestigationHold(values: {
      userId: string;
      kind: InvestigationHoldKind;
      placedBy: string;
    }): Promise<InvestigationHoldRow | undefined> {
      const rows = await db.insert(investigationHolds).values(values).onConflictDoNothing().returning();
      return rows[0];
    },

    async findInvestigationHold(id: string): Promise<InvestigationHoldRow | undefined> {
      const rows = await db.select().from(investigationHolds).where(eq(investigationHolds.id, id)).limit(1);
      return rows[0];
    },

    /** The released hold, or undefined when it was released already. */
    async releaseInvestigationHold(
      id: string,
      releasedBy: string,
    ): Promise<InvestigationHoldRow | undefined> {
      const rows = await db
        .update(investigationHolds)
        .set({ releasedBy, releasedAt: new Date() })
        .where(and(eq(investigationHolds.id, id), isNull(investigationHolds.releasedAt)))
        .returning();
      return rows[0];
    },

    async listInvestigationHolds(
      filter: { state?: 'active' | 'released' | undefined },
      limit: number,
    ): Promise<InvestigationHoldRow[]> {
      const state = {
        active: isNull(investigationHolds.releasedAt),
        released: isNotNull(investigationHolds.releasedAt),
      };
      return (
        db
          .select()
          .from(investigationHolds)
          .where(filter.state ? state[filter.state] : undefined)
          // Running holds first: an old one must not drop out of a listing that stops at its limit.
          .orderBy(
            sql`${investigationHolds.releasedAt} is null desc`,
            desc(investigationHolds.placedAt),
            desc(investigationHolds.id),
          )
          .limit(limit)
      );
    },

    async listRequests(filter: { status?: ErasureStatus | undefined }, limit: number) {
      const where: SQL | undefined = filter.status ? eq(erasureRequests.status, filter.status) : undefined;
      return db
        .select({
          id: erasureRequests.id,
          userId: erasureRequests.userId,
          source: erasureRequests.source,
          status: erasureRequests.status,
          requestedAt: erasureRequests.requestedAt,
          completedAt: erasureRequests.completedAt,
          holdUntil: sql<Date | string | null>`(select max(h.hold_until) from legal_holds h
            where h.user_id = ${erasureRequests.userId} and h.released_at is null)`,
        })
        .from(erasureRequests)
        .where(where)
        .orderBy(desc(erasureRequests.requestedAt), desc(erasureRequests.id))
        .limit(limit);
    },

    async listHolds(
      filter: { state?: 'active' | 'released' | undefined },
      limit: number,
    ): Promise<LegalHoldRow[]> {
      const released = { active: isNull(legalHolds.releasedAt), released: isNotNull(legalHolds.releasedAt) };
      return db
        .select()
        .from(legalHolds)
        .where(filter.state ? released[filter.state] : undefined)
        .orderBy(desc(legalHolds.createdAt), desc(legalHolds.id))
        .limit(limit);
    },
  };
}
