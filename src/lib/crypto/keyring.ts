import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { additionalData, KEY_BYTES, open, parseEnvelope, seal, toEnvelope } from './aead.js';
import { CryptoError } from './errors.js';

// Fixed salt: the secret is already high-entropy; the salt only separates Pehchan's derivations from other uses.
const HKDF_SALT = 'pehchan/kyc-secret/v1';
const INFO = {
  kid: 'pehchan/key-id/v1',
  dataKeyWrap: 'pehchan/data-key-wrap/v1',
  blindIndex: 'pehchan/blind-index/v1',
  signedUrl: 'pehchan/signed-url/v1',
} as const;

interface DerivedKeys {
  kid: string;
  wrap: Buffer;
  blindIndex: Buffer;
  signedUrl: Buffer;
}

function derive(secret: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, info, length));
}

function deriveKeys(secret: string): DerivedKeys {
  if (secret.length === 0) throw new Error('KYC secret must not be empty');
  return {
    // A fingerprint derived like the keys (not a plain hash), so stored values say which secret wrapped them.
    kid: derive(secret, INFO.kid, 4).toString('hex'),
    wrap: derive(secret, INFO.dataKeyWrap, KEY_BYTES),
    blindIndex: derive(secret, INFO.blindIndex, KEY_BYTES),
    signedUrl: derive(secret, INFO.signedUrl, KEY_BYTES),
  };
}

/** Seconds since the epoch as `signUrlToken`'s callers write them: no sign, no leading zero, 12 digits at most. */
const CANONICAL_EPOCH = /^[1-9][0-9]{0,11}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const dataKeyAad = (userId: string) => additionalData(['pehchan/data-key', 1, userId]);

export interface KeyRingSecrets {
  /** `KYC_SECRET`: wraps new data keys, computes blind indexes and signs URLs. */
  current: string;
  /** `KYC_SECRET_PREVIOUS`: only read, so values wrapped before a rotation stay readable until re-wrapped. */
  previous?: string | undefined;
}

export interface NewDataKey {
  /** Store this next to the user's data (JSON text of `{v, kid, iv, ct, tag}`). */
  wrapped: string;
  /** Use it for `encryptField`/`encryptBytes`; never store or log it. */
  key: Buffer;
}

/**
 * Every key Pehchan derives from `KYC_SECRET`: the key-encryption key that wraps per-user data keys (envelope
 * encryption), the blind-index key and the signed-URL key, each from its own HKDF label.
 */
export class KeyRing {
  readonly #current: DerivedKeys;
  readonly #previous: DerivedKeys | undefined;

  constructor(secrets: KeyRingSecrets) {
    this.#current = deriveKeys(secrets.current);
    this.#previous =
      secrets.previous !== undefined && secrets.previous !== secrets.current
        ? deriveKeys(secrets.previous)
        : undefined;
  }

  /** Fingerprint of the current secret, recorded in every wrapped key. */
  get currentKid(): string {
    return this.#current.kid;
  }

  newDataKey(userId: string): NewDataKey {
    const key = randomBytes(KEY_BYTES);
    return { wrapped: this.#wrap(userId, key), key };
  }

  /** Throws `CryptoError` when the wrapped key belongs to another user, was tampered with, or its secret is gone. */
  unwrapDataKey(userId: string, wrapped: string): Buffer {
    const envelope = parseEnvelope(parseJson(wrapped));
    const keys = this.#keysFor(envelope.kid);
    const key = open(keys.wrap, envelope.sealed, dataKeyAad(userId));
    if (key.length !== KEY_BYTES)
      throw new CryptoError('malformed_envelope', 'Wrapped value is not a data key');
    return key;
  }

  /** True when the key was wrapped under a secret other than the current one (a rotation is under way). */
  needsRewrap(wrapped: string): boolean {
    return parseEnvelope(parseJson(wrapped)).kid !== this.#current.kid;
  }

  /** Re-wraps a data key under the current secret; the data key itself, and so every value it encrypts, is unchanged. */
  rewrap(userId: string, wrapped: string): string {
    return this.#wrap(userId, this.unwrapDataKey(userId, wrapped));
  }

  /**
   * Hex HMAC-SHA256 of `value` for equality lookups and unique indexes (e.g. one PAN per account) without decrypting.
   * Callers normalise `value` first; `purpose` keeps indexes of different fields unrelated.
   */
  blindIndex(purpose: string, value: string): string {
    return computeBlindIndex(this.#current.blindIndex, purpose, value);
  }

  /** The current index first, then the one under the previous secret: look up with all of them during a rotation. */
  blindIndexCandidates(purpose: string, value: string): string[] {
    const candidates = [this.blindIndex(purpose, value)];
    if (this.#previous) candidates.push(computeBlindIndex(this.#previous.blindIndex, purpose, value));
    return candidates;
  }

  /** Token for a link to `resource` that works without a bearer header until `expiresAtEpochSeconds`. */
  signUrlToken(resource: string, expiresAtEpochSeconds: number): string {
    return urlMac(this.#current.signedUrl, resource, expiresAtEpochSeconds).toString('base64url');
  }

  /**
   * Constant-time check; tokens signed under the previous secret stay valid until they expire. Both parts are
   * read strictly, as `signUrlToken` writes them: a canonical decimal expiry and unpadded base64url, so no second
   * spelling of a link verifies.
   */
  verifyUrlToken(
    resource: string,
    expires: string,
    token: string,
    nowEpochSeconds = Math.floor(Date.now() / 1000),
  ): boolean {
    if (!CANONICAL_EPOCH.test(expires) || Number(expires) <= nowEpochSeconds) return false;
    if (!BASE64URL.test(token)) return false;
    const given = Buffer.from(token, 'base64url');
    // Unused low bits in the last character would otherwise give each token several spellings.
    if (given.toString('base64url') !== token) return false;
    const expiresAtEpochSeconds = Number(expires);
    let valid = false;
    // Every configured secret is tried, so timing does not reveal which one matched.
    for (const keys of [this.#current, this.#previous]) {
      if (!keys) continue;
      const expected = urlMac(keys.signedUrl, resource, expiresAtEpochSeconds);
      if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
    }
    return valid;
  }

  #wrap(userId: string, key: Buffer): string {
    return JSON.stringify(toEnvelope(this.#current.kid, seal(this.#current.wrap, key, dataKeyAad(userId))));
  }

  #keysFor(kid: string): DerivedKeys {
    if (kid === this.#current.kid) return this.#current;
    if (kid === this.#previous?.kid) return this.#previous;
    throw new CryptoError('unknown_key', `No configured KYC secret has key id ${kid}`);
  }
}

function computeBlindIndex(key: Buffer, purpose: string, value: string): string {
  if (purpose === '') throw new Error('Blind index purpose must not be empty');
  return createHmac('sha256', key)
    .update(JSON.stringify([purpose, value]), 'utf8')
    .digest('hex');
}

function urlMac(key: Buffer, resource: string, expiresAtEpochSeconds: number): Buffer {
  return createHmac('sha256', key)
    .update(JSON.stringify(['url', resource, expiresAtEpochSeconds]), 'utf8')
    .digest();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CryptoError('malformed_envelope', 'Wrapped key is not JSON', { cause });
  }
}
