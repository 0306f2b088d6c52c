import { and, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { dataExports } from '../../db/schema/index.js';

export type DataExportRow = typeof dataExports.$inferSelect;
/** What the customer sees of an export: everything but the archive. */
export type DataExportMetadata = Omit<DataExportRow, 'content'>;

const metadata = {
  id: dataExports.id,
  userId: dataExports.userId,
  status: dataExports.status,
  size: dataExports.size,
  failure: dataExports.failure,
  requestedAt: dataExports.requestedAt,
  completedAt: dataExports.completedAt,
  expiresAt: dataExports.expiresAt,
};

/** The background ZIP exports (`data_exports`). */
export function createDataExportRepository(db: Executor) {
  return {
    /** A new pending export, or undefined when the user has one pending already. */
    async insert(userId: string): Promise<DataExportMetadata | undefined> {
      const [row] = await db.insert(dataExports).values({ userId }).onConflictDoNothing().returning(metadata);
      return row;
    },

    async pendingOf(userId: string): Promise<DataExportMetadata | undefined> {
      const [row] = await db
        .select(metadata)
        .from(dataExports)
        .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'pending')))
        .limit(1);
      return row;
    },

    async find(id: string): Promise<DataExportMetadata | undefined> {
      const [row] = await db.select(metadata).from(dataExports).where(eq(dataExports.id, id));
      return row;
    },

    async content(id: string): Promise<Buffer | null | undefined> {
      const [row] = await db
        .select({ content: dataExports.content })
        .from(dataExports)
        .where(eq(dataExports.id, id));
      return row?.content;
    },

    async markReady(id: string, content: Buffer, size: number, expiresAt: Date): Promise<void> {
      await db
        .update(dataExports)
        .set({ status: 'ready', content, size, completedAt: new Date(), expiresAt })
        .where(and(eq(dataExports.id, id), eq(dataExports.status, 'pending')));
    },

    async markFailed(id: string, failure: string): Promise<void> {
      await db
        .update(dataExports)
        .set({ status: 'failed', failure, completedAt: new Date() })
        .where(and(eq(dataExports.id, id), eq(dataExports.status, 'pending')));
    },

    async deleteExpired(now: Date): Promise<number> {
      const deleted = await db
        .delete(dataExports)
        .where(lte(dataExports.expiresAt, now))
        .returning({ id: dataExports.id });
      return deleted.length;
    },
  };
}
