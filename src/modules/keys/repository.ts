import { eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { userKeys } from '../../db/schema/index.js';

export function createUserKeyRepository(db: Executor) {
  return {
    async find(userId: string): Promise<string | undefined> {
      const rows = await prepared(db, 'user_key', () =>
        db
          .select({ wrappedKey: userKeys.wrappedKey })
          .from(userKeys)
          .where(eq(userKeys.userId, sql.placeholder('userId')))
          .prepare('user_key'),
      ).execute({ userId });
      return rows[0]?.wrappedKey;
    },

    /** Inserts unless a key exists already; returns the key that is stored either way. */
    async insertOrGet(userId: string, wrappedKey: string): Promise<string> {
      await db
        .insert(userKeys)
        .values({ userId, wrappedKey })
        .onConflictDoNothing({ target: userKeys.userId });
      return (await this.find(userId))!;
    },

    async update(userId: string, wrappedKey: string) {
      await db.update(userKeys).set({ wrappedKey, updatedAt: new Date() }).where(eq(userKeys.userId, userId));
    },

    /**
     * Whether anything of the user's was ever written encrypted (every such write makes the data key
     * first): with no key left, that means the key was erased.
     */
    async hadDataKey(userId: string): Promise<boolean> {
      const tables = [
        'pan_details',
        'profile_details',
        'address_details',
        'bank_accounts',
        'demat_accounts',
        'documents',
        'official_identities',
        'prefill_proposals',
      ];
      const exists = sql.join(
        tables.map((table) => sql`exists (select 1 from ${sql.identifier(table)} where user_id = ${userId})`),
        sql` or `,
      );
      const result = await db.execute(sql`select (${exists}) as found`);
      return (result as unknown as { rows: Array<{ found: boolean }> }).rows[0]?.found === true;
    },

    async delete(userId: string) {
      await db.delete(userKeys).where(eq(userKeys.userId, userId));
    },

    /** One page of keys in user id order, after `afterUserId`. */
    async page(afterUserId: string | undefined, limit: number) {
      return db
        .select()
        .from(userKeys)
        .where(afterUserId ? gt(userKeys.userId, afterUserId) : undefined)
        .orderBy(userKeys.userId)
        .limit(limit);
    },
  };
}
