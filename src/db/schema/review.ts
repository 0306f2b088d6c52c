import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, primaryId, updatedAt } from './columns.js';
import { kycCases } from './kyc.js';

export const REVIEW_DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** Reviewers' internal notes on a case; staff only, never shown to the customer. */
export const reviewNotes = pgTable(
  'review_notes',
  {
    id: primaryId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => kycCases.id, { onDelete: 'cascade' }),
    /** The staff member who wrote it (no foreign key: notes outlive a removed account). */
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('review_notes_case_id_idx').on(table.caseId, table.createdAt)],
);

/** Editable decision messages: a reviewer picks one, and the customer sees its message. */
export const reviewTemplates = pgTable(
  'review_templates',
  {
    id: primaryId(),
    name: text('name').notNull(),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    reasonCodes: jsonb('reason_codes').$type<string[]>().notNull().default([]),
    message: text('message').notNull(),
    /** The admin who last changed it; null for the templates the migration seeded. */
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('review_templates_name_key').on(table.name)],
);

/**
 * Four-eyes mode: the first reviewer's decision waits here until a different reviewer confirms it
 * (it is then applied to the case) or returns it (it is deleted). At most one per case.
 */
export const reviewProposals = pgTable(
  'review_proposals',
  {
    id: primaryId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => kycCases.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    reasonCodes: jsonb('reason_codes').$type<string[]>().notNull().default([]),
    userMessage: text('user_message'),
    internalNote: text('internal_note'),
    proposedBy: uuid('proposed_by').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('review_proposals_case_id_key').on(table.caseId)],
);
