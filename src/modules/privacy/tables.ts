/**
 * Every table that holds rows about a customer, what the export shows of it, and what erasure does
 * with it. Adding a table with a user column is one entry here; the completeness test fails until
 * it is added.
 *
 * - `delete`: erased when the customer asks (DPDP Act s.12(3)).
 * - `held`: part of the KYC record; kept while a legal hold runs (PMLA s.12(4), SEBI 8 years), erased
 *   when it ends, and at once when there is no hold.
 * - `log`: processing logs with ids, statuses and masked values only, kept (DPDP Rules r.8(3): at
 *   least a year; the append-only histories for good, as they name no one).
 * - `tombstone`: the account row: kept, disabled, its personal values overwritten.
 */
export type ErasureRule = 'delete' | 'held' | 'log' | 'tombstone';

export interface PersonalTable {
  table: string;
  /** The column holding the customer's id. */
  userColumn: string;
  erasure: ErasureRule;
  /** Columns never exported: secrets (hashes, wrapped keys), blind indexes, staff-only notes, file bodies. */
  omit?: string[];
  /**
   * Keys never exported from a JSON column's object, e.g. a staff-only note inside an event's data; of an
   * encrypted column, once decrypted.
   */
  omitKeys?: Record<string, string[]>;
}

export const PERSONAL_TABLES: PersonalTable[] = [
  { table: 'users', userColumn: 'id', erasure: 'tombstone', omit: ['password_hash'] },
  { table: 'sessions', userColumn: 'user_id', erasure: 'delete' },
  { table: 'refresh_tokens', userColumn: 'user_id', erasure: 'delete', omit: ['token_hash'] },
  { table: 'auth_events', userColumn: 'user_id', erasure: 'log' },
  { table: 'account_tokens', userColumn: 'user_id', erasure: 'delete', omit: ['token_hash'] },
  { table: 'staff_mfa', userColumn: 'user_id', erasure: 'delete', omit: ['secret'] },
  { table: 'mfa_recovery_codes', userColumn: 'user_id', erasure: 'delete', omit: ['code_hash'] },
  { table: 'consents', userColumn: 'user_id', erasure: 'held' },
  { table: 'pan_details', userColumn: 'user_id', erasure: 'delete', omit: ['pan_blind_index'] },
  { table: 'profile_details', userColumn: 'user_id', erasure: 'delete' },
  { table: 'address_details', userColumn: 'user_id', erasure: 'delete' },
  { table: 'bank_accounts', userColumn: 'user_id', erasure: 'delete' },
  { table: 'demat_accounts', userColumn: 'user_id', erasure: 'delete' },
  // The declarations: the case snapshot keeps what was submitted, under the hold.
  { table: 'nomination_details', userColumn: 'user_id', erasure: 'delete' },
  { table: 'fatca_details', userColumn: 'user_id', erasure: 'delete' },
  { table: 'pep_details', userColumn: 'user_id', erasure: 'delete' },
  { table: 'trading_preferences', userColumn: 'user_id', erasure: 'delete' },
  { table: 'profile_events', userColumn: 'user_id', erasure: 'log' },
  // The files themselves are links in the JSON and files in the ZIP.
  { table: 'documents', userColumn: 'user_id', erasure: 'held', omit: ['content'] },
  { table: 'selfie_checks', userColumn: 'user_id', erasure: 'held' },
  // In-person verification: the evidence is part of the KYC record; an unused challenge is not.
  { table: 'ipv_challenges', userColumn: 'user_id', erasure: 'delete' },
  { table: 'ipv_evidence', userColumn: 'user_id', erasure: 'held' },
  { table: 'official_identities', userColumn: 'user_id', erasure: 'held' },
  { table: 'digilocker_requests', userColumn: 'user_id', erasure: 'delete' },
  { table: 'secure_share_sessions', userColumn: 'user_id', erasure: 'delete' },
  { table: 'prefill_proposals', userColumn: 'user_id', erasure: 'delete' },
  // A reviewer's internal note is staff work product, not the customer's data (the decision and its reasons are).
  { table: 'kyc_cases', userColumn: 'user_id', erasure: 'held', omit: ['pan_blind_index', 'internal_note'] },
  { table: 'kyc_checks', userColumn: 'user_id', erasure: 'held' },
  // The signed account opening form is part of the record; the signing link is a bearer credential.
  { table: 'esign_requests', userColumn: 'user_id', erasure: 'held', omit: ['signing_link'] },
  // A second reviewer's reason for returning a proposed decision is staff work product, as the internal note is.
  { table: 'kyc_events', userColumn: 'user_id', erasure: 'log', omitKeys: { data: ['note'] } },
  { table: 'verifications', userColumn: 'user_id', erasure: 'log' },
  { table: 'kyc_links', userColumn: 'user_id', erasure: 'delete', omit: ['token_hash'] },
  // A message's text carries its link or code, live for up to a day: an export read by someone else must not
  // open the account. Who it went to, its subject and when it was sent stay.
  {
    table: 'outbound_messages',
    userColumn: 'user_id',
    erasure: 'delete',
    omitKeys: { content: ['text', 'html'] },
  },
  { table: 'webhook_events', userColumn: 'user_id', erasure: 'log' },
  {
    table: 'idempotency_keys',
    userColumn: 'user_id',
    erasure: 'delete',
    omit: ['fingerprint', 'response_body'],
  },
  // Background ZIP exports: the archive itself is not exported again.
  { table: 'data_exports', userColumn: 'user_id', erasure: 'delete', omit: ['content'] },
  { table: 'erasure_requests', userColumn: 'user_id', erasure: 'log' },
  { table: 'legal_holds', userColumn: 'user_id', erasure: 'log' },
];

/**
 * Tables with a user column that the export leaves out on purpose.
 * - `user_keys`: the wrapped data key, a secret that protects the data rather than data about the customer.
 * - `investigation_holds`: a suspicious transaction report or an authority's request; telling the customer
 *   would tip them off (PMLA s.12(2) keeps it confidential). Erasure leaves it: it is the reason erasure waits.
 */
export const NOT_EXPORTED_TABLES = ['user_keys', 'investigation_holds'];
