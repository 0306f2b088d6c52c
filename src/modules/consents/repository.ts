import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { consents } from '../../db/schema/index.js';
import type { ConsentPurpose } from '../../db/schema/index.js';

export type ConsentRow = typeof consents.$inferSelect;

export function createConsentRepository(db: Executor) {
  return {
    async active(userId: string, purpose: ConsentPurpose): Promise<ConsentRow | undefined> {
      const rows = await db
        .select()
        .from(consents)
        .where(and(eq(consents.userId, userId), eq(consents.purpose, purpose), isNull(consents.withdrawnAt)))
        .limit(1);
      return rows[0];
    },

    async list(userId: string): Promise<ConsentRow[]> {
      return db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(desc(consents.grantedAt), desc(consents.id));
    },

    async insert(values: typeof consents.$inferInsert): Promise<ConsentRow> {
      const rows = await db.insert(consents).values(values).returning();
      return rows[0]!;
    },

    async withdraw(userId: string, purpose: ConsentPurpose): Promise<ConsentRow | undefined> {
      const rows = await db
        .update(consents)
        .set({ withdrawnAt: new Date() })
        .where(and(eq(consents.userId, userId), eq(consents.purpose, purpose), isNull(consents.withdrawnAt)))
        .returning();
      return rows[0];
    },
  };
}
