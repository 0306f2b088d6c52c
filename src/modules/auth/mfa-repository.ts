import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { mfaRecoveryCodes, staffMfa, users } from '../../db/schema/index.js';
import type { Envelope } from '../../lib/crypto/index.js';

export function createMfaRepository(db: Database) {
  return {
    /** The account an MFA token names, as it is now. */
    async findUser(userId: string) {
      const rows = await db
        .select({ id: users.id, email: users.email, role: users.role, status: users.status })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return rows[0];
    },

    async find(userId: string) {
      const rows = await db
        .select({ secret: staffMfa.secret, confirmedAt: staffMfa.confirmedAt })
        .from(staffMfa)
        .where(eq(staffMfa.userId, userId))
        .limit(1);
      return rows[0];
    },

    /**
     * Stores a new pending enrolment (secret and recovery codes) in place of an unconfirmed one.
     * False when the user already has a confirmed second factor, which is never replaced this way.
     */
    async startEnrolment(
      userId: string,
      secretFor: (tx: Executor) => Promise<Envelope>,
      codeHashes: string[],
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const secret = await secretFor(tx);
        const now = new Date();
        const rows = await tx
          .insert(staffMfa)
          .values({ userId, secret })
          .onConflictDoUpdate({
            target: staffMfa.userId,
            set: { secret, lastUsedStep: null, updatedAt: now },
            setWhere: isNull(staffMfa.confirmedAt),
          })
          .returning({ userId: staffMfa.userId });
        if (rows.length === 0) return false;
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
        await tx.insert(mfaRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
        return true;
      });
    },

    /** Counts one code attempt in the current window (a new window once the last one is over); returns the count. */
    async countAttempt(userId: string, windowSeconds: number): Promise<number> {
      const windowOver = or(
        isNull(staffMfa.attemptsSince),
        lt(staffMfa.attemptsSince, sql`now() - make_interval(secs => ${windowSeconds})`),
      );
      const rows = await db
        .update(staffMfa)
        .set({
          attempts: sql`case when ${windowOver} then 1 else ${staffMfa.attempts} + 1 end`,
          attemptsSince: sql`case when ${windowOver} then now() else ${staffMfa.attemptsSince} end`,
        })
        .where(eq(staffMfa.userId, userId))
        .returning({ attempts: staffMfa.attempts });
      return rows[0]?.attempts ?? 0;
    },

    /**
     * Accepts a TOTP code of time step `step` unless one of that step or a later one was accepted
     * before (the replay check, atomic with the update); the first accepted code confirms an enrolment.
     */
    async acceptStep(userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(staffMfa)
        .set({
          lastUsedStep: step,
          confirmedAt: sql`coalesce(${staffMfa.confirmedAt}, now())`,
          attempts: 0,
          attemptsSince: null,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(staffMfa.userId, userId),
            or(isNull(staffMfa.lastUsedStep), lt(staffMfa.lastUsedStep, step)),
          ),
        )
        .returning({ userId: staffMfa.userId });
      return rows.length === 1;
    },

    /** Uses up a recovery code; false when it is unknown or was used before. */
    async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
      const rows = await db
        .update(mfaRecoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(mfaRecoveryCodes.userId, userId),
            eq(mfaRecoveryCodes.codeHash, codeHash),
            isNull(mfaRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: mfaRecoveryCodes.id });
      if (rows.length === 0) return false;
      await db.update(staffMfa).set({ attempts: 0, attemptsSince: null }).where(eq(staffMfa.userId, userId));
      return true;
    },
  };
}

export type MfaRepository = ReturnType<typeof createMfaRepository>;
