import { and, desc, eq } from 'drizzle-orm';
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

    async latestFetchedAt(userId: string): Promise<Date | undefined> {
      const rows = await db
        .select({ fetchedAt: officialIdentities.fetchedAt })
        .from(officialIdentities)
        .where(eq(officialIdentities.userId, userId))
        .orderBy(desc(officialIdentities.fetchedAt))
        .limit(1);
      return rows[0]?.fetchedAt;
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
