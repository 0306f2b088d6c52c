import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { selfieChecks, users } from '../../db/schema/index.js';

export type SelfieCheckOutcome = Pick<
  typeof selfieChecks.$inferInsert,
  'verificationId' | 'status' | 'liveliness' | 'score' | 'passed'
>;

export function createSelfieCheckRepository(db: Executor) {
  return {
    /**
     * Locks the user's row until the transaction ends, so that attempts of one user are counted and
     * reserved one at a time. `no key update`: rows that merely reference the user are not held up.
     */
    async lockUser(userId: string): Promise<boolean> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.id, userId))
        .for('no key update');
      return rows.length > 0;
    },

    async insert(values: typeof selfieChecks.$inferInsert): Promise<string> {
      const rows = await db.insert(selfieChecks).values(values).returning({ id: selfieChecks.id });
      return rows[0]!.id;
    },

    async settle(id: string, outcome: SelfieCheckOutcome) {
      await db.update(selfieChecks).set(outcome).where(eq(selfieChecks.id, id));
    },

    async countSince(userId: string, since: Date): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(selfieChecks)
        .where(and(eq(selfieChecks.userId, userId), gt(selfieChecks.createdAt, since)));
      return Number(rows[0]?.count ?? 0);
    },

    async passedBetween(userId: string, since: Date, until?: Date): Promise<boolean> {
      const rows = await db
        .select({ id: selfieChecks.id })
        .from(selfieChecks)
        .where(
          and(
            eq(selfieChecks.userId, userId),
            eq(selfieChecks.passed, true),
            gt(selfieChecks.createdAt, since),
            until ? lte(selfieChecks.createdAt, until) : undefined,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    /** The latest selfie that passed the liveliness check. */
    async latestPassed(userId: string) {
      const rows = await prepared(db, 'latest_passed_selfie', () =>
        db
          .select({
            id: selfieChecks.id,
            documentId: selfieChecks.documentId,
            score: selfieChecks.score,
            verificationId: selfieChecks.verificationId,
            createdAt: selfieChecks.createdAt,
          })
          .from(selfieChecks)
          .where(and(eq(selfieChecks.userId, sql.placeholder('userId')), eq(selfieChecks.passed, true)))
          .orderBy(desc(selfieChecks.createdAt), desc(selfieChecks.id))
          .limit(1)
          .prepare('latest_passed_selfie'),
      ).execute({ userId });
      return rows[0];
    },
  };
}
