import { createHash } from 'node:crypto';
import { additionalData, IV_BYTES, open, parseEnvelope, seal, TAG_BYTES, toEnvelope } from './aead.js';
import type { Envelope } from './aead.js';
import { CryptoError } from './errors.js';

/** Where a value lives; bound into the ciphertext so it cannot be copied to another row, column or user. */
export interface FieldContext {
  table: string;
  column: string;
  userId: string;
}

const fieldAad = ({ table, column, userId }: FieldContext) =>
  additionalData(['pehchan/field', 1, table, column, userId]);

/** A request opens a dozen fields under one unwrapped key: its id is hashed once, not once per field. */
const keyIds = new WeakMap<Buffer, string>();

/** Short fingerprint of a data key, stored as the `kid` of each envelope, so a value under a replaced key is recognised. */
export function dataKeyId(dataKey: Buffer): string {
  let id = keyIds.get(dataKey);
  if (id === undefined) {
    id = createHash('sha256').update('pehchan/data-key-id/v1').update(dataKey).digest('hex').slice(0, 16);
    keyIds.set(dataKey, id);
  }
  return id;
}

/** AES-256-GCM under the user's data key, as the `{v, kid, iv, ct, tag}` envelope stored in a JSON column. */
export function encryptField(dataKey: Buffer, value: string | Buffer, context: FieldContext): Envelope {
  const plaintext = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return toEnvelope(dataKeyId(dataKey), seal(dataKey, plaintext, fieldAad(context)));
}

/** Throws `CryptoError` when the envelope is malformed, tampered with, under another key, or from another place. */
export function decryptField(dataKey: Buffer, envelope: Envelope, context: FieldContext): Buffer {
  const parsed = parseEnvelope(envelope);
  if (parsed.kid !== dataKeyId(dataKey)) {
    throw new CryptoError('unknown_key', 'Value was encrypted under a different data key');
  }
  return open(dataKey, parsed.sealed, fieldAad(context));
}

export function decryptFieldString(dataKey: Buffer, envelope: Envelope, context: FieldContext): string {
  return decryptField(dataKey, envelope, context).toString('utf8');
}

const BYTES_VERSION = 1;
const BYTES_HEADER = 1 + IV_BYTES + TAG_BYTES;

/** Compact form for large values (documents in `bytea`): version byte, IV, tag, then ciphertext. */
export function encryptBytes(dataKey: Buffer, value: Buffer, context: FieldContext): Buffer {
  const { iv, ct, tag } = seal(dataKey, value, fieldAad(context));
  return Buffer.concat([Buffer.of(BYTES_VERSION), iv, tag, ct]);
}

export function decryptBytes(dataKey: Buffer, blob: Buffer, context: FieldContext): Buffer {
  if (blob.length < BYTES_HEADER || blob[0] !== BYTES_VERSION) {
    throw new CryptoError('malformed_envelope', 'Value is not an encrypted blob');
  }
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, BYTES_HEADER);
  return open(dataKey, { iv, tag, ct: blob.subarray(BYTES_HEADER) }, fieldAad(context));
}
