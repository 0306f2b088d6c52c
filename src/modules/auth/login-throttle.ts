import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { rateLimited } from '../../lib/errors.js';
import { throttleAddress } from '../../plugins/rate-limit.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';

/** What the caller reports once the password has been checked, or that it could not be checked. */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
  /** The password was never checked (hashing refused, database down): the attempt gives its counts back. */
  abandoned(): Promise<void>;
}

/**
 * Login brute-force throttling (docs/security.md, "Login throttling"):
 * - every client address may try the same account `loginFailuresPerAddress` times per window; another
 *   address's failures never block it;
 * - past `loginFailuresPerAccount` failures on the account from all addresses together (a distributed
 *   attack), only an address that has not failed on this account within the account window gets a try,
 *   and one try only: the owner from a clean address still gets in, each attacking address gets one
 *   guess per account window.
 * A refused attempt is answered before the password is looked at, with the same 429 whatever the
 * password, so the throttle is no password oracle. Counters are keyed by the email as typed (hashed),
 * so unknown and known accounts behave alike.
 */
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: Config['rateLimits'],
  ) {}

  /** Throws 429 when this attempt may not check a password; otherwise the caller reports its outcome. */
  async admit(email: string, ip: string): Promise<LoginAttempt> {
    const account = createHash('sha256').update(email).digest('hex');
    const address = throttleAddress(ip);
    const pairKey = `login:fail:${account}:${address}`;
    const accountKey = `login:fail:${account}`;
    /** Set by a failure, kept for the account window: this address is not clean for this account. */
    const failedHereKey = `login:failed:${account}:${address}`;
    const { loginFailuresPerAddress, loginFailureWindowSeconds } = this.limits;
    const { loginFailuresPerAccount, accountFailureWindowSeconds } = this.limits;

    // Both counts are taken before the password is checked, atomically, so concurrent guesses cannot
    // slip past a limit; a success gives its count back.
    const pair = await this.limiter.count(pairKey, loginFailureWindowSeconds);
    if (pair && pair.count > loginFailuresPerAddress) {
      throw rateLimited(pair.resetSeconds || loginFailureWindowSeconds);
    }
    const accountWide = await this.limiter.count(accountKey, accountFailureWindowSeconds);
    if (accountWide && accountWide.count > loginFailuresPerAccount) {
      // The first attempt of this pair's window, from an address without a failure in the account window.
      const clean = pair?.count === 1 && (await this.limiter.peek(failedHereKey)) === 0;
      if (!clean) {
        await this.limiter.giveBack(accountKey);
        throw rateLimited(accountWide.resetSeconds || accountFailureWindowSeconds);
      }
    }
    return {
      failed: async () => {
        await this.limiter.count(failedHereKey, accountFailureWindowSeconds);
      },
      // Whoever got in knows the password: this address is clean again, and a success is no failure.
      succeeded: async () => {
        await Promise.all([
          this.limiter.reset(pairKey),
          this.limiter.reset(failedHereKey),
          this.limiter.giveBack(accountKey),
        ]);
      },
      // Otherwise customers retrying through a busy moment would lock themselves out.
      abandoned: async () => {
        await Promise.all([this.limiter.giveBack(pairKey), this.limiter.giveBack(accountKey)]);
      },
    };
  }
}
