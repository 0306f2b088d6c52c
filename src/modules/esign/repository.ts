import { and, asc, desc, eq, gt, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { esignRequests, kycCases } from '../../db/schema/index.js';

export type EsignRequestRow = typeof esignRequests.$inferSelect;
export type EsignRequestStatus = EsignRequestRow['status'];

export function createEsignRepository(db: Executor) {
  return {
    async insert(values: typeof esignRequests.$inferInsert): Promise<EsignRequestRow> {
      const rows = await db.insert(esignRequests).values(values).returning();
      return rows[0]!;
    },

    /** The case's latest request (a re-send adds one). */
    async latestOfCase(caseId: string): Promise<EsignRequestRow | undefined> {
      const rows = await db
        .select()
        .from(esignRequests)
        .where(eq(esignRequests.caseId, caseId))
        .orderBy(desc(esignRequests.createdAt), desc(esignRequests.id))
        .limit(1);
      return rows[0];
    },

    async findByVerificationId(verificationId: string): Promise<EsignRequestRow | undefined> {
      const rows = await db
        .select()
        .from(esignRequests)
        .where(eq(esignRequests.verificationId, verificationId))
        .limit(1);
      return rows[0];
    },

    /** The user's latest signed form, whatever case is open now (a re-KYC keeps the signed one). */
    async latestSignedOfUser(userId: string): Promise<EsignRequestRow | undefined> {
      const rows = await db
        .select()
        .from(esignRequests)
        .where(and(eq(esignRequests.userId, userId), isNotNull(esignRequests.signedDocumentId)))
        .orderBy(desc(esignRequests.updatedAt), desc(esignRequests.id))
        .limit(1);
      return rows[0];
    },

    async update(id: string, values: Partial<typeof esignRequests.$inferInsert>) {
      await db
        .update(esignRequests)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(esignRequests.id, id));
    },

    /** Approved since `since` and never sent for e-sign: the send after approval was lost or failed. */
    async approvedWithoutRequest(since: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: kycCases.id })
        .from(kycCases)
        .where(
          and(
            eq(kycCases.status, 'approved'),
            gt(kycCases.decidedAt, since),
            notExists(
              db
                .select({ one: sql`1` })
                .from(esignRequests)
                .where(eq(esignRequests.caseId, kycCases.id)),
            ),
          ),
        )
        .orderBy(asc(kycCases.decidedAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    /** Cases waiting for the customer's signature, the least recently looked at first. */
    async pendingCases(limit: number): Promise<string[]> {
      const rows = await db
        .select({ caseId: esignRequests.caseId })
        .from(esignRequests)
        .innerJoin(kycCases, eq(kycCases.id, esignRequests.caseId))
        .where(and(eq(esignRequests.status, 'pending'), inArray(kycCases.status, ['esign_pending'])))
        .orderBy(asc(esignRequests.updatedAt))
        .limit(limit);
      return rows.map((row) => row.caseId);
    },
  };
}
