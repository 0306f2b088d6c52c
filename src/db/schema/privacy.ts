import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ownerId, primaryId } from './columns.js';
import { bytea } from './profile.js';

/** `customer`: asked through POST /v1/me/erasure; `draft_retention`: a never-approved draft past its retention. */
export const ERASURE_SOURCES = ['customer', 'draft_retention'] as const;
export type ErasureSource = (typeof ERASURE_SOURCES)[number];
/** `held`: erased except what a legal hold keeps, finished when the hold ends; `completed`: nothing left. */
export const ERASURE_STATUSES = ['held', 'completed'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/**
 * Erasure requests (DPDP Act s.12(3)) and their outcome. No foreign key and no personal value: the
 * record of the request outlives the data it erased.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: primaryId(),
    userId: uuid('user_id').notNull(),
    source: text('source', { enum: ERASURE_SOURCES }).notNull(),
    status: text('status', { enum: ERASURE_STATUSES }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [
    index('erasure_requests_user_id_idx').on(table.userId),
    index('erasure_requests_status_idx').on(table.status, table.requestedAt),
  ],
);

/** `kyc_record`: PMLA s.12 / SEBI record keeping for a customer whose KYC was approved. */
export const LEGAL_HOLD_REASONS = ['kyc_record'] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];

/**
 * Data the law requires to keep after an erasure request: the approved case, its checks, decisions
 * and documents stay until `holdUntil` (RETENTION_YEARS after the relationship ended), then the
 * retention job erases them.
 */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: primaryId(),
    userId: uuid('user_id').notNull(),
    reason: text('reason', { enum: LEGAL_HOLD_REASONS }).notNull(),
    relationshipEndedAt: timestamp('relationship_ended_at', { withTimezone: true }).notNull(),
    holdUntil: timestamp('hold_until', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('legal_holds_user_id_idx').on(table.userId),
    index('legal_holds_due_idx').on(table.releasedAt, table.holdUntil),
  ],
);

/** `str`: a suspicious transaction report to FIU-IND (PMLA s.12); `enforcement`: an authority's request or investigation. */
export const INVESTIGATION_HOLD_KINDS = ['str', 'enforcement'] as const;
export type InvestigationHoldKind = (typeof INVESTIGATION_HOLD_KINDS)[number];

/**
 * Open-ended holds an admin places while a suspicious transaction report or an enforcement request
 * runs: the KYC record is kept past any erasure request or retention period until an admin releases
 * the hold. Never shown to the customer (PMLA s.12(2) confidentiality; no tipping off).
 */
export const investigationHolds = pgTable(
  'investigation_holds',
  {
    id: primaryId(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: INVESTIGATION_HOLD_KINDS }).notNull(),
    placedBy: uuid('placed_by').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    releasedBy: uuid('released_by'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (table) => [
    index('investigation_holds_user_id_idx').on(table.userId),
    // One running hold per customer: a second would only hide which one keeps the record.
    uniqueIndex('investigation_holds_one_active_idx')
      .on(table.userId)
      .where(sql`${table.releasedAt} is null`),
  ],
);

/** `pending`: the job builds it; `ready`: downloadable until `expiresAt`; `failed`: see `failure`. */
export const DATA_EXPORT_STATUSES = ['pending', 'ready', 'failed'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/**
 * ZIP exports built in the background for accounts whose files are too large to zip during a
 * request. The archive is encrypted under the user's data key and deleted when it expires.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: primaryId(),
    userId: ownerId(),
    status: text('status', { enum: DATA_EXPORT_STATUSES }).notNull().default('pending'),
    size: integer('size'),
    content: bytea('content'),
    failure: text('failure'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (table) => [
    index('data_exports_user_id_idx').on(table.userId),
    index('data_exports_expires_at_idx').on(table.expiresAt),
    // One export in the making per customer: asking again while it runs returns that one.
    uniqueIndex('data_exports_one_pending_idx')
      .on(table.userId)
      .where(sql`${table.status} = 'pending'`),
  ],
);
