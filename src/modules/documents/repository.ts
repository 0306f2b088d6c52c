import { and, eq, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { dematAccounts, tradingPreferences, documents } from '../../db/schema/index.js';

export type DocumentKindColumn = (typeof documents.$inferInsert)['kind'];

export const documentMetadataColumns = {
  id: documents.id,
  userId: documents.userId,
  kind: documents.kind,
  contentType: documents.contentType,
  size: documents.size,
  sha256: documents.sha256,
};

export type DocumentMetadata = {
  id: string;
  userId: string;
  kind: DocumentKindColumn;
  contentType: string;
  size: number;
  sha256: string;
};

export function createDocumentRepository(db: Executor) {
  return {
    async insert(values: typeof documents.$inferInsert) {
      await db.insert(documents).values(values);
    },

    async findMetadata(userId: string, ids: string[]): Promise<DocumentMetadata[]> {
      if (ids.length === 0) return [];
      // One statement for any number of ids: prepared once per connection, not built on every request.
      return prepared(db, 'document_metadata', () =>
        db
          .select(documentMetadataColumns)
          .from(documents)
          .where(
            and(
              eq(documents.userId, sql.placeholder('userId')),
              sql`${documents.id} = any(${sql.placeholder('ids')}::uuid[])`,
            ),
          )
          .prepare('document_metadata'),
      ).execute({ userId, ids });
    },

    async findWithContent(id: string) {
      const rows = await db
        .select({ ...documentMetadataColumns, content: documents.content })
        .from(documents)
        .where(eq(documents.id, id))
        .limit(1);
      return rows[0];
    },

    /** Client master copies no demat account refers to any more: kept no longer than needed. */
    async deleteUnreferencedMasterCopies(userId: string) {
      await db.delete(documents).where(
        and(
          eq(documents.userId, userId),
          eq(documents.kind, 'client_master_copy'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(dematAccounts)
              .where(eq(dematAccounts.clientMasterCopyId, documents.id)),
          ),
        ),
      );
    },

    /** Income proofs the trading preferences no longer refer to: kept no longer than needed. */
    async deleteUnreferencedIncomeProofs(userId: string) {
      await db.delete(documents).where(
        and(
          eq(documents.userId, userId),
          eq(documents.kind, 'income_proof'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(tradingPreferences)
              .where(eq(tradingPreferences.incomeProofId, documents.id)),
          ),
        ),
      );
    },
  };
}
