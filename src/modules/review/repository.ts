import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kycCases } from '../../db/schema/index.js';
import type { CaseStatus } from '../../db/schema/index.js';

export function createReviewRepository(db: Executor) {
  return {
    /** A page of cases, newest first; `before` is the id of the last case of the previous page. */
    async page(status: CaseStatus | undefined, limit: number, before: string | undefined) {
      return db
        .select()
        .from(kycCases)
        .where(
          and(status ? eq(kycCases.status, status) : undefined, before ? lt(kycCases.id, before) : undefined),
        )
        .orderBy(desc(kycCases.id))
        .limit(limit);
    },

    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: kycCases.status, count: sql<number>`count(*)::int` })
        .from(kycCases)
        .groupBy(kycCases.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },
  };
}
