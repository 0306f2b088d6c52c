import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import type { AccountTokenPurpose } from '../../db/schema/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { createAccountRepository } from './account-repository.js';
import type { AccountTokenRow } from './account-repository.js';

const PREFIX: Record<Exclude<AccountTokenPurpose, 'mobile_otp'>, string> = {
  password_reset: 'pr_',
  email_verification: 'ev_',
  staff_invite: 'si_',
};
const TOKEN_FORMAT = /^(pr|ev|si)_[A-Za-z0-9_-]{43}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const tokenRefused = (field: string, code: string, message: string) =>
  validationFailed([{ field, code, message }]);
const invalidToken = () =>
  tokenRefused(
    '/token',
    'token_invalid',
    'is not a valid link token (already used, replaced by a newer one, or never issued)',
  );

/**
 * Single-use secrets sent by mail or SMS. Link tokens carry 256 random bits and are stored as their
 * SHA-256; a 6-digit code has too few bits for a plain hash, so it is stored as an HMAC under a key
 * derived from KYC_SECRET, bound to its row.
 */
export class AccountTokens {
  constructor(private readonly keyRing: KeyRing) {}

  /** Issues a link token (earlier ones of the purpose stop working); returns the token to send. */
  async issue(
    executor: Executor,
    values: {
      userId: string;
      purpose: Exclude<AccountTokenPurpose, 'mobile_otp'>;
      target: string | null;
      ttlSeconds: number;
    },
  ): Promise<string> {
    const token = `${PREFIX[values.purpose]}${randomBytes(32).toString('base64url')}`;
    await createAccountRepository(executor).insertToken({
      id: uuidv7(),
      userId: values.userId,
      purpose: values.purpose,
      tokenHash: sha256(token),
      target: values.target,
      expiresAt: new Date(Date.now() + values.ttlSeconds * 1000),
    });
    return token;
  }

  /** A live link token's row, without using it: a 400 naming `/token` when it is unknown, used, superseded or expired. */
  async check(
    executor: Executor,
    purpose: Exclude<AccountTokenPurpose, 'mobile_otp'>,
    token: string,
  ): Promise<AccountTokenRow> {
    if (!TOKEN_FORMAT.test(token) || !token.startsWith(PREFIX[purpose])) throw invalidToken();
    const row = await createAccountRepository(executor).findToken(sha256(token), purpose);
    if (!row || row.usedAt) throw invalidToken();
    if (row.expiresAt.getTime() <= Date.now())
      throw tokenRefused('/token', 'token_expired', 'has expired; ask for a new link');
    return row;
  }

  /** Uses a link token, inside the caller's transaction; a concurrent use makes it invalid here. */
  async redeem(
    executor: Executor,
    purpose: Exclude<AccountTokenPurpose, 'mobile_otp'>,
    token: string,
  ): Promise<AccountTokenRow> {
    const row = await this.check(executor, purpose, token);
    if (!(await createAccountRepository(executor).consumeToken(row.id))) throw invalidToken();
    return row;
  }

  /** Issues a 6-digit code (earlier ones stop working); returns the code to send. */
  async issueCode(
    executor: Executor,
    values: { userId: string; target: string; ttlSeconds: number },
  ): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = uuidv7();
    await createAccountRepository(executor).insertToken({
      id,
      userId: values.userId,
      purpose: 'mobile_otp',
      tokenHash: this.codeHash(id, code),
      target: values.target,
      expiresAt: new Date(Date.now() + values.ttlSeconds * 1000),
    });
    return code;
  }

  codeMatches(row: AccountTokenRow, code: string): boolean {
    return timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(this.codeHash(row.id, code)));
  }

  private codeHash(id: string, code: string): string {
    return this.keyRing.blindIndex('mobile-otp', `${id}:${code}`);
  }
}
