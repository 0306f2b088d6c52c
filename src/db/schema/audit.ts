import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { primaryId, createdAt } from './columns.js';

/** What an audit entry is about (`audit_log`: an export of the log itself; `privacy`: erasure requests and holds). */
export const AUDIT_TARGET_TYPES = [
  'case',
  'staff',
  'api_key',
  'webhook_delivery',
  'template',
  'audit_log',
  'privacy',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/**
 * One log of every reviewer and admin action: case views, reveals, claims, decisions, staff, API key,
 * template and webhook changes. Never a personal value: a reveal records the field and the reason,
 * not what was shown. Append-only (a trigger refuses updates and deletes).
 */
export const staffAuditEvents = pgTable(
  'staff_audit_events',
  {
    id: primaryId(),
    /** The staff member; kept (no foreign key) so the log outlives a disabled or erased account. */
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    /** e.g. case_viewed, case_revealed, case_claimed, case_decided, staff_invited, api_key_revoked */
    action: text('action').notNull(),
    targetType: text('target_type', { enum: AUDIT_TARGET_TYPES }).notNull(),
    targetId: uuid('target_id').notNull(),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (table) => [
    index('staff_audit_events_created_at_idx').on(table.createdAt),
    index('staff_audit_events_actor_id_idx').on(table.actorId),
    index('staff_audit_events_target_idx').on(table.targetType, table.targetId),
  ],
);
