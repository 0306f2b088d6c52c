import { and, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prefillProposals, secureShareSessions, users } from '../../db/schema/index.js';

export type SecureShareSessionRow = typeof secureShareSessions.$inferSelect;
export type PrefillProposalRow = typeof prefillProposals.$inferSelect;

export function createSecureShareRepository(db: Executor) {
  return {
    async userContact(userId: string): Promise<{ email: string; mobileNo: string | null } | undefined> {
      const rows = await db
        .select({ email: users.email, mobileNo: users.mobileNo })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return rows[0];
    },

    async userMobile(userId: string): Promise<{ mobileNo: string; verified: boolean } | undefined> {
      const rows = await db
        .select({ mobileNo: users.mobileNo, verifiedMobile: users.verifiedMobile })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      const row = rows[0];
      return row && { mobileNo: row.mobileNo, verified: row.verifiedMobile === row.mobileNo };
    },

    async insertSession(values: typeof secureShareSessions.$inferInsert): Promise<SecureShareSessionRow> {
      const rows = await db.insert(secureShareSessions).values(values).returning();
      return rows[0]!;
    },

    async sessions(userId: string): Promise<SecureShareSessionRow[]> {
      return db
        .select()
        .from(secureShareSessions)
        .where(eq(secureShareSessions.userId, userId))
        .orderBy(desc(secureShareSessions.createdAt), desc(secureShareSessions.id));
    },

    async sessionByVerificationId(verificationId: string): Promise<SecureShareSessionRow | undefined> {
      const rows = await db
        .select()
        .from(secureShareSessions)
        .where(eq(secureShareSessions.verificationId, verificationId))
        .limit(1);
      return rows[0];
    },

    /** The user's session that the auth code with this SHA-256 completed, if any. */
    async sessionByAuthCode(
      userId: string,
      authCodeSha256: string,
    ): Promise<SecureShareSessionRow | undefined> {
      const rows = await db
        .select()
        .from(secureShareSessions)
        .where(
          and(eq(secureShareSessions.userId, userId), eq(secureShareSessions.authCodeSha256, authCodeSha256)),
        )
        .limit(1);
      return rows[0];
    },

    /** The row, locked until the transaction ends: a session is completed once. */
    async lockSession(id: string): Promise<SecureShareSessionRow | undefined> {
      const rows = await db
        .select()
        .from(secureShareSessions)
        .where(eq(secureShareSessions.id, id))
        .for('update');
      return rows[0];
    },

    async expireSessions(userId: string, now: Date): Promise<void> {
      await db
        .update(secureShareSessions)
        .set({ state: 'expired' })
        .where(
          and(
            eq(secureShareSessions.userId, userId),
            eq(secureShareSessions.state, 'created'),
            lte(secureShareSessions.expiresAt, now),
          ),
        );
    },

    async completeSession(id: string, now: Date, authCodeSha256: string): Promise<void> {
      await db
        .update(secureShareSessions)
        .set({ state: 'completed', completedAt: now, authCodeSha256 })
        .where(eq(secureShareSessions.id, id));
    },

    async insertProposal(values: typeof prefillProposals.$inferInsert): Promise<PrefillProposalRow> {
      const rows = await db.insert(prefillProposals).values(values).returning();
      return rows[0]!;
    },

    async latestProposal(userId: string): Promise<PrefillProposalRow | undefined> {
      const rows = await db
        .select()
        .from(prefillProposals)
        .where(eq(prefillProposals.userId, userId))
        .orderBy(desc(prefillProposals.createdAt), desc(prefillProposals.id))
        .limit(1);
      return rows[0];
    },

    async proposalOfSession(sessionId: string): Promise<PrefillProposalRow | undefined> {
      const rows = await db
        .select()
        .from(prefillProposals)
        .where(eq(prefillProposals.sessionId, sessionId))
        .limit(1);
      return rows[0];
    },

    async replaceProposal(id: string, proposal: PrefillProposalRow['proposal']): Promise<void> {
      await db.update(prefillProposals).set({ proposal }).where(eq(prefillProposals.id, id));
    },

    async markApplied(id: string, now: Date): Promise<void> {
      await db.update(prefillProposals).set({ appliedAt: now }).where(eq(prefillProposals.id, id));
    },
  };
}
