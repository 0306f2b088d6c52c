import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { digilockerRequests } from '../../db/schema/index.js';

export type DigilockerRequestRow = typeof digilockerRequests.$inferSelect;
export type DigilockerRequestStatus = DigilockerRequestRow['status'];

export function createDigilockerRepository(db: Executor) {
  return {
    async insert(values: typeof digilockerRequests.$inferInsert): Promise<DigilockerRequestRow> {
      const rows = await db.insert(digilockerRequests).values(values).returning();
      return rows[0]!;
    },

    async latest(userId: string): Promise<DigilockerRequestRow | undefined> {
      const rows = await db
        .select()
        .from(digilockerRequests)
        .where(eq(digilockerRequests.userId, userId))
        .orderBy(desc(digilockerRequests.createdAt), desc(digilockerRequests.id))
        .limit(1);
      return rows[0];
    },

    /** The row, locked until the transaction ends, so that a document is stored once. */
    async lock(id: string): Promise<DigilockerRequestRow | undefined> {
      const rows = await db
        .select()
        .from(digilockerRequests)
        .where(eq(digilockerRequests.id, id))
        .for('update');
      return rows[0];
    },

    /**
     * Sets the status, unless the document was fetched already: a lookup answered after another one
     * stored it must not take it back. Returns the row as it is now.
     */
    async setStatus(id: string, status: DigilockerRequestStatus): Promise<DigilockerRequestRow> {
      const rows = await db
        .update(digilockerRequests)
        .set({ status, updatedAt: new Date() })
        .where(and(eq(digilockerRequests.id, id), ne(digilockerRequests.status, 'fetched')))
        .returning();
      return rows[0] ?? (await this.find(id))!;
    },

    /** The Aadhaar document came back without an Aadhaar (`status` other than SUCCESS): kept with Cashfree's status. */
    async markNotAvailable(id: string, documentStatus: string): Promise<DigilockerRequestRow> {
      const rows = await db
        .update(digilockerRequests)
        .set({ status: 'not_available', documentStatus, updatedAt: new Date() })
        .where(and(eq(digilockerRequests.id, id), ne(digilockerRequests.status, 'fetched')))
        .returning();
      return rows[0] ?? (await this.find(id))!;
    },

    async find(id: string): Promise<DigilockerRequestRow | undefined> {
      const rows = await db.select().from(digilockerRequests).where(eq(digilockerRequests.id, id));
      return rows[0];
    },
  };
}
