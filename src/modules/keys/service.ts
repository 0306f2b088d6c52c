import type { Database, Executor } from '../../db/client.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { CryptoError } from '../../lib/crypto/index.js';
import { AppError } from '../../lib/errors.js';
import { createUserKeyRepository } from './repository.js';

/** A user's data key is gone (erased) or unreadable under the configured secrets. */
const keyUnavailable = (cause: unknown) =>
  new AppError(500, 'internal_error', 'Encrypted data cannot be read', { cause });

/** Per-user data keys (envelope encryption): created on first write, unwrapped on read. */
export class UserKeyService {
  constructor(
    private readonly db: Database,
    readonly keyRing: KeyRing,
  ) {}

  /** The user's data key, creating it on first use (inside the caller's transaction). */
  async getOrCreate(executor: Executor, userId: string): Promise<Buffer> {
    const repository = createUserKeyRepository(executor);
    const existing = await repository.find(userId);
    if (existing) return this.unwrap(userId, existing);
    const fresh = this.keyRing.newDataKey(userId);
    const stored = await repository.insertOrGet(userId, fresh.wrapped);
    return stored === fresh.wrapped ? fresh.key : this.unwrap(userId, stored);
  }

  /** The user's data key, or undefined when the user has none (nothing encrypted yet, or erased). */
  async find(executor: Executor, userId: string): Promise<Buffer | undefined> {
    const wrapped = await createUserKeyRepository(executor).find(userId);
    return wrapped ? this.unwrap(userId, wrapped) : undefined;
  }

  /** Crypto-erasure (DPDP): without the data key, every value encrypted under it is unreadable. */
  async erase(userId: string): Promise<void> {
    await createUserKeyRepository(this.db).delete(userId);
  }

  /** Re-wraps every data key made under an older secret; returns how many were re-wrapped. */
  async rewrapAll(pageSize = 500): Promise<{ checked: number; rewrapped: number }> {
    const repository = createUserKeyRepository(this.db);
    let checked = 0;
    let rewrapped = 0;
    let after: string | undefined;
    for (;;) {
      const page = await repository.page(after, pageSize);
      if (page.length === 0) break;
      for (const row of page) {
        checked++;
        if (this.keyRing.needsRewrap(row.wrappedKey)) {
          await repository.update(row.userId, this.keyRing.rewrap(row.userId, row.wrappedKey));
          rewrapped++;
        }
      }
      after = page.at(-1)!.userId;
    }
    return { checked, rewrapped };
  }

  private unwrap(userId: string, wrapped: string): Buffer {
    try {
      return this.keyRing.unwrapDataKey(userId, wrapped);
    } catch (error) {
      if (error instanceof CryptoError) throw keyUnavailable(error);
      throw error;
    }
  }
}
