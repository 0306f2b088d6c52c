import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function createIdempotencyRepository(db: Executor) {
  const byKey = (userId: string, scope: string, key: string) =>
    and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  return {
    /** Claims the key; undefined when a record exists already. */
    async claim(values: typeof idempotencyKeys.$inferInsert): Promise<IdempotencyRow | undefined> {
      const rows = await db.insert(idempotencyKeys).values(values).onConflictDoNothing().returning();
      return rows[0];
    },

    async find(userId: string, scope: string, key: string): Promise<IdempotencyRow | undefined> {
      const rows = await db
        .select()
        .from(idempotencyKeys)
        .where(byKey(userId, scope, key))
        .limit(1);
      return rows[0];
    },

    async complete(id: string, responseStatus: number, responseBody: unknown) {
      await db
        .update(idempotencyKeys)
        .set({ state: 'done', responseStatus, responseBody })
        .where(eq(idempotencyKeys.id, id));
    },

    async release(id: string) {
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
    },

    async purgeExpired(): Promise<number> {
      const rows = await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.expiresAt, new Date()))
        .returning({ id: idempotencyKeys.id });
      return rows.length;
    },
  };
}
