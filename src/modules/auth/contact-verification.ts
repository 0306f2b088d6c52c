import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { conflict, notFound, rateLimited } from '../../lib/errors.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { MessageService } from '../mail/service.js';
import { createAccountRepository } from './account-repository.js';
import { tokenRefused } from './account-tokens.js';
import type { AccountTokens } from './account-tokens.js';

export const EMAIL_VERIFICATION_TTL_SECONDS = 24 * 3600;
export const MOBILE_OTP_TTL_SECONDS = 5 * 60;
export const MOBILE_OTP_ATTEMPTS = 3;
export const MOBILE_OTP_RESEND_SECONDS = 30;

const OTP_FORMAT = /^\d{6}$/;

/**
 * Proves the account holder controls the email (a link) and the mobile number (a 6-digit code)
 * given at registration. What is recorded is the verified value itself, so a changed email or
 * number is unverified again without anyone having to remember to reset a flag.
 */
export class ContactVerificationService {
  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly limiter: RateLimiter,
    private readonly tokens: AccountTokens,
    private readonly messages: MessageService,
  ) {}

  /** The verification mail sent at registration. */
  async onRegistered(userId: string): Promise<void> {
    const account = await this.account(userId);
    await this.sendEmailLink(userId, account.email);
  }

  async requestEmailVerification(userId: string): Promise<void> {
    const account = await this.account(userId);
    if (account.verifiedEmail === account.email)
      throw conflict('already_verified', 'Your email address is already verified');
    await this.limitPerAccount('email', userId);
    await this.sendEmailLink(userId, account.email);
  }

  /** The link's token; no sign-in needed (the link may be opened on another device). */
  async verifyEmail(token: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.tokens.redeem(tx, 'email_verification', token);
      // A link sent to a previous address verifies nothing.
      if (!row.target || !(await createAccountRepository(tx).markEmailVerified(row.userId, row.target)))
        throw tokenRefused(
          '/token',
          'token_invalid',
          'was sent to an address that is no longer the account’s',
        );
    });
  }

  async requestMobileOtp(userId: string): Promise<{ expiresAt: string; resendAfterSeconds: number }> {
    const account = await this.account(userId);
    if (account.verifiedMobile === account.mobileNo)
      throw conflict('already_verified', 'Your mobile number is already verified');
    const previous = await createAccountRepository(this.db).latestToken(userId, 'mobile_otp');
    if (previous) {
      const waitSeconds = MOBILE_OTP_RESEND_SECONDS - (Date.now() - previous.createdAt.getTime()) / 1000;
      if (waitSeconds > 0) throw rateLimited(waitSeconds);
    }
    await this.limitPerAccount('mobile', userId);
    const messageId = await this.db.transaction(async (tx) => {
      const code = await this.tokens.issueCode(tx, {
        userId,
        target: account.mobileNo,
        ttlSeconds: MOBILE_OTP_TTL_SECONDS,
      });
      return this.messages.queueSms(tx, {
        userId,
        to: account.mobileNo,
        template: 'mobile_otp',
        vars: { code, validForSeconds: MOBILE_OTP_TTL_SECONDS },
      });
    });
    await this.messages.deliverSoon(messageId);
    return {
      expiresAt: new Date(Date.now() + MOBILE_OTP_TTL_SECONDS * 1000).toISOString(),
      resendAfterSeconds: MOBILE_OTP_RESEND_SECONDS,
    };
  }

  async verifyMobile(userId: string, code: string): Promise<void> {
    if (!OTP_FORMAT.test(code))
      throw tokenRefused('/code', 'invalid_format', 'must be the 6 digits sent by SMS');
    const account = await this.account(userId);
    const repository = createAccountRepository(this.db);
    const row = await repository.latestToken(userId, 'mobile_otp');
    if (!row || row.usedAt || row.target !== account.mobileNo)
      throw tokenRefused('/code', 'otp_not_requested', 'no code is waiting; ask for one first');
    if (row.expiresAt.getTime() <= Date.now())
      throw tokenRefused('/code', 'otp_expired', 'has expired; ask for a new code');
    // The guess is counted before it is checked, so parallel guesses cannot exceed the limit.
    const attempts = await repository.countAttempt(row.id, MOBILE_OTP_ATTEMPTS);
    if (attempts === undefined)
      throw tokenRefused('/code', 'otp_attempts_exceeded', 'too many wrong codes; ask for a new one');
    if (!this.tokens.codeMatches(row, code)) {
      const left = MOBILE_OTP_ATTEMPTS - attempts;
      throw tokenRefused(
        '/code',
        left > 0 ? 'otp_invalid' : 'otp_attempts_exceeded',
        left > 0
          ? `is not the code sent; ${left} attempt(s) left`
          : 'too many wrong codes; ask for a new one',
      );
    }
    await this.db.transaction(async (tx) => {
      const accounts = createAccountRepository(tx);
      if (!(await accounts.consumeToken(row.id)))
        throw tokenRefused('/code', 'otp_not_requested', 'no code is waiting; ask for one first');
      if (!(await accounts.markMobileVerified(userId, row.target!)))
        throw tokenRefused('/code', 'otp_not_requested', 'the code was sent to another number');
    });
  }

  private async account(userId: string) {
    const account = await createAccountRepository(this.db).findAccount(userId);
    if (!account) throw notFound('User');
    return account;
  }

  private async limitPerAccount(channel: 'email' | 'mobile', userId: string) {
    await this.limiter.consume({
      key: `recovery:verify-${channel}:${userId}`,
      limit: this.config.accounts.recoveryPerAccountPerHour,
      windowSeconds: 3600,
    });
  }

  private async sendEmailLink(userId: string, email: string): Promise<void> {
    const messageId = await this.db.transaction(async (tx) => {
      const token = await this.tokens.issue(tx, {
        userId,
        purpose: 'email_verification',
        target: email,
        ttlSeconds: EMAIL_VERIFICATION_TTL_SECONDS,
      });
      return this.messages.queueEmail(tx, {
        userId,
        to: email,
        template: 'email_verification',
        vars: {
          link: `${this.config.messaging.publicUrl}/onboard/verify-email#token=${token}`,
          validForSeconds: EMAIL_VERIFICATION_TTL_SECONDS,
        },
      });
    });
    await this.messages.deliverSoon(messageId);
  }
}
