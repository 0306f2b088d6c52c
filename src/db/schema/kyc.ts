import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { documents } from './profile.js';
import { createdAt, encrypted, ownerId, primaryId, updatedAt } from './columns.js';

export const CASE_STATUSES = [
  'draft',
  'submitted',
  'verifying',
  'needs_review',
  'action_required',
  'approved',
  'rejected',
  // After approval: the account opening form awaits the customer's Aadhaar e-sign, then is signed.
  'esign_pending',
  'esign_expired',
  'completed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** An approved case, before or after the customer e-signs the account opening form. */
export const APPROVED_STATUSES = ['approved', 'esign_pending', 'esign_expired', 'completed'] as const;
/** Submitted and not yet decided: the regulated entity's turn, not the customer's. */
export const AWAITING_DECISION_STATUSES = ['submitted', 'verifying', 'needs_review'] as const;
/** Decided cases: no longer the user's open case (the partial unique index below). */
export const CLOSED_STATUSES = [...APPROVED_STATUSES, 'rejected'] as const;

export const CHECK_TYPES = [
  'pan',
  'duplicate_pan',
  'bank_account',
  'ifsc',
  'liveliness',
  'face_match',
  'identity_match',
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];
export const CHECK_OUTCOMES = ['pass', 'review', 'fail', 'indeterminate'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/**
 * What gets verified and decided: a frozen, encrypted snapshot of the profile as submitted. A user
 * has at most one open case (the partial unique index); approved and rejected cases stay as they were.
 */
export const kycCases = pgTable(
  'kyc_cases',
  {
    id: primaryId(),
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: ownerId(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('draft'),
    /** The profile as submitted, encrypted under the user's data key. */
    snapshot: encrypted('snapshot'),
    /** Blind index of the submitted PAN: finds other users' cases with the same PAN. */
    panBlindIndex: text('pan_blind_index'),
    /** Reason codes of the latest decision (automatic or a reviewer's): shown to the user. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    userMessage: text('user_message'),
    /** A reviewer's note for other staff; never shown to the user. */
    internalNote: text('internal_note'),
    decidedBy: uuid('decided_by'),
    /** The reviewer (or admin) who claimed the case awaiting review; cleared when the case moves on. */
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('kyc_cases_one_open_per_user')
      .on(table.userId)
      .where(
        sql`${table.status} not in ('approved', 'rejected', 'esign_pending', 'esign_expired', 'completed')`,
      ),
    index('kyc_cases_status_idx').on(table.status, table.updatedAt),
    uniqueIndex('kyc_cases_number_key').on(table.number),
    index('kyc_cases_pan_blind_index_idx').on(table.panBlindIndex),
    index('kyc_cases_assigned_to_idx').on(table.assignedTo),
    // The review queue's order (keyset pagination): submission time, or creation for a case never submitted.
    index('kyc_cases_queue_idx').on(
      table.status,
      sql`coalesce(${table.submittedAt}, ${table.createdAt})`,
      table.id,
    ),
  ],
);

/** One row per check of a case; re-running a check updates its row, the history keeps every result. */
export const kycChecks = pgTable(
  'kyc_checks',
  {
    id: primaryId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => kycCases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    type: text('type', { enum: CHECK_TYPES }).notNull(),
    state: text('state', { enum: ['pending', 'done'] })
      .notNull()
      .default('pending'),
    outcome: text('outcome', { enum: CHECK_OUTCOMES }),
    /** Stable reason code, e.g. `pan_invalid`, `name_mismatch`, `provider_indeterminate`. */
    reason: text('reason'),
    /** Our provider verification id(s) and Cashfree's reference id, for audits and disputes. */
    verificationId: text('verification_id'),
    referenceId: text('reference_id'),
    score: doublePrecision('score'),
    /** Non-identifying details (name match class, bank and branch of an IFSC, ...). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('kyc_checks_case_type_key').on(table.caseId, table.type)],
);

/**
 * Append-only history of every case transition, check result, reviewer view and decision.
 * No personal data; a trigger refuses updates and deletes.
 */
export const kycEvents = pgTable(
  'kyc_events',
  {
    id: primaryId(),
    caseId: uuid('case_id').notNull(),
    userId: uuid('user_id').notNull(),
    type: text('type', { enum: ['transition', 'check', 'view', 'decision'] }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [index('kyc_events_case_id_idx').on(table.caseId)],
);

/**
 * Identity data from an official source (DigiLocker Aadhaar or Secure-Share), used to match the
 * selfie and the address. Never the Aadhaar number: its last 4 digits only.
 */
export const officialIdentities = pgTable(
  'official_identities',
  {
    id: primaryId(),
    userId: ownerId(),
    source: text('source', { enum: ['digilocker', 'secure_share'] }).notNull(),
    name: encrypted('name'),
    dateOfBirth: encrypted('date_of_birth'),
    gender: encrypted('gender'),
    /** JSON of the address parts, encrypted. */
    address: encrypted('address'),
    aadhaarLast4: text('aadhaar_last4'),
    photoDocumentId: uuid('photo_document_id').references(() => documents.id, { onDelete: 'set null' }),
    verificationId: text('verification_id'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('official_identities_user_id_idx').on(table.userId, table.fetchedAt)],
);

export const digilockerRequests = pgTable(
  'digilocker_requests',
  {
    id: primaryId(),
    userId: ownerId(),
    verificationId: text('verification_id').notNull(),
    status: text('status', {
      enum: ['pending', 'authenticated', 'fetched', 'not_available', 'expired', 'failed'],
    })
      .notNull()
      .default('pending'),
    /** Cashfree's status of an Aadhaar document that is not one (e.g. `AADHAAR_NOT_LINKED`); null otherwise. */
    documentStatus: text('document_status'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('digilocker_requests_verification_id_key').on(table.verificationId),
    index('digilocker_requests_user_id_idx').on(table.userId, table.createdAt),
  ],
);

/** A 1-Click (Secure-Share) session: bound to one user, used once, gone after Cashfree's hour. */
export const secureShareSessions = pgTable(
  'secure_share_sessions',
  {
    id: primaryId(),
    userId: ownerId(),
    /** Cashfree's session id handed to the front end's SDK. */
    providerSessionId: text('provider_session_id').notNull(),
    verificationId: text('verification_id').notNull(),
    state: text('state', { enum: ['created', 'completed', 'expired'] })
      .notNull()
      .default('created'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** SHA-256 of the auth code that completed the session: the same code again gets the same answer. */
    authCodeSha256: text('auth_code_sha256'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('secure_share_sessions_provider_session_key').on(table.providerSessionId),
    index('secure_share_sessions_user_id_idx').on(table.userId),
  ],
);

/** The fields Secure-Share proposes for the profile, encrypted until the user applies them. */
export const prefillProposals = pgTable(
  'prefill_proposals',
  {
    id: primaryId(),
    userId: ownerId(),
    sessionId: uuid('session_id').references(() => secureShareSessions.id, { onDelete: 'set null' }),
    proposal: encrypted('proposal').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('prefill_proposals_user_id_idx').on(table.userId, table.createdAt)],
);

/**
 * One Aadhaar e-sign request for a case's account opening form; a re-send after expiry adds another.
 * The signing link is a bearer link for the customer, so it is stored encrypted under the user's data key.
 */
export const esignRequests = pgTable(
  'esign_requests',
  {
    id: primaryId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => kycCases.id, { onDelete: 'cascade' }),
    userId: ownerId(),
    /** Our id at Cashfree (`verification_id`). */
    verificationId: text('verification_id').notNull(),
    referenceId: text('reference_id'),
    status: text('status', { enum: ['pending', 'signed', 'expired', 'failed'] })
      .notNull()
      .default('pending'),
    signingLink: encrypted('signing_link').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    formDocumentId: uuid('form_document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    signedDocumentId: uuid('signed_document_id').references(() => documents.id, { onDelete: 'set null' }),
    /** Who asked for it: `system` after approval, else the customer or reviewer who re-sent it. */
    requestedBy: text('requested_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('esign_requests_verification_id_key').on(table.verificationId),
    index('esign_requests_case_id_idx').on(table.caseId, table.createdAt),
    uniqueIndex('esign_requests_one_pending_per_case')
      .on(table.caseId)
      .where(sql`${table.status} = 'pending'`),
  ],
);

/** Outbound webhooks, written in the same transaction as the change they announce (outbox pattern). */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** Stable event id (`webhook-id`), also the idempotency key receivers dedupe on. */
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    userId: uuid('user_id'),
    caseId: uuid('case_id'),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (table) => [index('webhook_events_due_idx').on(table.status, table.nextAttemptAt)],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: primaryId(),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_attempts_event_id_idx').on(table.eventId)],
);

export const API_KEY_SCOPES = [
  'users:read',
  'users:write',
  'cases:read',
  'webhooks:read',
  'links:write',
  'documents:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Keys for the host application's backend: stored as SHA-256, shown once, revocable. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: primaryId(),
    name: text('name').notNull(),
    /** The first characters, to recognise a key in lists without revealing it. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: jsonb('scopes').$type<ApiKeyScope[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_keys_key_hash_key').on(table.keyHash)],
);
