import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { verifications } from '../../db/schema/index.js';

export type VerificationRow = typeof verifications.$inferSelect;

export function createVerificationRepository(db: Executor) {
  return {
    async upsertPending(values: typeof verifications.$inferInsert) {
      await db
        .insert(verifications)
        .values(values)
        .onConflictDoUpdate({
          target: verifications.verificationId,
          set: { status: 'pending', request: values.request, updatedAt: new Date() },
        });
    },

    async settle(
      verificationId: string,
      values: Pick<
        typeof verifications.$inferInsert,
        'status' | 'outcome' | 'referenceId' | 'score' | 'errorCode' | 'response'
      >,
    ) {
      await db
        .update(verifications)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(verifications.verificationId, verificationId));
    },

    async find(verificationId: string): Promise<VerificationRow | undefined> {
      const rows = await db
        .select()
        .from(verifications)
        .where(eq(verifications.verificationId, verificationId))
        .limit(1);
      return rows[0];
    },

    /** Rows a crash left `pending` for longer than `olderThanSeconds`: their outcome is unknown. */
    async markStalePendingIndeterminate(olderThanSeconds: number): Promise<number> {
      const rows = await db
        .update(verifications)
        .set({ status: 'indeterminate', errorCode: 'abandoned', updatedAt: new Date() })
        .where(
          and(
            eq(verifications.status, 'pending'),
            lt(verifications.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
          ),
        )
        .returning({ id: verifications.id });
      return rows.length;
    },
  };
}
