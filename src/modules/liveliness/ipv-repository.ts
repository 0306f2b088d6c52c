import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ipvChallenges, ipvEvidence } from '../../db/schema/index.js';

export type IpvEvidenceRow = typeof ipvEvidence.$inferSelect;

export function createIpvRepository(db: Executor) {
  return {
    async insertChallenge(values: typeof ipvChallenges.$inferInsert) {
      const rows = await db.insert(ipvChallenges).values(values).returning();
      return rows[0]!;
    },

    async countChallengesSince(userId: string, since: Date): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(ipvChallenges)
        .where(and(eq(ipvChallenges.userId, userId), gt(ipvChallenges.createdAt, since)));
      return Number(rows[0]?.count ?? 0);
    },

    /** Marks the user's unused challenge used and returns it; undefined when it is not theirs or already used. */
    async consumeChallenge(userId: string, challengeId: string, now: Date) {
      const rows = await db
        .update(ipvChallenges)
        .set({ usedAt: now })
        .where(
          and(
            eq(ipvChallenges.id, challengeId),
            eq(ipvChallenges.userId, userId),
            isNull(ipvChallenges.usedAt),
          ),
        )
        .returning();
      return rows[0];
    },

    async findChallenge(userId: string, challengeId: string) {
      const rows = await db
        .select()
        .from(ipvChallenges)
        .where(and(eq(ipvChallenges.id, challengeId), eq(ipvChallenges.userId, userId)));
      return rows[0];
    },

    async insertEvidence(values: typeof ipvEvidence.$inferInsert) {
      await db.insert(ipvEvidence).values(values);
    },

    async updateEvidence(
      selfieCheckId: string,
      values: Pick<
        typeof ipvEvidence.$inferInsert,
        'geoStatus' | 'geoVerificationId' | 'geoCity' | 'geoState' | 'geoCountryCode'
      >,
    ) {
      await db.update(ipvEvidence).set(values).where(eq(ipvEvidence.selfieCheckId, selfieCheckId));
    },

    async evidenceOf(selfieCheckId: string): Promise<IpvEvidenceRow | undefined> {
      const rows = await db.select().from(ipvEvidence).where(eq(ipvEvidence.selfieCheckId, selfieCheckId));
      return rows[0];
    },
  };
}
