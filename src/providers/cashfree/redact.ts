/*
 * What may be stored about a Cashfree request or answer: what an auditor needs to match a charge
 * and a decision to the provider's records, and no more. Kept as sent: ids, references, statuses,
 * outcomes, scores and the bank details of an IFSC. Masked: PAN (`XXXXX1234X`, the form Cashfree's
 * own masked PANs take), bank account and Aadhaar numbers (their last four characters; UIDAI rules
 * forbid keeping a full Aadhaar number). Secrets become `[secret]`; every other value (names,
 * addresses, dates of birth, mobile numbers, photos, links) becomes `[omitted]`, keeping only the
 * shape of the answer. An allowlist, so a field Cashfree adds tomorrow is not stored by accident.
 */

const KEPT_KEYS = new Set([
  // Ids and references.
  'verification_id',
  'reference_id',
  'ref_id',
  'user_id',
  'utr',
  // Statuses and outcomes.
  'status',
  'sub_code',
  'code',
  'type',
  'message',
  'reason',
  'valid',
  'pan_status',
  'aadhaar_seeding_status',
  'aadhaar_seeding_status_desc',
  'aadhaar_linked',
  'account_status',
  'account_status_code',
  'name_match',
  'name_match_result',
  'dob_match',
  'face_match_result',
  'liveliness',
  'eaadhaar',
  'document_requested',
  'document_consent',
  'identifier_type',
  'scope',
  'available_scopes',
  // Scores.
  'score',
  'confidence_score',
  'name_match_score',
  'face_match_score',
  // A bank branch, not a person.
  'ifsc',
  'ifsc_subcode',
  'micr',
  'bank',
  'bank_name',
  'branch',
  'imps',
  'neft',
  'rtgs',
  'upi',
]);
const PAN_KEYS = new Set(['pan']);
const LAST_FOUR_KEYS = new Set([
  'bank_account',
  'bankAccount',
  'aadhaar',
  'aadhaar_number',
  'aadhaarNumber',
  'uid',
  'masked_aadhaar_number',
  'identifier_value',
]);
const SECRET_KEYS = new Set([
  'access_token',
  'auth_code',
  'session_id',
  'client_secret',
  'clientSecret',
  'x-client-secret',
  'x-cf-signature',
  'authorization',
  'password',
]);

const OMITTED = '[omitted]';
const SECRET = '[secret]';
const MAX_DEPTH = 8;
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

export function maskPan(pan: string): string {
  const upper = pan.toUpperCase();
  return PAN.test(upper) ? `XXXXX${upper.slice(5, 9)}X` : 'X'.repeat(pan.length);
}

export function keepLastFour(value: string): string {
  return 'X'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}

function redactScalar(key: string | undefined, value: string | number | boolean): unknown {
  if (key === undefined) return OMITTED;
  if (PAN_KEYS.has(key)) return maskPan(String(value));
  if (LAST_FOUR_KEYS.has(key)) return keepLastFour(String(value));
  return KEPT_KEYS.has(key) ? value : OMITTED;
}

function redactValue(key: string | undefined, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (key !== undefined && SECRET_KEYS.has(key)) return SECRET;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return redactScalar(key, value);
  }
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return OMITTED;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof Blob) return OMITTED;
  // Array items are judged by the key of the array (`available_scopes: ['NAME', …]`).
  if (Array.isArray(value)) return value.map((item) => redactValue(key, item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [childKey, child] of Object.entries(value)) {
    if (child !== undefined) result[childKey] = redactValue(childKey, child, depth + 1);
  }
  return result;
}

/** A copy of `value` that is safe to store and log. */
export function redact(value: Record<string, unknown>): Record<string, unknown> {
  return redactValue(undefined, value, 0) as Record<string, unknown>;
}
