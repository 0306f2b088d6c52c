import { and, desc, eq, inArray, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { CLOSED_STATUSES, kycCases, kycChecks, kycEvents } from '../../db/schema/index.js';
import type { CaseStatus, CheckType } from '../../db/schema/index.js';

export type CaseRow = typeof kycCases.$inferSelect;
export type CheckRow = typeof kycChecks.$inferSelect;
export type EventRow = typeof kycEvents.$inferSelect;
export type NewEvent = typeof kycEvents.$inferInsert;

const CLOSED: CaseStatus[] = [...CLOSED_STATUSES];

export function createKycRepository(db: Executor) {
  return {
    async latestCase(userId: string): Promise<CaseRow | undefined> {
      const rows = await prepared(db, 'latest_case', () =>
        db
          .select()
          .from(kycCases)
          .where(eq(kycCases.userId, sql.placeholder('userId')))
          .orderBy(desc(kycCases.createdAt), desc(kycCases.id))
          .limit(1)
          .prepare('latest_case'),
      ).execute({ userId });
      return rows[0];
    },

    /** The status of the user's latest case, without the case (its snapshot is the whole profile). */
    async latestStatus(userId: string): Promise<CaseStatus | undefined> {
      const rows = await prepared(db, 'latest_case_status', () =>
        db
          .select({ status: kycCases.status })
          .from(kycCases)
          .where(eq(kycCases.userId, sql.placeholder('userId')))
          .orderBy(desc(kycCases.createdAt), desc(kycCases.id))
          .limit(1)
          .prepare('latest_case_status'),
      ).execute({ userId });
      return rows[0]?.status;
    },

    /** The user's latest final decision (an approved, however e-signed, or rejected case), whatever is open now. */
    async lastDecision(userId: string): Promise<{ status: CaseStatus; decidedAt: Date } | undefined> {
      // decided_at is set by every decision; updated_at stands in for a row decided before it was.
      const decidedAt = sql<Date>`coalesce(${kycCases.decidedAt}, ${kycCases.updatedAt})`.mapWith(
        kycCases.decidedAt,
      );
      const rows = await prepared(db, 'last_decision', () =>
        db
          .select({ status: kycCases.status, decidedAt })
          .from(kycCases)
          .where(and(eq(kycCases.userId, sql.placeholder('userId')), inArray(kycCases.status, CLOSED)))
          .orderBy(desc(decidedAt), desc(kycCases.number))
          .limit(1)
          .prepare('last_decision'),
      ).execute({ userId });
      return rows[0];
    },

    async openCase(userId: string, lock = false): Promise<CaseRow | undefined> {
      const query = db
        .select()
        .from(kycCases)
        .where(and(eq(kycCases.userId, userId), notInArray(kycCases.status, CLOSED)))
        .limit(1);
      const rows = lock ? await query.for('update') : await query;
      return rows[0];
    },

    async findCase(caseId: string, lock = false): Promise<CaseRow | undefined> {
      const query = db.select().from(kycCases).where(eq(kycCases.id, caseId)).limit(1);
      const rows = lock ? await query.for('update') : await query;
      return rows[0];
    },

    async insertCase(userId: string): Promise<CaseRow> {
      const rows = await db.insert(kycCases).values({ userId }).returning();
      return rows[0]!;
    },

    async updateCase(caseId: string, values: Partial<typeof kycCases.$inferInsert>) {
      await db
        .update(kycCases)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(kycCases.id, caseId));
    },

    /** Other users' cases (not rejected) submitted with the same PAN. */
    async casesWithPanOfOthers(userId: string, blindIndexes: string[]): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(kycCases)
        .where(
          and(
            inArray(kycCases.panBlindIndex, blindIndexes),
            ne(kycCases.userId, userId),
            ne(kycCases.status, 'rejected'),
          ),
        );
      return Number(rows[0]?.count ?? 0);
    },

    async resetChecks(caseId: string, userId: string, types: readonly CheckType[]) {
      await db.delete(kycChecks).where(eq(kycChecks.caseId, caseId));
      await db.insert(kycChecks).values(types.map((type) => ({ caseId, userId, type })));
    },

    async checks(caseId: string): Promise<CheckRow[]> {
      return db.select().from(kycChecks).where(eq(kycChecks.caseId, caseId)).orderBy(kycChecks.type);
    },

    async findCheck(caseId: string, type: CheckType): Promise<CheckRow | undefined> {
      const rows = await db
        .select()
        .from(kycChecks)
        .where(and(eq(kycChecks.caseId, caseId), eq(kycChecks.type, type)))
        .limit(1);
      return rows[0];
    },

    async updateCheck(caseId: string, type: CheckType, values: Partial<typeof kycChecks.$inferInsert>) {
      await db
        .update(kycChecks)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(kycChecks.caseId, caseId), eq(kycChecks.type, type)));
    },

    /** Checks of verifying cases that have not moved for `idleSeconds`: their jobs may be lost. */
    async stalledChecks(idleSeconds: number): Promise<Array<{ caseId: string; type: CheckType }>> {
      return db
        .select({ caseId: kycChecks.caseId, type: kycChecks.type })
        .from(kycChecks)
        .innerJoin(kycCases, eq(kycCases.id, kycChecks.caseId))
        .where(
          and(
            eq(kycCases.status, 'verifying'),
            eq(kycChecks.state, 'pending'),
            lt(kycChecks.updatedAt, sql`now() - make_interval(secs => ${idleSeconds})`),
          ),
        );
    },

    async appendEvent(values: NewEvent) {
      await db.insert(kycEvents).values(values);
    },

    /** When the case last moved to `status` (its history's transition), or undefined. */
    async enteredAt(caseId: string, status: CaseStatus): Promise<Date | undefined> {
      const [row] = await db
        .select({ createdAt: kycEvents.createdAt })
        .from(kycEvents)
        .where(
          and(eq(kycEvents.caseId, caseId), eq(kycEvents.type, 'transition'), eq(kycEvents.toStatus, status)),
        )
        .orderBy(desc(kycEvents.id))
        .limit(1);
      return row?.createdAt;
    },

    async events(caseId: string): Promise<EventRow[]> {
      return db.select().from(kycEvents).where(eq(kycEvents.caseId, caseId)).orderBy(kycEvents.id);
    },
  };
}

export type KycRepository = ReturnType<typeof createKycRepository>;
