import { index, integer, text, timestamp, uniqueIndex, pgTable } from 'drizzle-orm/pg-core';
import { createdAt, encrypted, ownerId, primaryId } from './columns.js';

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** `outbox`: kept for the development outbox, never sent (no transport configured outside production). */
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'outbox'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Mail and SMS to account holders. The row is the message's durable record: a delivery job claims
 * it, and a sweep re-queues rows whose job was lost. The content (recipient, subject, bodies, which
 * carry links and codes) is encrypted under the recipient's data key.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: primaryId(),
    userId: ownerId(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    template: text('template').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    content: encrypted('content').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A delivery in progress holds the row until then; a crashed one is taken over afterwards. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('outbound_messages_status_idx').on(table.status, table.nextAttemptAt),
    index('outbound_messages_user_id_idx').on(table.userId),
  ],
);

export const ACCOUNT_TOKEN_PURPOSES = [
  'password_reset',
  'email_verification',
  'mobile_otp',
  'staff_invite',
] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * Single-use secrets sent to an account holder: reset and invite tokens, verification links, mobile
 * codes. Only a keyed hash is stored; `target` is the address the secret was sent to, so a secret
 * for an old email or mobile number verifies nothing once the contact changed.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: primaryId(),
    userId: ownerId(),
    purpose: text('purpose', { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    target: text('target'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('account_tokens_token_hash_key').on(table.tokenHash),
    index('account_tokens_user_purpose_idx').on(table.userId, table.purpose),
  ],
);
