import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reviewTemplates } from '../../db/schema/index.js';

export type TemplateRow = typeof reviewTemplates.$inferSelect;
export type TemplateValues = Pick<TemplateRow, 'name' | 'decision' | 'reasonCodes' | 'message'>;

export function createTemplateRepository(db: Executor) {
  return {
    async list(): Promise<TemplateRow[]> {
      return db
        .select()
        .from(reviewTemplates)
        .orderBy(asc(reviewTemplates.decision), asc(reviewTemplates.name));
    },

    async insert(values: TemplateValues & { updatedBy: string }): Promise<TemplateRow> {
      const rows = await db.insert(reviewTemplates).values(values).returning();
      return rows[0]!;
    },

    async update(
      id: string,
      values: TemplateValues & { updatedBy: string },
    ): Promise<TemplateRow | undefined> {
      const rows = await db
        .update(reviewTemplates)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(reviewTemplates.id, id))
        .returning();
      return rows[0];
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(reviewTemplates)
        .where(eq(reviewTemplates.id, id))
        .returning({ id: reviewTemplates.id });
      return rows.length === 1;
    },
  };
}
