import { bigint, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Envelope } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';
import { users } from './accounts.js';

/** A staff member's TOTP second factor (RFC 6238); one per user, pending until the first code confirms it. */
export const staffMfa = pgTable('staff_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The shared TOTP secret (base32), encrypted under the user's data key. */
  secret: jsonb('secret').$type<Envelope>().notNull(),
  /** Set by the first accepted code; until then the enrolment can be started again. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The time step of the last accepted code: a code is accepted once, and never one from an earlier step. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  /** Code attempts (TOTP or recovery) in the window that began at `attemptsSince`. */
  attempts: integer('attempts').notNull().default(0),
  attemptsSince: timestamp('attempts_since', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes, stored as SHA-256 hashes (each has 60 random bits). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Also serves the look-ups by user alone (its first column).
  (table) => [uniqueIndex('mfa_recovery_codes_user_code_key').on(table.userId, table.codeHash)],
);
