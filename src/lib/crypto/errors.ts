export type CryptoErrorCode =
  /** The value is not an envelope or wrapped key this code produced. */
  | 'malformed_envelope'
  /** The envelope names a secret (`kid`) or data key that is not configured. */
  | 'unknown_key'
  /** Authentication failed: wrong key, tampered bytes, or additional data (user, table, column) that differs. */
  | 'decryption_failed';

/**
 * A stored value could not be decrypted. Never an `AppError`: it means server-side data or configuration is wrong,
 * so the error handler answers 500 and nothing about the value reaches the client.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CryptoError';
    this.code = code;
  }
}
