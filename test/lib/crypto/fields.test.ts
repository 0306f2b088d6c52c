import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  dataKeyId,
  decryptBytes,
  decryptField,
  decryptFieldString,
  encryptBytes,
  encryptField,
} from '../../../src/lib/crypto/index.js';
import type { Envelope, FieldContext } from '../../../src/lib/crypto/index.js';

const key = randomBytes(32);
const context: FieldContext = { table: 'bank_accounts', column: 'account_number', userId: 'user-1' };

function cryptoCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CryptoError) return error.code;
    throw error;
  }
  return undefined;
}

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x80;
  return bytes.toString('base64');
}

describe('encryptField / decryptField', () => {
  it('round-trips strings and buffers', () => {
    const envelope = encryptField(key, '123456789012', context);
    expect(decryptFieldString(key, envelope, context)).toBe('123456789012');
    const bytes = randomBytes(100);
    expect(decryptField(key, encryptField(key, bytes, context), context).equals(bytes)).toBe(true);
    expect(decryptFieldString(key, encryptField(key, '', context), context)).toBe('');
    expect(decryptFieldString(key, encryptField(key, 'नमस्ते', context), context)).toBe('नमस्ते');
  });

  it('stores {v, kid, iv, ct, tag} with a fresh 12-byte IV and a 16-byte tag', () => {
    const a = encryptField(key, 'same', context);
    const b = encryptField(key, 'same', context);
    expect(Object.keys(a).sort()).toEqual(['ct', 'iv', 'kid', 'tag', 'v']);
    expect(a.v).toBe(1);
    expect(a.kid).toBe(dataKeyId(key));
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('same');
  });

  it.each(['ct', 'tag', 'iv'] as const)('fails when %s is tampered with', (part) => {
    const envelope = encryptField(key, 'ABCPE1234F', context);
    const tampered: Envelope = { ...envelope, [part]: flipFirstByte(envelope[part]) };
    expect(cryptoCode(() => decryptField(key, tampered, context))).toBe('decryption_failed');
  });

  it('fails when truncated or malformed', () => {
    const envelope = encryptField(key, 'ABCPE1234F', context);
    expect(cryptoCode(() => decryptField(key, { ...envelope, tag: envelope.tag.slice(0, 8) }, context))).toBe(
      'malformed_envelope',
    );
    expect(cryptoCode(() => decryptField(key, { ...envelope, iv: '' }, context))).toBe('malformed_envelope');
    expect(cryptoCode(() => decryptField(key, { ...envelope, v: 2 } as unknown as Envelope, context))).toBe(
      'malformed_envelope',
    );
    expect(cryptoCode(() => decryptField(key, null as unknown as Envelope, context))).toBe(
      'malformed_envelope',
    );
    expect(cryptoCode(() => decryptField(key, { ...envelope, ct: '!!' }, context))).toBe(
      'malformed_envelope',
    );
  });

  it.each([
    ['another user', { ...context, userId: 'user-2' }],
    ['another column', { ...context, column: 'ifsc' }],
    ['another table', { ...context, table: 'demat_accounts' }],
  ])('fails when moved to %s', (_label, elsewhere) => {
    const envelope = encryptField(key, '123456789012', context);
    expect(cryptoCode(() => decryptField(key, envelope, elsewhere))).toBe('decryption_failed');
  });

  it('does not confuse context parts that concatenate alike', () => {
    const envelope = encryptField(key, 'x', { table: 'ab', column: 'c', userId: 'u' });
    expect(cryptoCode(() => decryptField(key, envelope, { table: 'a', column: 'bc', userId: 'u' }))).toBe(
      'decryption_failed',
    );
  });

  it('fails under another data key (e.g. after the user’s key was erased and replaced)', () => {
    const envelope = encryptField(key, '123456789012', context);
    const otherKey = randomBytes(32);
    expect(cryptoCode(() => decryptField(otherKey, envelope, context))).toBe('unknown_key');
    const relabelled = { ...envelope, kid: dataKeyId(otherKey) };
    expect(cryptoCode(() => decryptField(otherKey, relabelled, context))).toBe('decryption_failed');
  });
});

describe('encryptBytes / decryptBytes', () => {
  const docContext: FieldContext = { table: 'documents', column: 'content', userId: 'user-1' };

  it('round-trips a large blob in the compact form', () => {
    const blob = randomBytes(1024 * 1024);
    const sealed = encryptBytes(key, blob, docContext);
    expect(sealed[0]).toBe(1);
    expect(sealed).toHaveLength(1 + 12 + 16 + blob.length);
    expect(decryptBytes(key, sealed, docContext).equals(blob)).toBe(true);
    expect(decryptBytes(key, encryptBytes(key, Buffer.alloc(0), docContext), docContext)).toHaveLength(0);
  });

  it.each([
    ['iv', 1],
    ['tag', 13],
    ['ct', 29],
  ])('fails when the %s is tampered with', (_part, offset) => {
    const sealed = encryptBytes(key, randomBytes(64), docContext);
    sealed[offset] = (sealed[offset] ?? 0) ^ 1;
    expect(cryptoCode(() => decryptBytes(key, sealed, docContext))).toBe('decryption_failed');
  });

  it('fails when moved to another user, column or table, or under another key', () => {
    const sealed = encryptBytes(key, randomBytes(64), docContext);
    for (const elsewhere of [
      { ...docContext, userId: 'user-2' },
      { ...docContext, column: 'thumbnail' },
      { ...docContext, table: 'selfies' },
    ]) {
      expect(cryptoCode(() => decryptBytes(key, sealed, elsewhere))).toBe('decryption_failed');
    }
    expect(cryptoCode(() => decryptBytes(randomBytes(32), sealed, docContext))).toBe('decryption_failed');
  });

  it('refuses blobs with an unknown version or too short to hold a header', () => {
    const sealed = encryptBytes(key, randomBytes(64), docContext);
    sealed[0] = 2;
    expect(cryptoCode(() => decryptBytes(key, sealed, docContext))).toBe('malformed_envelope');
    expect(cryptoCode(() => decryptBytes(key, Buffer.alloc(10, 1), docContext))).toBe('malformed_envelope');
  });
});
