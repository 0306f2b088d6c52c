import type { Executor } from '../../db/client.js';
import { staffAuditEvents } from '../../db/schema/index.js';

export type AuditEntry = typeof staffAuditEvents.$inferInsert;

export function createAuditRepository(db: Executor) {
  return {
    async insert(entry: AuditEntry): Promise<void> {
      await db.insert(staffAuditEvents).values(entry);
    },
  };
}
