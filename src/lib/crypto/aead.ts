import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoError } from './errors.js';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a fresh random 96-bit IV (NIST SP 800-38D); `aad` is authenticated but not stored. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new CryptoError('unknown_key', 'Data key must be 32 bytes');
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new CryptoError('malformed_envelope', 'Envelope has a wrong IV or tag length');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ct), decipher.final()]);
  } catch (cause) {
    throw new CryptoError('decryption_failed', 'Value could not be decrypted', { cause });
  }
}

/** Additional data as a JSON array, so no two different tuples can serialise to the same bytes. */
export function additionalData(parts: readonly (string | number)[]): Buffer {
  return Buffer.from(JSON.stringify(parts), 'utf8');
}

export interface Envelope {
  v: 1;
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

export function toEnvelope(kid: string, sealed: Sealed): Envelope {
  return {
    v: 1,
    kid,
    iv: sealed.iv.toString('base64'),
    ct: sealed.ct.toString('base64'),
    tag: sealed.tag.toString('base64'),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks the shape of a stored envelope (it comes from the database, so it is not trusted to be well-formed). */
export function parseEnvelope(value: unknown): Envelope & { sealed: Sealed } {
  if (typeof value !== 'object' || value === null) throw malformed();
  const { v, kid, iv, ct, tag } = value as Record<string, unknown>;
  if (v !== 1 || typeof kid !== 'string' || kid === '') throw malformed();
  if (![iv, ct, tag].every((part) => typeof part === 'string' && BASE64.test(part))) throw malformed();
  const envelope = { v, kid, iv, ct, tag } as Envelope;
  return {
    ...envelope,
    sealed: {
      iv: Buffer.from(envelope.iv, 'base64'),
      ct: Buffer.from(envelope.ct, 'base64'),
      tag: Buffer.from(envelope.tag, 'base64'),
    },
  };
}

function malformed(): CryptoError {
  return new CryptoError('malformed_envelope', 'Value is not an encryption envelope');
}
