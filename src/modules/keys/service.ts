import type { Database, Executor } from '../../db/client.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { CryptoError } from '../../lib/crypto/index.js';
import { createUserKeyRepository } from './repository.js';

/**
 * Per-user data keys (envelope encryption): created on first write, unwrapped on read. A key that cannot be unwrapped
 * throws CryptoError, which the error handler answers as a bare 500.
 */
export class UserKeyService {
  constructor(
    private readonly db: Database,
    readonly keyRing: KeyRing,
  ) {}

  /** The user's data key, creating it on first use (inside the caller's transaction). */
  async getOrCreate(executor: Executor, userId: string): Promise<Buffer> {
    const repository = createUserKeyRepository(executor);
    const existing = await repository.find(userId);
    if (existing) return this.keyRing.unwrapDataKey(userId, existing);
    const fresh = this.keyRing.newDataKey(userId);
    const stored = await repository.insertOrGet(userId, fresh.wrapped);
    return stored === fresh.wrapped ? fresh.key : this.keyRing.unwrapDataKey(userId, stored);
  }

  /** The user's data key, or undefined when the user has none (nothing encrypted yet, or erased). */
  async find(executor: Executor, userId: string): Promise<Buffer | undefined> {
    const wrapped = await createUserKeyRepository(executor).find(userId);
    return wrapped ? this.keyRing.unwrapDataKey(userId, wrapped) : undefined;
  }

  /**
   * For values written in clear by older versions: the user's data key, made now for a user who never
   * had one; undefined when it was erased, so that the erasure holds.
   */
  async forLegacyValues(executor: Executor, userId: string): Promise<Buffer | undefined> {
    const existing = await this.find(executor, userId);
    if (existing) return existing;
    if (await createUserKeyRepository(executor).hadDataKey(userId)) return undefined;
    return this.getOrCreate(executor, userId);
  }

  /** Crypto-erasure (DPDP): without the data key, every value encrypted under it is unreadable. */
  async erase(userId: string): Promise<void> {
    await createUserKeyRepository(this.db).delete(userId);
  }

  /**
   * Re-wraps every data key made under an older secret. A key no configured secret opens is counted in `failed` and
   * left as it is, so one damaged row does not stop the rotation of the others.
   */
  async rewrapAll(pageSize = 500): Promise<{ checked: number; rewrapped: number; failed: number }> {
    const repository = createUserKeyRepository(this.db);
    let checked = 0;
    let rewrapped = 0;
    let failed = 0;
    let after: string | undefined;
    for (;;) {
      const page = await repository.page(after, pageSize);
      if (page.length === 0) break;
      for (const row of page) {
        checked++;
        try {
          if (this.keyRing.needsRewrap(row.wrappedKey)) {
            await repository.update(row.userId, this.keyRing.rewrap(row.userId, row.wrappedKey));
            rewrapped++;
          }
        } catch (error) {
          if (!(error instanceof CryptoError)) throw error;
          failed++;
        }
      }
      after = page.at(-1)!.userId;
    }
    return { checked, rewrapped, failed };
  }
}
