import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Envelope } from '../../lib/crypto/index.js';
import { authEvents, refreshTokens, sessions, userKeys, users } from '../../db/schema/index.js';
import type { UserRole, UserStatus } from '../../db/schema/index.js';

export interface NewUser {
  id: string;
  email: string;
  /** Encrypted under the new user's data key (see `sealNewUser`). */
  name: Envelope;
  mobileNo: string;
  passwordHash: string;
  role?: UserRole;
  status?: UserStatus;
  /** The new user's data key, wrapped; stored with the user. */
  wrappedKey: string;
  /** The host application's id, for a customer created through a KYC link. */
  externalId?: string;
}

export interface NewLogin {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  ip: string | undefined;
  userAgent: string | undefined;
  tokenHash: string;
  /** When the second factor was checked for this login; null for a password-only login. */
  secondFactorAt: Date | null;
  /** The KYC link whose exchange begins this session; null for a sign-in. */
  linkId: string | null;
  /** The audit event: `login`, or `kyc_link_exchange` for a session from a KYC link. */
  event: 'login' | 'kyc_link_exchange';
}

export interface ActiveSession {
  sessionId: string;
  userId: string;
  role: UserRole;
  /** The session began with the staff second factor. */
  secondFactor: boolean;
  /** The latest second-factor check of the session (its login, or a step-up since); null for none. */
  secondFactorAt: Date | null;
  /** The KYC link this session came from (its exchange), or null for a sign-in. */
  linkId: string | null;
  /** When the session ends (the refresh token's lifetime from its start). */
  expiresAt: Date;
}

export function createAuthRepository(db: Executor) {
  return {
    /** Inserts the user and their data key unless the email is taken; returns undefined on a duplicate. */
    async insertUser(user: NewUser): Promise<{ id: string } | undefined> {
      const { wrappedKey, ...values } = user;
      return db.transaction(async (tx) => {
        const rows = await tx
          .insert(users)
          .values(values)
          .onConflictDoNothing({ target: users.email })
          .returning({ id: users.id });
        if (rows[0]) await tx.insert(userKeys).values({ userId: rows[0].id, wrappedKey });
        return rows[0];
      });
    },

    async findUserByEmail(email: string) {
      const rows = await prepared(db, 'find_user_by_email', () =>
        db
          .select({ id: users.id, passwordHash: users.passwordHash, role: users.role, status: users.status })
          .from(users)
          .where(eq(users.email, sql.placeholder('email')))
          .limit(1)
          .prepare('find_user_by_email'),
      ).execute({ email });
      return rows[0];
    },

    async findUser(id: string) {
      const rows = await db
        .select({ id: users.id, role: users.role, status: users.status })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return rows[0];
    },

    async updatePasswordHash(userId: string, passwordHash: string) {
      await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    },

    /**
     * A login's session, first refresh token and audit event in one statement: one round trip and
     * one commit, all or nothing. Ids come from the caller, since a prepared statement cannot call
     * the columns' id generators anew on each run.
     */
    async insertLogin(login: NewLogin) {
      await prepared(db, 'insert_login', () => {
        const newSession = db.$with('new_session').as(
          db
            .insert(sessions)
            .values({
              id: sql.placeholder('sessionId'),
              userId: sql.placeholder('userId'),
              expiresAt: sql.placeholder('expiresAt'),
              ip: sql.placeholder('ip'),
              userAgent: sql.placeholder('userAgent'),
              // Cast in SQL: the column's own mapping cannot take the null of a password-only login.
              secondFactorAt: sql`${sql.placeholder('secondFactorAt')}::timestamptz`,
              linkId: sql`${sql.placeholder('linkId')}::uuid`,
            })
            .returning({ id: sessions.id }),
        );
        const newRefreshToken = db.$with('new_refresh_token').as(
          db
            .insert(refreshTokens)
            .values({
              id: sql.placeholder('refreshTokenId'),
              sessionId: sql.placeholder('sessionId'),
              userId: sql.placeholder('userId'),
              tokenHash: sql.placeholder('tokenHash'),
            })
            .returning({ id: refreshTokens.id }),
        );
        return db
          .with(newSession, newRefreshToken)
          .insert(authEvents)
          .values({
            id: sql.placeholder('eventId'),
            userId: sql.placeholder('userId'),
            event: sql.placeholder('event'),
            ip: sql.placeholder('ip'),
            userAgent: sql.placeholder('userAgent'),
          })
          .prepare('insert_login');
      }).execute({
        ...login,
        secondFactorAt: login.secondFactorAt?.toISOString() ?? null,
        refreshTokenId: uuidv7(),
        eventId: uuidv7(),
      });
    },

    /** The session behind an access token, if it is still live and its user is active. */
    async findActiveSession(sessionId: string, userId: string): Promise<ActiveSession | undefined> {
      const rows = await prepared(db, 'find_active_session', () =>
        db
          .select({
            sessionId: sessions.id,
            userId: users.id,
            role: users.role,
            secondFactor: sql<boolean>`${sessions.secondFactorAt} is not null`,
            secondFactorAt: sessions.secondFactorAt,
            linkId: sessions.linkId,
            expiresAt: sessions.expiresAt,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(
            and(
              eq(sessions.id, sql.placeholder('sessionId')),
              eq(sessions.userId, sql.placeholder('userId')),
              isNull(sessions.revokedAt),
              gt(sessions.expiresAt, sql`now()`),
              eq(users.status, 'active'),
            ),
          )
          .limit(1)
          .prepare('find_active_session'),
      ).execute({ sessionId, userId });
      return rows[0];
    },

    /** A step-up: the session's second factor was checked again now; returns when. */
    async stampSecondFactor(sessionId: string): Promise<Date> {
      const rows = await db
        .update(sessions)
        .set({ secondFactorAt: sql`now()` })
        .where(eq(sessions.id, sessionId))
        .returning({ secondFactorAt: sessions.secondFactorAt });
      return rows[0]!.secondFactorAt!;
    },

    async revokeSession(sessionId: string, reason: string) {
      await db
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    },

    async revokeLinkSessions(linkId: string, reason: string) {
      await db
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(sessions.linkId, linkId), isNull(sessions.revokedAt)));
    },

    async revokeAllSessions(userId: string, reason: string) {
      await db
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },

    async insertRefreshToken(values: { sessionId: string; userId: string; tokenHash: string }) {
      await db.insert(refreshTokens).values(values);
    },

    async findRefreshToken(tokenHash: string) {
      const rows = await db
        .select({
          id: refreshTokens.id,
          sessionId: refreshTokens.sessionId,
          userId: refreshTokens.userId,
          usedAt: refreshTokens.usedAt,
        })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash))
        .limit(1);
      return rows[0];
    },

    /** Marks a refresh token used; false when another request used it first (a race counts as reuse). */
    async markRefreshTokenUsed(id: string): Promise<boolean> {
      const rows = await db
        .update(refreshTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)))
        .returning({ id: refreshTokens.id });
      return rows.length === 1;
    },

    async recordEvent(values: { userId?: string; event: string; ip?: string; userAgent?: string }) {
      await db.insert(authEvents).values(values);
    },

    /** Deletes sessions that expired or were revoked more than a day ago; returns how many. */
    async purgeSessions(): Promise<number> {
      const cutoff = sql`now() - interval '1 day'`;
      const rows = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.revokedAt, cutoff)))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
