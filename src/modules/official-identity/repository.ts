import { and, desc, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { officialIdentities } from '../../db/schema/index.js';

export type OfficialIdentityRow = typeof officialIdentities.$inferSelect;

export function createOfficialIdentityRepository(db: Executor) {
  return {
    async insert(values: typeof officialIdentities.$inferInsert): Promise<OfficialIdentityRow> {
      const rows = await db.insert(officialIdentities).values(values).returning();
      return rows[0]!;
    },

    async latest(userId: string): Promise<OfficialIdentityRow | undefined> {
      const rows = await db
        .select()
        .from(officialIdentities)
        .where(eq(officialIdentities.userId, userId))
        .orderBy(desc(officialIdentities.fetchedAt), desc(officialIdentities.id))
        .limit(1);
      return rows[0];
    },

    async fetchedBetween(userId: string, since: Date, until?: Date): Promise<boolean> {
      const rows = await db
        .select({ id: officialIdentities.id })
        .from(officialIdentities)
        .where(
          and(
            eq(officialIdentities.userId, userId),
            gt(officialIdentities.fetchedAt, since),
            until ? lte(officialIdentities.fetchedAt, until) : undefined,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async byVerification(userId: string, verificationId: string): Promise<OfficialIdentityRow | undefined> {
      const rows = await db
        .select()
        .from(officialIdentities)
        .where(
          and(eq(officialIdentities.userId, userId), eq(officialIdentities.verificationId, verificationId)),
        )
        .limit(1);
      return rows[0];
    },
  };
}
