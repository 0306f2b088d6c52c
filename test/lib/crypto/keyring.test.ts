import { describe, expect, it } from 'vitest';
import { CryptoError, KeyRing, decryptFieldString, encryptField } from '../../../src/lib/crypto/index.js';

const OLD_SECRET = 'old-secret-0123456789abcdef0123456789abcdef';
const NEW_SECRET = 'new-secret-fedcba9876543210fedcba9876543210';
const USER = '0190f5a4-0000-7000-8000-000000000001';
const OTHER_USER = '0190f5a4-0000-7000-8000-000000000002';

function cryptoCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CryptoError) return error.code;
    throw error;
  }
  return undefined;
}

describe('KeyRing data keys', () => {
  it('wraps a fresh 32-byte data key and unwraps it for the same user', () => {
    const ring = new KeyRing({ current: NEW_SECRET });
    const { wrapped, key } = ring.newDataKey(USER);
    expect(key).toHaveLength(32);
    expect(ring.unwrapDataKey(USER, wrapped).equals(key)).toBe(true);
    const stored = JSON.parse(wrapped) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['ct', 'iv', 'kid', 'tag', 'v']);
    expect(stored.kid).toBe(ring.currentKid);
    expect(wrapped).not.toContain(key.toString('base64'));
  });

  it('gives every user a different data key', () => {
    const ring = new KeyRing({ current: NEW_SECRET });
    expect(ring.newDataKey(USER).key.equals(ring.newDataKey(USER).key)).toBe(false);
  });

  it('refuses a wrapped key presented for another user', () => {
    const ring = new KeyRing({ current: NEW_SECRET });
    const { wrapped } = ring.newDataKey(USER);
    expect(cryptoCode(() => ring.unwrapDataKey(OTHER_USER, wrapped))).toBe('decryption_failed');
  });

  it('refuses a tampered wrapped key', () => {
    const ring = new KeyRing({ current: NEW_SECRET });
    const stored = JSON.parse(ring.newDataKey(USER).wrapped) as { ct: string };
    const ct = Buffer.from(stored.ct, 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    const tampered = JSON.stringify({ ...stored, ct: ct.toString('base64') });
    expect(cryptoCode(() => ring.unwrapDataKey(USER, tampered))).toBe('decryption_failed');
  });

  it('refuses values that are not wrapped keys', () => {
    const ring = new KeyRing({ current: NEW_SECRET });
    expect(cryptoCode(() => ring.unwrapDataKey(USER, 'not json'))).toBe('malformed_envelope');
    expect(cryptoCode(() => ring.unwrapDataKey(USER, '{"v":2}'))).toBe('malformed_envelope');
    expect(cryptoCode(() => ring.unwrapDataKey(USER, 'null'))).toBe('malformed_envelope');
  });

  it('cannot unwrap under a different secret', () => {
    const { wrapped } = new KeyRing({ current: OLD_SECRET }).newDataKey(USER);
    expect(cryptoCode(() => new KeyRing({ current: NEW_SECRET }).unwrapDataKey(USER, wrapped))).toBe(
      'unknown_key',
    );
  });

  it('cannot unwrap with a forged kid naming the current secret', () => {
    const { wrapped } = new KeyRing({ current: OLD_SECRET }).newDataKey(USER);
    const ring = new KeyRing({ current: NEW_SECRET });
    const forged = JSON.stringify({ ...(JSON.parse(wrapped) as object), kid: ring.currentKid });
    expect(cryptoCode(() => ring.unwrapDataKey(USER, forged))).toBe('decryption_failed');
  });

  it('rotates: old keys readable with the previous secret, rewrapped under the current, then readable without it', () => {
    const before = new KeyRing({ current: OLD_SECRET });
    const { wrapped, key } = before.newDataKey(USER);
    const context = { table: 'pan_details', column: 'pan_number', userId: USER };
    const envelope = encryptField(key, 'ABCPE1234F', context);

    const during = new KeyRing({ current: NEW_SECRET, previous: OLD_SECRET });
    expect(during.needsRewrap(wrapped)).toBe(true);
    expect(during.unwrapDataKey(USER, wrapped).equals(key)).toBe(true);
    const rewrapped = during.rewrap(USER, wrapped);
    expect(during.needsRewrap(rewrapped)).toBe(false);
    expect(JSON.parse(rewrapped)).toMatchObject({ kid: during.currentKid });

    const after = new KeyRing({ current: NEW_SECRET });
    expect(decryptFieldString(after.unwrapDataKey(USER, rewrapped), envelope, context)).toBe('ABCPE1234F');
    expect(cryptoCode(() => after.unwrapDataKey(USER, wrapped))).toBe('unknown_key');
  });

  it('records a short, secret-dependent key id', () => {
    const a = new KeyRing({ current: OLD_SECRET });
    expect(a.currentKid).toMatch(/^[0-9a-f]{8}$/);
    expect(new KeyRing({ current: OLD_SECRET }).currentKid).toBe(a.currentKid);
    expect(new KeyRing({ current: NEW_SECRET }).currentKid).not.toBe(a.currentKid);
  });

  it('refuses an empty secret', () => {
    expect(() => new KeyRing({ current: '' })).toThrow();
  });
});

describe('KeyRing blind index', () => {
  const ring = new KeyRing({ current: NEW_SECRET });

  it('is a stable hex HMAC', () => {
    const index = ring.blindIndex('pan', 'ABCPE1234F');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(new KeyRing({ current: NEW_SECRET }).blindIndex('pan', 'ABCPE1234F')).toBe(index);
  });

  it('depends on the secret, the purpose and the exact value', () => {
    const index = ring.blindIndex('pan', 'ABCPE1234F');
    expect(new KeyRing({ current: OLD_SECRET }).blindIndex('pan', 'ABCPE1234F')).not.toBe(index);
    expect(ring.blindIndex('bank_account', 'ABCPE1234F')).not.toBe(index);
    expect(ring.blindIndex('pan', 'abcpe1234f')).not.toBe(index);
  });

  it('offers the previous secret’s index during a rotation', () => {
    const old = new KeyRing({ current: OLD_SECRET });
    const during = new KeyRing({ current: NEW_SECRET, previous: OLD_SECRET });
    expect(during.blindIndexCandidates('pan', 'ABCPE1234F')).toEqual([
      ring.blindIndex('pan', 'ABCPE1234F'),
      old.blindIndex('pan', 'ABCPE1234F'),
    ]);
    expect(ring.blindIndexCandidates('pan', 'ABCPE1234F')).toHaveLength(1);
  });

  it('refuses an empty purpose', () => {
    expect(() => ring.blindIndex('', 'x')).toThrow();
  });
});

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('KeyRing signed URL tokens', () => {
  const ring = new KeyRing({ current: NEW_SECRET });
  const now = 1_750_000_000;
  const resource = '/v1/documents/0190f5a4-0000-7000-8000-00000000000a';

  it('verifies before expiry', () => {
    const token = ring.signUrlToken(resource, now + 300);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ring.verifyUrlToken(resource, String(now + 300), token, now)).toBe(true);
    expect(ring.verifyUrlToken(resource, String(now + 300), token, now + 299)).toBe(true);
  });

  it('fails at and after expiry', () => {
    const token = ring.signUrlToken(resource, now + 300);
    expect(ring.verifyUrlToken(resource, String(now + 300), token, now + 300)).toBe(false);
    expect(ring.verifyUrlToken(resource, String(now + 300), token, now + 10_000)).toBe(false);
  });

  it('fails when the expiry, resource or token is changed', () => {
    const token = ring.signUrlToken(resource, now + 300);
    expect(ring.verifyUrlToken(resource, String(now + 301), token, now)).toBe(false);
    expect(ring.verifyUrlToken(`${resource}x`, String(now + 300), token, now)).toBe(false);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(ring.verifyUrlToken(resource, String(now + 300), flipped, now)).toBe(false);
    expect(ring.verifyUrlToken(resource, String(now + 300), '', now)).toBe(false);
    expect(ring.verifyUrlToken(resource, 'NaN', token, now)).toBe(false);
  });

  it('accepts only the spelling it signed: canonical expiry, unpadded base64url', () => {
    const token = ring.signUrlToken(resource, now + 300);
    const expires = String(now + 300);
    const standardBase64 = Buffer.from(token, 'base64url').toString('base64');
    // The last character carries two unused bits: three other characters decode to the same bytes.
    const lastIndex = ALPHABET.indexOf(token.at(-1)!);
    const sameBytes = ALPHABET[lastIndex ^ 1]!;
    for (const spelling of [
      `${token}=`,
      `${token}!!`,
      `${token} `,
      standardBase64,
      `${token.slice(0, -1)}${sameBytes}`,
    ])
      expect(ring.verifyUrlToken(resource, expires, spelling, now), spelling).toBe(false);
    for (const expiry of [`0${expires}`, `+${expires}`, `${expires}.0`, ` ${expires}`, `${expires}e0`])
      expect(ring.verifyUrlToken(resource, expiry, token, now), expiry).toBe(false);
  });

  it('fails under another secret, and keeps previous-secret tokens valid during a rotation', () => {
    const oldToken = new KeyRing({ current: OLD_SECRET }).signUrlToken(resource, now + 300);
    expect(ring.verifyUrlToken(resource, String(now + 300), oldToken, now)).toBe(false);
    const during = new KeyRing({ current: NEW_SECRET, previous: OLD_SECRET });
    expect(during.verifyUrlToken(resource, String(now + 300), oldToken, now)).toBe(true);
  });
});
