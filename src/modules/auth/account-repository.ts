import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accountTokens, users } from '../../db/schema/index.js';
import type { AccountTokenPurpose } from '../../db/schema/index.js';

export type AccountTokenRow = typeof accountTokens.$inferSelect;

/** Account recovery and verification: single-use tokens and the contacts' verified state. */
export function createAccountRepository(db: Executor) {
  return {
    async findAccount(userId: string) {
      const rows = await db
        .select({
          id: users.id,
          email: users.email,
          mobileNo: users.mobileNo,
          verifiedEmail: users.verifiedEmail,
          verifiedMobile: users.verifiedMobile,
          role: users.role,
          status: users.status,
        })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return rows[0];
    },

    /** A new token of `purpose` for the user; earlier unused ones of the same purpose stop working. */
    async insertToken(values: {
      id: string;
      userId: string;
      purpose: AccountTokenPurpose;
      tokenHash: string;
      target: string | null;
      expiresAt: Date;
    }) {
      await db
        .update(accountTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(accountTokens.userId, values.userId),
            eq(accountTokens.purpose, values.purpose),
            isNull(accountTokens.usedAt),
          ),
        );
      await db.insert(accountTokens).values(values);
    },

    async findToken(tokenHash: string, purpose: AccountTokenPurpose): Promise<AccountTokenRow | undefined> {
      const rows = await db
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
        .limit(1);
      return rows[0];
    },

    /** The user's newest token of `purpose`, used or not. */
    async latestToken(userId: string, purpose: AccountTokenPurpose): Promise<AccountTokenRow | undefined> {
      const rows = await db
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)))
        .orderBy(desc(accountTokens.createdAt), desc(accountTokens.id))
        .limit(1);
      return rows[0];
    },

    /** Marks a token used; false when it was used (or superseded) meanwhile, or has expired. */
    async consumeToken(id: string): Promise<boolean> {
      const rows = await db
        .update(accountTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(accountTokens.id, id),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, sql`now()`),
          ),
        )
        .returning({ id: accountTokens.id });
      return rows.length === 1;
    },

    /** Counts one guess before it is checked; undefined when the guesses are used up (or the token is). */
    async countAttempt(id: string, maxAttempts: number): Promise<number | undefined> {
      const rows = await db
        .update(accountTokens)
        .set({ attempts: sql`${accountTokens.attempts} + 1` })
        .where(
          and(
            eq(accountTokens.id, id),
            isNull(accountTokens.usedAt),
            sql`${accountTokens.attempts} < ${maxAttempts}`,
          ),
        )
        .returning({ attempts: accountTokens.attempts });
      return rows[0]?.attempts;
    },

    /** Records the email as verified, if it is still the account's email. */
    async markEmailVerified(userId: string, email: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ verifiedEmail: email, updatedAt: new Date() })
        .where(and(eq(users.id, userId), eq(users.email, email)))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    async markMobileVerified(userId: string, mobileNo: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ verifiedMobile: mobileNo, updatedAt: new Date() })
        .where(and(eq(users.id, userId), eq(users.mobileNo, mobileNo)))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    async setPassword(userId: string, passwordHash: string, status: 'active') {
      await db.update(users).set({ passwordHash, status, updatedAt: new Date() }).where(eq(users.id, userId));
    },
  };
}
