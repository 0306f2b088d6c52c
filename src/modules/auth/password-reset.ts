import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import { throttleAddress } from '../../plugins/rate-limit.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { MessageService } from '../mail/service.js';
import { validateEmail } from '../profile/validators.js';
import { createAccountRepository } from './account-repository.js';
import { tokenRefused } from './account-tokens.js';
import type { AccountTokens } from './account-tokens.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { createAuthRepository } from './repository.js';
import type { ClientContext } from './service.js';

export const PASSWORD_RESET_TTL_SECONDS = 30 * 60;

export interface NewPasswordBody {
  token: string;
  password: string;
  confirmedPassword: string;
}

/** The password policy's answer for a new password, with the confirmation; throws 400 naming the fields. */
export function checkNewPassword(body: NewPasswordBody, context: { email: string; mobileNo?: string }) {
  const errors: FieldError[] = [];
  const problem = passwordProblem(body.password, context);
  if (problem) errors.push({ field: '/password', ...problem });
  if (body.password !== body.confirmedPassword)
    errors.push({ field: '/confirmedPassword', code: 'password_mismatch', message: 'must match password' });
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * Forgotten passwords. The request answers the same for every email, known or not, before anything
 * about the account is looked up: the lookup, token and mail happen after the answer, so neither
 * the answer nor its timing says whether the account exists.
 */
export class PasswordResetService {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly limiter: RateLimiter,
    private readonly tokens: AccountTokens,
    private readonly messages: MessageService,
    private readonly logger: FastifyBaseLogger,
  ) {}

  async forgot(rawEmail: string, client: ClientContext): Promise<void> {
    await this.limiter.consume({
      key: `recovery:ip:${throttleAddress(client.ip)}`,
      limit: this.config.accounts.recoveryPerIpPerHour,
      windowSeconds: 3600,
    });
    const checked = validateEmail(rawEmail);
    if (!checked.ok)
      throw validationFailed([{ field: '/email', code: checked.code, message: checked.message }]);
    // Keyed by the address as typed (hashed), so known and unknown accounts are limited alike.
    await this.limiter.consume({
      key: `recovery:reset:${createHash('sha256').update(checked.value).digest('hex')}`,
      limit: this.config.accounts.recoveryPerAccountPerHour,
      windowSeconds: 3600,
    });
    const work = this.sendResetMail(checked.value, client)
      .catch((error: unknown) => this.logger.error({ err: error }, 'password reset mail could not be queued'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  async reset(body: NewPasswordBody, client: ClientContext): Promise<void> {
    await this.limiter.consume({
      key: `recovery:ip:${throttleAddress(client.ip)}`,
      limit: this.config.accounts.recoveryPerIpPerHour,
      windowSeconds: 3600,
    });
    // The password is checked before the token is used, so a refused password does not burn the link.
    const row = await this.tokens.check(this.db, 'password_reset', body.token);
    const account = await createAccountRepository(this.db).findAccount(row.userId);
    if (!account || account.status !== 'active')
      throw tokenRefused('/token', 'token_invalid', 'is not a valid link token');
    checkNewPassword(body, { email: account.email, mobileNo: account.mobileNo || undefined });
    const passwordHash = await hashPassword(body.password);
    await this.db.transaction(async (tx) => {
      await this.tokens.redeem(tx, 'password_reset', body.token);
      const auth = createAuthRepository(tx);
      await auth.updatePasswordHash(account.id, passwordHash);
      await auth.revokeAllSessions(account.id, 'password_reset');
      // The link reached the inbox: the address is the holder's.
      if (row.target === account.email)
        await createAccountRepository(tx).markEmailVerified(account.id, account.email);
      await auth.recordEvent({ userId: account.id, event: 'password_reset', ...client });
    });
  }

  /** Waits for mails still being queued (at shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async sendResetMail(email: string, client: ClientContext): Promise<void> {
    const user = await createAuthRepository(this.db).findUserByEmail(email);
    if (!user || user.status !== 'active') return;
    const messageId = await this.db.transaction(async (tx) => {
      const token = await this.tokens.issue(tx, {
        userId: user.id,
        purpose: 'password_reset',
        target: email,
        ttlSeconds: PASSWORD_RESET_TTL_SECONDS,
      });
      const page = user.role === 'customer' ? 'onboard' : 'console';
      const id = await this.messages.queueEmail(tx, {
        userId: user.id,
        to: email,
        template: 'password_reset',
        vars: {
          link: `${this.config.messaging.publicUrl}/${page}/reset-password#token=${token}`,
          validForSeconds: PASSWORD_RESET_TTL_SECONDS,
        },
      });
      await createAuthRepository(tx).recordEvent({
        userId: user.id,
        event: 'password_reset_requested',
        ...client,
      });
      return id;
    });
    await this.messages.deliverSoon(messageId);
  }
}
