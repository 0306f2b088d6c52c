import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reviewProposals } from '../../db/schema/index.js';

export type ProposalRow = typeof reviewProposals.$inferSelect;

/** Four-eyes proposals: a reviewer's decision waiting for a second reviewer. */
export function createProposalRepository(db: Executor) {
  return {
    async find(caseId: string): Promise<ProposalRow | undefined> {
      const rows = await db.select().from(reviewProposals).where(eq(reviewProposals.caseId, caseId)).limit(1);
      return rows[0];
    },

    async insert(values: typeof reviewProposals.$inferInsert): Promise<ProposalRow> {
      const rows = await db.insert(reviewProposals).values(values).returning();
      return rows[0]!;
    },

    async delete(caseId: string): Promise<void> {
      await db.delete(reviewProposals).where(eq(reviewProposals.caseId, caseId));
    },
  };
}
