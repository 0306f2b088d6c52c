import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { selfieChecks } from '../../db/schema/index.js';

export function createSelfieCheckRepository(db: Executor) {
  return {
    async insert(values: typeof selfieChecks.$inferInsert) {
      await db.insert(selfieChecks).values(values);
    },

    async countSince(userId: string, since: Date): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(selfieChecks)
        .where(and(eq(selfieChecks.userId, userId), gt(selfieChecks.createdAt, since)));
      return Number(rows[0]?.count ?? 0);
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
          .orderBy(desc(selfieChecks.createdAt))
          .limit(1)
          .prepare('latest_passed_selfie'),
      ).execute({ userId });
      return rows[0];
    },
  };
}
