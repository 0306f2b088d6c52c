/**
 * Scans every response the suite sees for data that must never leave the service: password
 * fields, password hashes, configured secrets, unmasked Aadhaar numbers, and full PANs or bank
 * account numbers outside the owner's own profile endpoints.
 */
export const violations: string[] = [];

const ALWAYS_FORBIDDEN: Array<[string, RegExp]> = [
  ['bcrypt hash', /\$2[aby]\$\d\d\$/],
  ['argon2 hash', /\$argon2(id|i|d)\$/],
  ['password field', /"(password|confirmedPassword|passwordHash|hash|salt)"\s*:/],
  ['unmasked aadhaar', /"aadhaar\w*"\s*:\s*"(?!X{4} ?X{4} ?\d{4}")[^"]*\d{5,}[^"]*"/i],
];

// `XXXXX1234X` is the masked form, allowed everywhere.
const FULL_PAN = /\b(?!XXXXX)[A-Z]{5}\d{4}[A-Z]\b/;
const FULL_ACCOUNT = /"bankAccountNumber"\s*:\s*"\d{9,18}"/;
/**
 * Endpoints that return identity numbers in full by design, with Cache-Control: no-store: the
 * caller's own profile and data export, and a reviewer's (audited) reveal. The case view itself masks them.
 */
const OWNER_REVEAL =
  /^\/v1\/(user\/getDetails|data\/update_data|me\/export|review\/cases\/[0-9a-f-]{36}\/reveal)(\?|$)/;

/**
 * The API description names request fields such as `password`, and its examples show the owner's profile with
 * sandbox numbers (PAN ABCPV1234D); it is built from the code alone and carries no customer's data.
 */
const API_DESCRIPTION = /^\/(openapi\.json|docs)/;

export function checkResponse(url: string, body: string, secrets: string[]): void {
  const found: string[] = [];
  if (!API_DESCRIPTION.test(url)) {
    for (const [label, pattern] of ALWAYS_FORBIDDEN) if (pattern.test(body)) found.push(label);
  }
  for (const secret of secrets) if (secret && body.includes(secret)) found.push('configured secret');
  if (!OWNER_REVEAL.test(url) && !API_DESCRIPTION.test(url)) {
    if (FULL_PAN.test(body)) found.push('full PAN');
    if (FULL_ACCOUNT.test(body)) found.push('full bank account number');
  }
  for (const label of found) violations.push(`${url}: response contains ${label}`);
}
