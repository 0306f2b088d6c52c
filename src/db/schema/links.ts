import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ownerId, primaryId } from './columns.js';
import { apiKeys } from './kyc.js';

export const LINK_LOCALES = ['en', 'hi'] as const;
export type LinkLocale = (typeof LINK_LOCALES)[number];

/**
 * KYC links a host application sends its customer: a single-use token (only its SHA-256 is kept)
 * that opens a customer session for `userId`. The link's status follows from its times: revoked,
 * completed, opened, or pending until `expiresAt` (then expired).
 */
export const kycLinks = pgTable(
  'kyc_links',
  {
    id: primaryId(),
    userId: ownerId(),
    /** The host's id for the customer when the link was made. */
    externalId: text('external_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    redirectUrl: text('redirect_url').notNull(),
    locale: text('locale', { enum: LINK_LOCALES }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdByApiKey: uuid('created_by_api_key').references(() => apiKeys.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('kyc_links_token_hash_key').on(table.tokenHash),
    index('kyc_links_user_id_idx').on(table.userId),
  ],
);
