import { and, asc, desc, eq, gt, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { authEvents, sessions, users } from '../../db/schema/index.js';
import type { UserRole, UserStatus } from '../../db/schema/index.js';

export const STAFF_ROLES = ['reviewer', 'admin'] as const satisfies readonly UserRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The password hash of an invited account: no password verifies against it. */
export const NO_PASSWORD = '!invited';

const staffColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  hasPassword: sql<boolean>`${users.passwordHash} <> ${NO_PASSWORD}`,
  createdAt: users.createdAt,
};

export function createStaffRepository(db: Executor) {
  return {
    async list() {
      return db
        .select(staffColumns)
        .from(users)
        .where(inArray(users.role, [...STAFF_ROLES]))
        .orderBy(asc(users.createdAt), asc(users.id));
    },

    async find(id: string) {
      const rows = await db.select(staffColumns).from(users).where(eq(users.id, id)).limit(1);
      return rows[0];
    },

    /** Encrypted display names of any accounts (staff or not: an audit actor may have changed since). */
    async names(ids: string[]) {
      if (ids.length === 0) return [];
      return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
    },

    async findByEmail(email: string) {
      const rows = await db.select(staffColumns).from(users).where(eq(users.email, email)).limit(1);
      return rows[0];
    },

    async update(id: string, values: { role?: StaffRole; status?: UserStatus }) {
      await db
        .update(users)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(users.id, id));
    },

    /**
     * Sets an invited account's password and activates it; false when it is no longer waiting for one.
     * The invitation reached the inbox, so the address counts as verified.
     */
    async activateInvited(id: string, email: string, passwordHash: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ passwordHash, status: 'active', verifiedEmail: email, updatedAt: new Date() })
        .where(and(eq(users.id, id), eq(users.status, 'invited')))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    /** Sessions neither ended nor expired, newest first. */
    async activeSessions(userId: string, now: Date) {
      return db
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          expiresAt: sessions.expiresAt,
          ip: sessions.ip,
          userAgent: sessions.userAgent,
          secondFactorAt: sessions.secondFactorAt,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.createdAt), desc(sessions.id));
    },

    /** The time of each account's last sign-in, from the security log (kept after sessions are purged). */
    async lastLogins(userIds: string[]): Promise<Map<string, Date>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({ userId: authEvents.userId, at: max(authEvents.createdAt) })
        .from(authEvents)
        .where(and(inArray(authEvents.userId, userIds), eq(authEvents.event, 'login')))
        .groupBy(authEvents.userId);
      return new Map(rows.flatMap((row) => (row.userId && row.at ? [[row.userId, row.at] as const] : [])));
    },

    /** An entry of the account security log naming the admin who made the change. */
    async audit(values: {
      userId: string;
      actorId: string | null;
      event: string;
      details?: Record<string, string | boolean>;
      ip?: string | undefined;
      userAgent?: string | undefined;
    }) {
      await db.insert(authEvents).values(values);
    },
  };
}

export type StaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createStaffRepository>['find']>>>;
