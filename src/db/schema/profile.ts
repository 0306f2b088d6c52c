import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
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
import { createdAt, encrypted, ownerId, primaryId, updatedAt } from './columns.js';

/** PGlite hands back Uint8Array and pg a Buffer; callers always get a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamps = { createdAt: createdAt(), updatedAt: updatedAt() };

/** The per-user data key, wrapped by the key derived from KYC_SECRET. Deleting it erases the user's data. */
export const userKeys = pgTable('user_keys', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  wrappedKey: text('wrapped_key').notNull(),
  ...timestamps,
});

export const panDetails = pgTable(
  'pan_details',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    panNumber: encrypted('pan_number').notNull(),
    /** HMAC of the PAN: one PAN per account without decrypting anyone's row. */
    panBlindIndex: text('pan_blind_index').notNull(),
    name: encrypted('name').notNull(),
    dateOfBirth: encrypted('date_of_birth').notNull(),
    mobileNo: encrypted('mobile_no').notNull(),
    email: encrypted('email').notNull(),
    iAm: text('i_am').notNull(),
    ...timestamps,
  },
  (table) => [uniqueIndex('pan_details_pan_blind_index_key').on(table.panBlindIndex)],
);

export const profileDetails = pgTable('profile_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  gender: encrypted('gender').notNull(),
  placeOfBirth: encrypted('place_of_birth').notNull(),
  occupation: encrypted('occupation').notNull(),
  annualIncome: encrypted('annual_income').notNull(),
  citizenship: boolean('citizenship').notNull(),
  informationConfirmation: boolean('information_confirmation').notNull(),
  ...timestamps,
});

export const addressDetails = pgTable('address_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  permanentAddress: encrypted('permanent_address').notNull(),
  landmark: encrypted('landmark'),
  permanentCity: encrypted('permanent_city').notNull(),
  permanentPincode: encrypted('permanent_pincode').notNull(),
  permanentState: encrypted('permanent_state').notNull(),
  permanentCountry: encrypted('permanent_country').notNull(),
  ...timestamps,
});

export const documents = pgTable(
  'documents',
  {
    id: primaryId(),
    userId: ownerId(),
    kind: text('kind', {
      enum: [
        'client_master_copy',
        'selfie',
        'aadhaar_photo',
        'account_opening_form',
        'signed_account_opening_form',
        'income_proof',
      ],
    }).notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Encrypted with the user's data key; additional data binds the document id and user. */
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('documents_user_id_idx').on(table.userId)],
);

export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: primaryId(),
    userId: ownerId(),
    position: integer('position').notNull(),
    bankName: text('bank_name').notNull(),
    accountType: text('account_type').notNull(),
    accountNumber: encrypted('account_number').notNull(),
    accountNumberBlindIndex: text('account_number_blind_index').notNull(),
    accountNumberLast4: text('account_number_last4').notNull(),
    ifscCode: text('ifsc_code').notNull(),
    isPrimary: boolean('is_primary').notNull(),
    ...timestamps,
  },
  (table) => [
    index('bank_accounts_user_id_idx').on(table.userId),
    uniqueIndex('bank_accounts_one_primary')
      .on(table.userId)
      .where(sql`${table.isPrimary}`),
    uniqueIndex('bank_accounts_no_duplicates').on(
      table.userId,
      table.accountNumberBlindIndex,
      table.ifscCode,
    ),
  ],
);

export const dematAccounts = pgTable(
  'demat_accounts',
  {
    id: primaryId(),
    userId: ownerId(),
    position: integer('position').notNull(),
    depository: text('depository').notNull(),
    dpId: encrypted('dp_id').notNull(),
    clientId: encrypted('client_id').notNull(),
    /** HMAC of depository + DP id + client id, for duplicate detection. */
    accountBlindIndex: text('account_blind_index').notNull(),
    isPrimary: boolean('is_primary').notNull(),
    clientMasterCopyId: uuid('client_master_copy_id').references(() => documents.id, {
      onDelete: 'set null',
    }),
    ...timestamps,
  },
  (table) => [
    index('demat_accounts_user_id_idx').on(table.userId),
    uniqueIndex('demat_accounts_one_primary')
      .on(table.userId)
      .where(sql`${table.isPrimary}`),
    uniqueIndex('demat_accounts_no_duplicates').on(table.userId, table.accountBlindIndex),
  ],
);

/*
 * The account-opening declarations (issue 15), one row per user each. What identifies anyone (nominees, tax numbers,
 * income) is encrypted under the user's data key; the yes/no answers a reviewer filters on stay in clear.
 */
export const nominationDetails = pgTable('nomination_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  optOut: boolean('opt_out').notNull(),
  optOutDeclaredAt: timestamp('opt_out_declared_at', { withTimezone: true }),
  /** The nominees as JSON, identity numbers included; null for an opt-out. */
  nominees: encrypted('nominees'),
  ...timestamps,
});

export const fatcaDetails = pgTable('fatca_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  taxResidentOutsideIndia: boolean('tax_resident_outside_india').notNull(),
  /** Tax residencies with their TINs, country and city of birth, nationality, as JSON. */
  details: encrypted('details').notNull(),
  ...timestamps,
});

export const pepDetails = pgTable('pep_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  politicallyExposed: boolean('politically_exposed').notNull(),
  relatedToPoliticallyExposed: boolean('related_to_politically_exposed').notNull(),
  ...timestamps,
});

export const tradingPreferences = pgTable('trading_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  segments: text('segments').array().notNull(),
  incomeRange: encrypted('income_range').notNull(),
  incomeProofType: text('income_proof_type'),
  incomeProofId: uuid('income_proof_id').references(() => documents.id, { onDelete: 'set null' }),
  ...timestamps,
});

export const CONSENT_PURPOSES = ['kyc_verification', 'digilocker_fetch', 'secure_share_prefill'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const consents = pgTable(
  'consents',
  {
    id: primaryId(),
    userId: ownerId(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    noticeVersion: text('notice_version').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    index('consents_user_id_idx').on(table.userId),
    uniqueIndex('consents_one_active')
      .on(table.userId, table.purpose)
      .where(sql`${table.withdrawnAt} is null`),
  ],
);

/**
 * Append-only history of profile changes: who, when, which sections, never the values. No foreign
 * key to users, so the history outlives an erasure; a trigger refuses updates and deletes.
 */
export const profileEvents = pgTable(
  'profile_events',
  {
    id: primaryId(),
    userId: uuid('user_id').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    sections: jsonb('sections').$type<string[]>().notNull(),
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('profile_events_user_id_idx').on(table.userId)],
);
