import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kycCases, users } from '../../db/schema/index.js';

export interface IntegrationUserRow {
  id: string;
  externalId: string | null;
}

export interface IntegrationCaseRow {
  id: string;
  number: number;
  status: (typeof kycCases.$inferSelect)['status'];
  updatedAt: Date;
}

const userColumns = { id: users.id, externalId: users.externalId };
/** Only customers are visible to the host application: staff accounts are not its users. */
const isCustomer = eq(users.role, 'customer');

export function createIntegrationRepository(db: Executor) {
  return {
    async findUser(userId: string): Promise<IntegrationUserRow | undefined> {
      const rows = await db
        .select(userColumns)
        .from(users)
        .where(and(eq(users.id, userId), isCustomer))
        .limit(1);
      return rows[0];
    },

    async findUserByExternalId(externalId: string): Promise<IntegrationUserRow | undefined> {
      const rows = await db
        .select(userColumns)
        .from(users)
        .where(and(eq(users.externalId, externalId), isCustomer))
        .limit(1);
      return rows[0];
    },

    async setExternalId(userId: string, externalId: string): Promise<IntegrationUserRow | undefined> {
      const rows = await db
        .update(users)
        .set({ externalId, updatedAt: new Date() })
        .where(and(eq(users.id, userId), isCustomer))
        .returning(userColumns);
      return rows[0];
    },

    /** Newest first: the first case's status is the user's KYC status. */
    async casesOf(userId: string): Promise<IntegrationCaseRow[]> {
      return db
        .select({
          id: kycCases.id,
          number: kycCases.number,
          status: kycCases.status,
          updatedAt: kycCases.updatedAt,
        })
        .from(kycCases)
        .where(eq(kycCases.userId, userId))
        .orderBy(desc(kycCases.createdAt), desc(kycCases.number));
    },
  };
}
