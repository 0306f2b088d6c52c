import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export function createApiKeyRepository(db: Executor) {
  return {
    async insert(values: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
      const rows = await db.insert(apiKeys).values(values).returning();
      return rows[0]!;
    },

    async list(): Promise<ApiKeyRow[]> {
      return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    async findByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
      return rows[0];
    },

    async find(id: string): Promise<ApiKeyRow | undefined> {
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
      return rows[0];
    },

    async revoke(id: string, at: Date): Promise<ApiKeyRow | undefined> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return rows[0];
    },

    async touch(id: string, at: Date): Promise<void> {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    },
  };
}
