/*
 * What may be stored about a Cashfree request or answer. PAN keeps only its middle digits
 * (`XXXXX1234X`, the form Cashfree's own masked PANs take), bank accounts and Aadhaar numbers
 * their last four characters (UIDAI rules forbid keeping a full Aadhaar number), images and
 * other base64 blobs are dropped, and secrets never survive.
 */

const PAN_KEYS = new Set(['pan']);
const LAST_FOUR_KEYS = new Set([
  'bank_account',
  'bankAccount',
  'aadhaar',
  'aadhaar_number',
  'aadhaarNumber',
  'uid',
  'masked_aadhaar_number',
]);
const BLOB_KEYS = new Set([
  'image',
  'first_image',
  'second_image',
  'front_image',
  'photo_link',
  'xml_file',
  'qr_code',
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

/** Dates of birth are encrypted in the profile; the verification ledger keeps only that one was sent. */
const DATE_OF_BIRTH_KEYS = new Set(['dob', 'date_of_birth', 'dateOfBirth']);

const OMITTED = '[omitted]';
const SECRET = '[secret]';
const MAX_DEPTH = 8;
const BASE64_BLOB = /^[A-Za-z0-9+/=\r\n]{512,}$/;
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

export function maskPan(pan: string): string {
  const upper = pan.toUpperCase();
  return PAN.test(upper) ? `XXXXX${upper.slice(5, 9)}X` : 'X'.repeat(pan.length);
}

export function keepLastFour(value: string): string {
  return 'X'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}

function redactValue(key: string | undefined, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (key !== undefined) {
    if (SECRET_KEYS.has(key)) return SECRET;
    if (BLOB_KEYS.has(key)) return OMITTED;
    if (typeof value === 'string' || typeof value === 'number') {
      if (PAN_KEYS.has(key)) return maskPan(String(value));
      if (DATE_OF_BIRTH_KEYS.has(key)) return OMITTED;
      if (LAST_FOUR_KEYS.has(key)) return keepLastFour(String(value));
    }
  }
  if (typeof value === 'string') return BASE64_BLOB.test(value) ? OMITTED : value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof Blob) return OMITTED;
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return OMITTED;
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
