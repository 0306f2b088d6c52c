import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { staffAuditEvents } from '../../db/schema/index.js';
import type { AuditTargetType } from '../../db/schema/index.js';

export type AuditEntry = typeof staffAuditEvents.$inferInsert;
export type AuditRow = typeof staffAuditEvents.$inferSelect;

export interface AuditFilters {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: AuditTargetType | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const matching = (filters: AuditFilters) =>
  and(
    filters.actorId ? eq(staffAuditEvents.actorId, filters.actorId) : undefined,
    filters.action ? eq(staffAuditEvents.action, filters.action) : undefined,
    filters.targetType ? eq(staffAuditEvents.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(staffAuditEvents.targetId, filters.targetId) : undefined,
    filters.from ? gte(staffAuditEvents.createdAt, filters.from) : undefined,
    filters.to ? lt(staffAuditEvents.createdAt, filters.to) : undefined,
  );

export function createAuditRepository(db: Executor) {
  return {
    async insert(entry: AuditEntry): Promise<void> {
      await db.insert(staffAuditEvents).values(entry);
    },

    /**
     * Newest first by id (UUIDv7, so in time order), a keyset page: `before` is the id of the last
     * entry of the previous page.
     */
    async list(
      filters: AuditFilters,
      page: { limit: number; before?: string | undefined },
    ): Promise<AuditRow[]> {
      return db
        .select()
        .from(staffAuditEvents)
        .where(and(matching(filters), page.before ? lt(staffAuditEvents.id, page.before) : undefined))
        .orderBy(desc(staffAuditEvents.id))
        .limit(page.limit);
    },

    /** Whether more than `count` entries match, without counting them all. */
    async moreThan(filters: AuditFilters, count: number): Promise<boolean> {
      const rows = await db
        .select({ id: staffAuditEvents.id })
        .from(staffAuditEvents)
        .where(matching(filters))
        .orderBy(desc(staffAuditEvents.id))
        .offset(count)
        .limit(1);
      return rows.length > 0;
    },
  };
}
