import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Envelope } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';

export const USER_ROLES = ['customer', 'reviewer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_STATUSES = ['active', 'disabled', 'invited'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    email: text('email').notNull(),
    /** The name given at registration, encrypted under the user's data key (created with the user). */
    name: jsonb('name').$type<Envelope>().notNull(),
    mobileNo: text('mobile_no').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('customer'),
    /** `invited`: a staff account whose invite was not accepted yet (no usable password). */
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    /** The email address as it was when verified; the flag is this equal to `email`, so a change resets it. */
    verifiedEmail: text('verified_email'),
    /** The mobile number as it was when verified (see `verifiedEmail`). */
    verifiedMobile: text('verified_mobile'),
    /** The host application's own id for this user, set through the integration API. */
    externalId: text('external_id'),
    /** The profile's version, exposed as `__v` and as the ETag of getDetails. */
    profileVersion: integer('profile_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    uniqueIndex('users_external_id_key')
      .on(table.externalId)
      .where(sql`${table.externalId} is not null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute lifetime: no refresh extends a session beyond this. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    /** When the staff member's second factor was checked for this session; null for password-only sessions. */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    /** The KYC link whose exchange began this session (kyc_links.id); null for a sign-in. */
    linkId: uuid('link_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    index('sessions_user_id_idx').on(table.userId),
    index('sessions_expires_at_idx').on(table.expiresAt),
    // Revoking a KYC link ends the sessions it opened.
    index('sessions_link_id_idx').on(table.linkId),
  ],
);

/** One row per refresh token ever issued, so a rotated token presented again is recognised as reuse. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(table.tokenHash),
    index('refresh_tokens_session_id_idx').on(table.sessionId),
  ],
);

/** Append-only security log of account events (no secrets, no passwords). */
export const authEvents = pgTable(
  'auth_events',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who made the change when it was not the account's owner (an admin managing staff). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    event: text('event').notNull(),
    /** What changed, without personal values (e.g. `{from: 'reviewer', to: 'admin'}`). */
    details: jsonb('details').$type<Record<string, string | boolean>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (table) => [index('auth_events_user_id_idx').on(table.userId)],
);
