/*
 * The baselines' profile: the statements Pehchan sends to read a profile (as drizzle generates them, with the
 * same statement names), the decryption of what they return and the getDetails `data` built from it, written
 * straight against `pg` rows. Used by bench/baseline.ts for getDetails and update_data alike.
 */
import { isDeepStrictEqual } from 'node:util';
import { CLOSED_STATUSES } from '../src/db/schema/index.js';
import { decryptFieldString } from '../src/lib/crypto/index.js';
import type { Envelope, KeyRing } from '../src/lib/crypto/index.js';
import { DOCUMENT_URL_TTL_SECONDS } from '../src/modules/documents/service.js';
import { APPROVED } from '../src/modules/kyc/transitions.js';
import { maskIdNumber } from '../src/modules/profile/declaration-rules.js';

export type Row = Record<string, unknown>;
/**
 * A statement on the pool or on a transaction's connection; `name` makes it a prepared statement, as in Pehchan;
 * `array` returns each row as an array of values (pg's rowMode), for statements whose columns repeat names.
 */
export type Query = (
  name: string | undefined,
  text: string,
  values: unknown[],
  rows?: 'array',
) => Promise<Row[]>;

/** The account's columns, then each one-row section's, in the order Pehchan's joined statement lists them. */
const ACCOUNT_COLUMNS = [
  'id',
  'name',
  'email',
  'mobile_no',
  'verified_email',
  'verified_mobile',
  'profile_version',
];
const ONE_ROW_SECTIONS = [
  [
    'pan',
    'pan_details',
    [
      'user_id',
      'pan_number',
      'pan_blind_index',
      'name',
      'date_of_birth',
      'mobile_no',
      'email',
      'i_am',
      'created_at',
      'updated_at',
    ],
  ],
  [
    'profile',
    'profile_details',
    [
      'user_id',
      'gender',
      'place_of_birth',
      'occupation',
      'annual_income',
      'citizenship',
      'information_confirmation',
      'created_at',
      'updated_at',
    ],
  ],
  [
    'address',
    'address_details',
    [
      'user_id',
      'permanent_address',
      'landmark',
      'permanent_city',
      'permanent_pincode',
      'permanent_state',
      'permanent_country',
      'created_at',
      'updated_at',
    ],
  ],
  [
    'nomination',
    'nomination_details',
    ['user_id', 'opt_out', 'opt_out_declared_at', 'nominees', 'created_at', 'updated_at'],
  ],
  [
    'fatca',
    'fatca_details',
    ['user_id', 'tax_resident_outside_india', 'details', 'created_at', 'updated_at'],
  ],
  [
    'pep',
    'pep_details',
    ['user_id', 'politically_exposed', 'related_to_politically_exposed', 'created_at', 'updated_at'],
  ],
  [
    'trading',
    'trading_preferences',
    [
      'user_id',
      'segments',
      'income_range',
      'income_proof_type',
      'income_proof_id',
      'created_at',
      'updated_at',
    ],
  ],
] as const;

const qualified = (table: string, columns: readonly string[]) =>
  columns.map((column) => `"${table}"."${column}"`).join(', ');

/** The statements that read a profile, by the names Pehchan prepares them under. */
const PROFILE_SQL = {
  profile_sections: `select ${[
    qualified('users', ACCOUNT_COLUMNS),
    ...ONE_ROW_SECTIONS.map(([, table, columns]) => qualified(table, columns)),
  ].join(', ')} from "users" ${ONE_ROW_SECTIONS.map(
    ([, table]) => `left join "${table}" on "${table}"."user_id" = "users"."id"`,
  ).join(' ')} where "users"."id" = $1`,
  profile_banks: `select "id", "user_id", "position", "bank_name", "account_type", "account_number", "account_number_blind_index", "account_number_last4", "ifsc_code", "is_primary", "created_at", "updated_at" from "bank_accounts" where "bank_accounts"."user_id" = $1 order by "bank_accounts"."position" asc`,
  profile_demats: `select "id", "user_id", "position", "depository", "dp_id", "client_id", "account_blind_index", "is_primary", "client_master_copy_id", "created_at", "updated_at" from "demat_accounts" where "demat_accounts"."user_id" = $1 order by "demat_accounts"."position" asc`,
};

export const USER_KEY_SQL = `select "wrapped_key" from "user_keys" where "user_keys"."user_id" = $1`;
export const LATEST_CASE_STATUS_SQL = `select "status" from "kyc_cases" where "kyc_cases"."user_id" = $1 order by "kyc_cases"."created_at" desc, "kyc_cases"."id" desc limit $2`;
const LAST_DECISION_SQL = `select "status", coalesce("decided_at", "updated_at") from "kyc_cases" where ("kyc_cases"."user_id" = $1 and "kyc_cases"."status" in (${CLOSED_STATUSES.map((_, index) => `$${index + 2}`).join(', ')})) order by coalesce("kyc_cases"."decided_at", "kyc_cases"."updated_at") desc, "kyc_cases"."number" desc limit $${CLOSED_STATUSES.length + 2}`;
const SELFIE_SQL = `select "id", "document_id", "score", "verification_id", "created_at" from "selfie_checks" where ("selfie_checks"."user_id" = $1 and "selfie_checks"."passed" = $2) order by "selfie_checks"."created_at" desc limit $3`;
const DOCUMENTS_SQL = `select "id", "user_id", "kind", "content_type", "size", "sha256" from "documents" where ("documents"."user_id" = $1 and "documents"."id" = any($2::uuid[]))`;

export interface StoredProfile {
  account: Row;
  pan?: Row;
  profile?: Row;
  address?: Row;
  banks: Row[];
  demats: Row[];
  nomination?: Row;
  fatca?: Row;
  pep?: Row;
  trading?: Row;
}

export async function loadProfile(query: Query, userId: string): Promise<StoredProfile | undefined> {
  // Its columns repeat names (user_id, created_at…): read by position, as drizzle does.
  const [row] = await query('profile_sections', PROFILE_SQL.profile_sections, [userId], 'array');
  if (!row) return undefined;
  const values = row as unknown as unknown[];
  const take = (columns: readonly string[], from: number): Row =>
    Object.fromEntries(columns.map((column, index) => [column, values[from + index]]));
  const stored: StoredProfile = { account: take(ACCOUNT_COLUMNS, 0), banks: [], demats: [] };
  let from = ACCOUNT_COLUMNS.length;
  for (const [key, , columns] of ONE_ROW_SECTIONS) {
    // user_id is the key: null when the user has no such row.
    if (values[from] !== null) stored[key] = take(columns, from);
    from += columns.length;
  }
  // One after another, as Pehchan's repository sends them: inside a transaction they share one connection.
  stored.banks = await query('profile_banks', PROFILE_SQL.profile_banks, [userId]);
  stored.demats = await query('profile_demats', PROFILE_SQL.profile_demats, [userId]);
  return stored;
}

export async function latestCaseStatus(query: Query, userId: string): Promise<string | undefined> {
  const [latest] = await query('latest_case_status', LATEST_CASE_STATUS_SQL, [userId, 1]);
  return latest?.status as string | undefined;
}

/** Every section decrypted into getDetails' form; `document` maps a stored document id to the caller's form. */
export function openSections(
  stored: StoredProfile,
  dataKey: Buffer,
  document: (id: string) => unknown,
): Record<string, unknown> {
  const userId = String(stored.account.id);
  const open = (table: string, column: string, envelope: unknown) =>
    decryptFieldString(dataKey, envelope as Envelope, { table, column, userId });
  const columns = (table: string, row: Row, names: Record<string, string>) =>
    Object.fromEntries(Object.entries(names).map(([key, column]) => [key, open(table, column, row[column])]));
  const { pan, profile, address, nomination, fatca, pep, trading } = stored;
  return {
    panDetails: pan
      ? {
          ...columns('pan_details', pan, {
            panNumber: 'pan_number',
            name: 'name',
            dateOfBirth: 'date_of_birth',
            mobileNo: 'mobile_no',
            email: 'email',
          }),
          iAm: pan.i_am,
        }
      : null,
    profileDetails: profile
      ? {
          ...columns('profile_details', profile, {
            gender: 'gender',
            placeOfBirth: 'place_of_birth',
            occupation: 'occupation',
          }),
          annualIncome: Number(open('profile_details', 'annual_income', profile.annual_income)),
          citizenship: profile.citizenship,
          informationConfirmation: profile.information_confirmation,
        }
      : null,
    addressDetails: address
      ? {
          permanentAddress: open('address_details', 'permanent_address', address.permanent_address),
          landmark: address.landmark === null ? null : open('address_details', 'landmark', address.landmark),
          ...columns('address_details', address, {
            permanentCity: 'permanent_city',
            permanentPincode: 'permanent_pincode',
            permanentState: 'permanent_state',
            permanentCountry: 'permanent_country',
          }),
        }
      : null,
    bankDetails: stored.banks.map((row) => ({
      _id: row.id,
      bankName: row.bank_name,
      accountType: row.account_type,
      bankAccountNumber: open('bank_accounts', `account_number:${String(row.id)}`, row.account_number),
      ifscCode: row.ifsc_code,
      primary: row.is_primary,
    })),
    dematDetails: stored.demats.map((row) => ({
      _id: row.id,
      depository: row.depository,
      dpID: open('demat_accounts', `dp_id:${String(row.id)}`, row.dp_id),
      clientID: open('demat_accounts', `client_id:${String(row.id)}`, row.client_id),
      primary: row.is_primary,
      clientMasterCopy: row.client_master_copy_id ? document(String(row.client_master_copy_id)) : null,
    })),
    nominationDetails: nomination
      ? nomination.opt_out
        ? { optOut: true, optOutDeclaredAt: (nomination.opt_out_declared_at as Date).toISOString() }
        : { optOut: false, nominees: JSON.parse(open('nomination_details', 'nominees', nomination.nominees)) }
      : null,
    fatcaDetails: fatca
      ? {
          taxResidentOutsideIndia: fatca.tax_resident_outside_india,
          ...(JSON.parse(open('fatca_details', 'details', fatca.details)) as object),
        }
      : null,
    pepDetails: pep
      ? {
          politicallyExposed: pep.politically_exposed,
          relatedToPoliticallyExposed: pep.related_to_politically_exposed,
        }
      : null,
    tradingPreferences: trading
      ? {
          segments: trading.segments,
          incomeRange: open('trading_preferences', 'income_range', trading.income_range),
          ...(trading.income_proof_type && trading.income_proof_id
            ? {
                incomeProof: {
                  documentType: trading.income_proof_type,
                  document: document(String(trading.income_proof_id)),
                },
              }
            : {}),
        }
      : null,
  };
}

export const openAccountName = (dataKey: Buffer, account: Row) =>
  decryptFieldString(dataKey, account.name as Envelope, {
    table: 'users',
    column: 'name',
    userId: String(account.id),
  });

/** The stored documents the profile refers to. */
export function referencedDocumentIds(stored: StoredProfile): string[] {
  const ids = stored.demats.flatMap((row) => (row.client_master_copy_id ? [row.client_master_copy_id] : []));
  if (stored.trading?.income_proof_id) ids.push(stored.trading.income_proof_id);
  return ids.map(String);
}

export const findDocuments = async (query: Query, userId: string, ids: string[]) =>
  ids.length ? query('document_metadata', DOCUMENTS_SQL, [userId, ids]) : [];

const signedUrl = (keyRing: KeyRing, documentId: string) => {
  const expires = Math.floor(Date.now() / 1000) + DOCUMENT_URL_TTL_SECONDS;
  return `/v1/documents/${documentId}?expires=${expires}&signature=${keyRing.signUrlToken(`document:${documentId}`, expires)}`;
};

/** getDetails' `data`, with the statements Pehchan sends for its view after loading the profile. */
export async function profileView(query: Query, keyRing: KeyRing, stored: StoredProfile, dataKey: Buffer) {
  const { account } = stored;
  const userId = String(account.id);
  const documents = await findDocuments(query, userId, referencedDocumentIds(stored));
  const sections = openSections(stored, dataKey, (id) => {
    const doc = documents.find((row) => row.id === id);
    return doc
      ? {
          _id: doc.id,
          contentType: doc.content_type,
          size: doc.size,
          sha256: doc.sha256,
          url: signedUrl(keyRing, id),
        }
      : null;
  });
  const kycStatus = (await latestCaseStatus(query, userId)) ?? 'draft';
  const [decided] = await query('last_decision', LAST_DECISION_SQL, [userId, ...CLOSED_STATUSES, 1]);
  const [selfie] = await query('latest_passed_selfie', SELFIE_SQL, [userId, true, 1]);
  const nomination = sections.nominationDetails as { optOut: boolean; nominees?: Row[] } | null;
  const decidedStatus = decided?.status as string | undefined;
  return {
    _id: account.id,
    name: openAccountName(dataKey, account),
    email: account.email,
    mobileNo: account.mobile_no,
    emailVerified: account.verified_email === account.email,
    mobileVerified: account.verified_mobile === account.mobile_no,
    ...sections,
    nominationDetails: nomination?.nominees
      ? {
          ...nomination,
          nominees: nomination.nominees.map((nominee) =>
            nominee.idNumber ? { ...nominee, idNumber: maskIdNumber(String(nominee.idNumber)) } : nominee,
          ),
        }
      : nomination,
    __v: account.profile_version,
    kycStatus,
    verifiedStatus: decidedStatus
      ? APPROVED.has(decidedStatus as never)
        ? 'approved'
        : decidedStatus === 'rejected'
          ? 'rejected'
          : null
      : null,
    verifiedAt: decided ? (decided.coalesce as Date).toISOString() : null,
    userImage: selfie ? signedUrl(keyRing, String(selfie.document_id)) : null,
  };
}

/**
 * The sections of `sent` that differ from what is stored, as Pehchan decides them: client master copies compared by
 * id (the bench's profiles have no income proof; one would count as a change, and the baseline would answer 501).
 */
export function changedSections(sent: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const byId = (value: unknown) =>
    value && typeof value === 'object' ? (value as { _id?: unknown })._id : (value ?? null);
  return Object.keys(current).filter((section) => {
    const value = sent[section];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return false;
    if (section === 'dematDetails') {
      const comparable = (entries: unknown) =>
        (entries as Row[]).map((entry) => ({ ...entry, clientMasterCopy: byId(entry.clientMasterCopy) }));
      return !isDeepStrictEqual(comparable(value), comparable(current[section]));
    }
    return !isDeepStrictEqual(value, current[section]);
  });
}
