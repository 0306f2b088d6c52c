import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kycLinks } from '../../db/schema/index.js';

export type LinkRow = typeof kycLinks.$inferSelect;

export function createKycLinkRepository(db: Executor) {
  return {
    async insert(values: typeof kycLinks.$inferInsert): Promise<LinkRow> {
      const rows = await db.insert(kycLinks).values(values).returning();
      return rows[0]!;
    },

    async find(id: string): Promise<LinkRow | undefined> {
      const rows = await db.select().from(kycLinks).where(eq(kycLinks.id, id)).limit(1);
      return rows[0];
    },

    async findByTokenHash(tokenHash: string): Promise<LinkRow | undefined> {
      const rows = await db.select().from(kycLinks).where(eq(kycLinks.tokenHash, tokenHash)).limit(1);
      return rows[0];
    },

    /**
     * Marks the link opened if it still can be: one statement, so of two exchanges at once exactly
     * one gets the row (the other waits for the row lock, then no longer matches).
     */
    async claimForExchange(tokenHash: string): Promise<LinkRow | undefined> {
      const rows = await db
        .update(kycLinks)
        .set({ openedAt: sql`now()` })
        .where(
          and(
            eq(kycLinks.tokenHash, tokenHash),
            isNull(kycLinks.openedAt),
            isNull(kycLinks.revokedAt),
            gt(kycLinks.expiresAt, sql`now()`),
          ),
        )
        .returning();
      return rows[0];
    },

    /** Sets completedAt the first time; undefined when the link was completed (or revoked) already. */
    async markCompleted(id: string): Promise<LinkRow | undefined> {
      const rows = await db
        .update(kycLinks)
        .set({ completedAt: sql`now()` })
        .where(and(eq(kycLinks.id, id), isNull(kycLinks.completedAt), isNull(kycLinks.revokedAt)))
        .returning();
      return rows[0];
    },

    /** Revokes a link not yet completed; undefined when there was nothing to revoke. */
    async revoke(id: string): Promise<LinkRow | undefined> {
      const rows = await db
        .update(kycLinks)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(kycLinks.id, id), isNull(kycLinks.completedAt), isNull(kycLinks.revokedAt)))
        .returning();
      return rows[0];
    },
  };
}
