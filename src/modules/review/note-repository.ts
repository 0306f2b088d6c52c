import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reviewNotes } from '../../db/schema/index.js';

export type NoteRow = typeof reviewNotes.$inferSelect;

export function createNoteRepository(db: Executor) {
  return {
    async insert(values: { caseId: string; authorId: string; text: string }): Promise<NoteRow> {
      const rows = await db.insert(reviewNotes).values(values).returning();
      return rows[0]!;
    },

    /** A case's notes, oldest first. */
    async ofCase(caseId: string): Promise<NoteRow[]> {
      return db
        .select()
        .from(reviewNotes)
        .where(eq(reviewNotes.caseId, caseId))
        .orderBy(asc(reviewNotes.createdAt), asc(reviewNotes.id));
    },
  };
}
