import {
  boolean,
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
import { documents } from './profile.js';
import { users } from './accounts.js';
import { createdAt, encrypted, ownerId, primaryId, updatedAt } from './columns.js';

/**
 * One row per request sent to the verification provider, written before it is sent and settled
 * afterwards: every charge can be matched to a row, and a crash leaves a `pending` trace.
 */
export const verifications = pgTable(
  'verifications',
  {
    id: primaryId(),
    /** Our id as sent to Cashfree (`verification_id`, or `user_id` for bank account async). */
    verificationId: text('verification_id').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    attempt: integer('attempt').notNull().default(1),
    status: text('status', { enum: ['pending', 'success', 'failed', 'indeterminate', 'error'] })
      .notNull()
      .default('pending'),
    outcome: text('outcome'),
    referenceId: text('reference_id'),
    score: doublePrecision('score'),
    errorCode: text('error_code'),
    /** Redacted: masked identifiers, no images, no secrets. */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    response: jsonb('response').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('verifications_verification_id_key').on(table.verificationId),
    index('verifications_user_id_idx').on(table.userId),
    index('verifications_pending_idx').on(table.status, table.createdAt),
  ],
);

/** Every selfie liveliness attempt; a passed one becomes the user's `userImage`. */
export const selfieChecks = pgTable(
  'selfie_checks',
  {
    id: primaryId(),
    userId: ownerId(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    verificationId: text('verification_id'),
    status: text('status').notNull(),
    liveliness: boolean('liveliness'),
    score: doublePrecision('score'),
    passed: boolean('passed').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('selfie_checks_user_id_idx').on(table.userId, table.createdAt)],
);

/**
 * Idempotency-Key records (draft-ietf-httpapi-idempotency-key-header): the first answer is kept
 * and replayed for the same key and the same request fingerprint.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: primaryId(),
    userId: ownerId(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_progress', 'done'] })
      .notNull()
      .default('in_progress'),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('idempotency_keys_user_scope_key').on(table.userId, table.scope, table.key)],
);

/** Provider webhooks already processed: Cashfree may deliver the same event more than once. */
export const inboundWebhooks = pgTable(
  'inbound_webhooks',
  {
    id: primaryId(),
    bodySha256: text('body_sha256').notNull(),
    eventType: text('event_type'),
    verificationId: text('verification_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('inbound_webhooks_body_sha256_key').on(table.bodySha256)],
);

/** The closed list of actions a selfie challenge asks for; the client shows the words for each code. */
export const IPV_INSTRUCTIONS = [
  'turn_head_left',
  'turn_head_right',
  'look_up',
  'blink_twice',
  'smile',
  'open_mouth',
] as const;
export type IpvInstruction = (typeof IPV_INSTRUCTIONS)[number];

/** A server-issued random action for one selfie capture: single-use and short-lived (in-person verification). */
export const ipvChallenges = pgTable(
  'ipv_challenges',
  {
    id: primaryId(),
    userId: ownerId(),
    instruction: text('instruction', { enum: IPV_INSTRUCTIONS }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('ipv_challenges_user_id_idx').on(table.userId, table.createdAt)],
);

/** How the challenge sent with a selfie stood when the selfie arrived. */
export type IpvChallengeStatus = 'valid' | 'missing' | 'unknown' | 'expired' | 'reused';
/** What reverse geocoding said about the capture point. */
export type IpvGeoStatus =
  'in_india' | 'outside_india' | 'no_location' | 'unresolved' | 'failed' | 'not_checked';

/**
 * The in-person verification evidence of one selfie capture (SEBI online KYC: random action, time
 * stamp, geo-tag in India). The point and the client's IP are encrypted under the user's data key.
 */
export const ipvEvidence = pgTable(
  'ipv_evidence',
  {
    id: primaryId(),
    userId: ownerId(),
    selfieCheckId: uuid('selfie_check_id')
      .notNull()
      .references(() => selfieChecks.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id'),
    challengeStatus: text('challenge_status').$type<IpvChallengeStatus>().notNull(),
    instruction: text('instruction', { enum: IPV_INSTRUCTIONS }),
    /** `{latitude, longitude, accuracy}` as the client sent them; null when it sent none. */
    location: encrypted('location'),
    clientIp: encrypted('client_ip').notNull(),
    userAgent: text('user_agent'),
    clientCapturedAt: timestamp('client_captured_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** SHA-256 of the bytes the client sent, and of the sanitised image stored and sent to the provider. */
    uploadSha256: text('upload_sha256').notNull(),
    storedSha256: text('stored_sha256').notNull(),
    geoStatus: text('geo_status').$type<IpvGeoStatus>().notNull(),
    geoVerificationId: text('geo_verification_id'),
    geoCity: text('geo_city'),
    geoState: text('geo_state'),
    geoCountryCode: text('geo_country_code'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('ipv_evidence_selfie_check_id_key').on(table.selfieCheckId)],
);
