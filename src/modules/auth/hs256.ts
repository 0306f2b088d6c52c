import { createHmac } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * A JWS in compact form signed with HS256 (RFC 7515), through node:crypto's HMAC on the calling thread:
 * jose signs through WebCrypto, whose every signature is a job on libuv's thread pool, where logins'
 * argon2 verifications run; this one costs a tenth of that. Verification stays with jose.
 */
export function signHs256(header: { typ: string }, claims: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${encode({ alg: 'HS256', ...header })}.${encode(claims)}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
