import { createHash, createSecretKey, randomBytes, webcrypto } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { Config } from '../../config.js';
import type { Database, Executor } from '../../db/client.js';
import type { UserRole } from '../../db/schema/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { isUniqueViolation } from '../../db/client.js';
import { AppError, conflict, forbidden, validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import { throttleAddress } from '../../plugins/rate-limit.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import { sealNewUser } from './new-user.js';
import { createAuthRepository } from './repository.js';
import type { AuthRepository } from './repository.js';
import type { ActiveSession } from './repository.js';
import type { SessionCache } from './session-cache.js';
import { validateEmail, validateMobile } from '../profile/validators.js';
import { signHs256 } from './hs256.js';
import { LoginThrottle } from './login-throttle.js';
import { cookieSettings } from './session-cookie.js';
import type { CookieSettings } from './session-cookie.js';
import {
  hashPassword,
  isPasswordHash,
  needsRehash,
  rehashUnlessBusy,
  NO_PASSWORD_HASH,
  passwordProblem,
  verifyPassword,
} from './passwords.js';
import type { LoginBody, RegisterBody, TokenResponse } from './schemas.js';
import type { LoginResponse, MfaEnrollBody, MfaEnrollResponse, MfaVerifyBody } from './mfa-schemas.js';
import { invalidMfaCode, mfaRequired } from './mfa-service.js';
import type { SecondFactorService } from './mfa-service.js';

const ISSUER = 'pehchan';
const AUDIENCE = 'pehchan-api';
const TOKEN_TYPE = 'at+jwt';
/** Absolute session lifetime: refreshing never extends a session past this. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
// Control characters and Unicode bidi overrides make names that display differently from what is stored.
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/** How recent a step-up must be for actions that need one (a reveal of a full identity number). */
export const RECENT_SECOND_FACTOR_SECONDS = 300;

export interface ClientContext {
  ip: string;
  userAgent?: string;
}

export const invalidCredentials = () => new AppError('invalid_credentials', 'Invalid email or password');
const invalidToken = (message = 'Invalid or revoked token') => new AppError('invalid_token', message);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A refresh token is shown once; only its hash is stored. */
function newRefreshToken() {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: sha256(token) };
}

export class AuthService {
  /**
   * Imported once: jose works on WebCrypto keys, and given a KeyObject it would export and
   * re-import the secret on every verification.
   */
  private readonly verificationKey: Promise<webcrypto.CryptoKey>;
  /** Access tokens are signed with node:crypto (signHs256). */
  private readonly signingKey: KeyObject;
  private readonly repository: AuthRepository;
  private readonly loginThrottle: LoginThrottle;
  /** Verified against for unknown emails, so both login failures cost one argon2 verification. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    db: Database,
    private readonly config: Config,
    private readonly limiter: RateLimiter,
    private readonly keyRing: KeyRing,
    private readonly secondFactor: SecondFactorService,
    /** Checked tokens and their sessions, dropped on every change the database announces. */
    private readonly sessionCache: SessionCache,
    /** Runs after a registration committed (the email verification mail). */
    private readonly onRegistered: (userId: string) => Promise<void>,
  ) {
    this.verificationKey = webcrypto.subtle.importKey(
      'raw',
      Buffer.from(config.sessionSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    this.signingKey = createSecretKey(Buffer.from(config.sessionSecret));
    this.repository = createAuthRepository(db);
    this.loginThrottle = new LoginThrottle(limiter, config.rateLimits);
  }

  /** The refresh cookie's attributes (cookie session mode). */
  get refreshCookie(): CookieSettings {
    return cookieSettings(this.config, SESSION_MAX_AGE_SECONDS);
  }

  async register(body: RegisterBody, client: ClientContext): Promise<void> {
    await this.limiter.consume({
      key: `register:ip:${throttleAddress(client.ip)}`,
      limit: this.config.rateLimits.registerPerIpPerHour,
      windowSeconds: 3600,
    });
    const errors: FieldError[] = [];
    const name = body.name.trim().normalize('NFC');
    if ([...name].length < 2 || [...name].length > 100 || UNPRINTABLE.test(name)) {
      errors.push({ field: '/name', code: 'invalid_name', message: 'must be 2-100 printable characters' });
    }
    const emailCheck = validateEmail(body.email);
    if (!emailCheck.ok) errors.push({ field: '/email', code: emailCheck.code, message: emailCheck.message });
    const email = emailCheck.ok ? emailCheck.value : undefined;
    const mobileCheck = validateMobile(body.mobileNo);
    if (!mobileCheck.ok)
      errors.push({ field: '/mobileNo', code: mobileCheck.code, message: mobileCheck.message });
    const mobileNo = mobileCheck.ok ? mobileCheck.value : undefined;
    const problem = passwordProblem(body.password, { email: email ?? body.email, name, mobileNo });
    if (problem) errors.push({ field: '/password', ...problem });
    if (body.password !== body.confirmedPassword) {
      errors.push({ field: '/confirmedPassword', code: 'password_mismatch', message: 'must match password' });
    }
    if (errors.length > 0) throw validationFailed(errors);

    const passwordHash = await hashPassword(body.password);
    const created = await this.repository.insertUser(
      sealNewUser(this.keyRing, { email: email!, name, mobileNo: mobileNo!, passwordHash }),
    );
    if (!created) throw conflict('email_taken', 'An account with this email already exists');
    await this.repository.recordEvent({ userId: created.id, event: 'register', ...client });
    await this.onRegistered(created.id);
  }

  async login(body: LoginBody, client: ClientContext): Promise<LoginResponse> {
    await this.limiter.consume({
      key: `login:ip:${throttleAddress(client.ip)}`,
      limit: this.config.rateLimits.loginPerIpPerMinute,
      windowSeconds: 60,
    });
    const normalised = validateEmail(body.email);
    const email = normalised.ok ? normalised.value : body.email.trim().toLowerCase();
    const attempt = await this.loginThrottle.admit(email, client.ip);

    const { user, passwordOk } = await this.checkPassword(email, body.password).catch(
      async (error: unknown) => {
        await attempt.abandoned();
        throw error;
      },
    );
    if (!user || !passwordOk || user.status !== 'active') {
      await attempt.failed();
      await this.repository.recordEvent({ userId: user?.id, event: 'login_failed', ...client });
      throw invalidCredentials();
    }
    await attempt.succeeded();
    if (needsRehash(user.passwordHash)) {
      const rehashed = await rehashUnlessBusy(body.password);
      if (rehashed) await this.repository.updatePasswordHash(user.id, rehashed);
    }
    const challenge = await this.secondFactor.challengeFor(user);
    if (challenge) {
      await this.repository.recordEvent({ userId: user.id, event: 'login_second_factor_asked', ...client });
      return challenge;
    }
    return this.startSession(user, client, { secondFactor: false, linkId: null });
  }

  /**
   * An invited staff account without a password, in `executor`'s transaction (the invitation's token and
   * email go in the same one). Its id, or undefined when an account already has the email.
   */
  async insertInvitedStaff(
    executor: Executor,
    invited: { email: string; name: string; role: UserRole; passwordMarker: string },
  ): Promise<string | undefined> {
    const created = await createAuthRepository(executor).insertUser(
      sealNewUser(this.keyRing, {
        email: invited.email,
        name: invited.name,
        mobileNo: '',
        passwordHash: invited.passwordMarker,
        role: invited.role,
        status: 'invited',
      }),
    );
    return created?.id;
  }

  /**
   * A customer created by a host application's KYC link, with the contacts it gave and no password
   * (they arrive through links, or set one with a password reset). 409 `email_taken` for an email
   * another account has, 409 `external_id_taken` when another request created this external id first.
   */
  async createLinkCustomer(input: {
    externalId: string;
    email?: string | undefined;
    name?: string | undefined;
    mobileNo?: string | undefined;
  }): Promise<string> {
    const errors: FieldError[] = [];
    const required = (field: string) =>
      errors.push({
        field,
        code: 'required',
        message: 'is needed to create a customer for a new externalId',
      });
    if (input.name === undefined) required('/name');
    if (input.email === undefined) required('/email');
    if (input.mobileNo === undefined) required('/mobileNo');
    const name = input.name?.trim().normalize('NFC');
    if (name !== undefined && ([...name].length < 2 || [...name].length > 100 || UNPRINTABLE.test(name)))
      errors.push({ field: '/name', code: 'invalid_name', message: 'must be 2-100 printable characters' });
    const emailCheck = input.email === undefined ? undefined : validateEmail(input.email);
    if (emailCheck && !emailCheck.ok)
      errors.push({ field: '/email', code: emailCheck.code, message: emailCheck.message });
    const mobileCheck = input.mobileNo === undefined ? undefined : validateMobile(input.mobileNo);
    if (mobileCheck && !mobileCheck.ok)
      errors.push({ field: '/mobileNo', code: mobileCheck.code, message: mobileCheck.message });
    if (errors.length > 0 || !name || !emailCheck?.ok || !mobileCheck?.ok) throw validationFailed(errors);

    let created: { id: string } | undefined;
    try {
      created = await this.repository.insertUser(
        sealNewUser(this.keyRing, {
          email: emailCheck.value,
          name,
          mobileNo: mobileCheck.value,
          passwordHash: NO_PASSWORD_HASH,
          externalId: input.externalId,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_external_id_key'))
        throw conflict('external_id_taken', 'Another user already has this external id');
      throw error;
    }
    if (!created) throw conflict('email_taken', 'An account with this email already exists');
    await this.repository.recordEvent({ userId: created.id, event: 'register_by_kyc_link' });
    return created.id;
  }

  /** A customer session begun by a KYC link's exchange; the session remembers the link. */
  async startLinkSession(userId: string, linkId: string, client: ClientContext): Promise<TokenResponse> {
    return this.startSession(await this.linkableUser(userId), client, { secondFactor: false, linkId });
  }

  /** 403 unless a KYC link may open a session for this account: an active customer. */
  async assertLinkable(userId: string): Promise<void> {
    await this.linkableUser(userId);
  }

  private async linkableUser(userId: string) {
    const user = await this.repository.findUser(userId);
    if (!user || user.status !== 'active' || user.role !== 'customer')
      throw forbidden('This account cannot be opened through a KYC link');
    return user;
  }

  /** Ends the sessions a KYC link opened (the link was revoked). */
  async revokeLinkSessions(linkId: string): Promise<void> {
    await this.repository.revokeLinkSessions(linkId, 'kyc_link_revoked');
    this.sessionCache.forgetLink(linkId);
  }

  /** Staff enrolment of the second factor, after the password (the login's `mfaEnrollmentRequired`). */
  async enrollSecondFactor(body: MfaEnrollBody, client: ClientContext): Promise<MfaEnrollResponse> {
    const { userId, ...enrolment } = await this.secondFactor.enroll(body.mfaToken);
    await this.repository.recordEvent({ userId, event: 'second_factor_enrollment_started', ...client });
    return enrolment;
  }

  /** The second step of a staff login: a TOTP or recovery code for the MFA token gives the session. */
  async verifySecondFactor(body: MfaVerifyBody, client: ClientContext): Promise<TokenResponse> {
    let verified;
    try {
      verified = await this.secondFactor.verify(body.mfaToken, body.code);
    } catch (error) {
      if (error instanceof AppError && error.code === invalidMfaCode().code) {
        await this.repository.recordEvent({ event: 'second_factor_failed', ...client });
      }
      throw error;
    }
    const { user, method, enrolled } = verified;
    if (enrolled)
      await this.repository.recordEvent({ userId: user.id, event: 'second_factor_enrolled', ...client });
    if (method === 'recovery_code') {
      await this.repository.recordEvent({ userId: user.id, event: 'recovery_code_used', ...client });
    }
    return this.startSession(user, client, { secondFactor: true, linkId: null });
  }

  /**
   * A staff member checks the second factor again inside a running session (before a reveal of a
   * full identity value); the session remembers when. Same codes and attempt limit as the login.
   */
  async stepUp(session: ActiveSession, code: string, client: ClientContext): Promise<Date> {
    if (session.role === 'customer') throw forbidden('Only staff have a second factor');
    let method;
    try {
      method = await this.secondFactor.verifyForUser(session.userId, code);
    } catch (error) {
      if (error instanceof AppError && error.code === invalidMfaCode().code) {
        await this.repository.recordEvent({ userId: session.userId, event: 'step_up_failed', ...client });
      }
      throw error;
    }
    const at = await this.repository.stampSecondFactor(session.sessionId);
    this.sessionCache.forgetSession(session.sessionId);
    await this.repository.recordEvent({ userId: session.userId, event: 'step_up', ...client });
    if (method === 'recovery_code')
      await this.repository.recordEvent({ userId: session.userId, event: 'recovery_code_used', ...client });
    return at;
  }

  /** True when the session's second factor was checked within the last RECENT_SECOND_FACTOR_SECONDS. */
  hasRecentSecondFactor(session: ActiveSession, now = Date.now()): boolean {
    return (
      !!session.secondFactorAt &&
      now - session.secondFactorAt.getTime() <= RECENT_SECOND_FACTOR_SECONDS * 1000
    );
  }

  /** True when the session's role needs the second factor and the session began without it. */
  lacksSecondFactor(session: ActiveSession): boolean {
    return !session.secondFactor && this.secondFactor.requiredFor(session.role);
  }

  /** Throws 403 `mfa_required` for a staff session that began without a required second factor. */
  assertSecondFactor(session: ActiveSession): void {
    if (this.lacksSecondFactor(session)) throw mfaRequired();
  }

  private async startSession(
    user: { id: string; role: UserRole },
    client: ClientContext,
    origin: { secondFactor: boolean; linkId: string | null },
  ): Promise<TokenResponse> {
    const sessionId = uuidv7();
    const refresh = newRefreshToken();
    await this.repository.insertLogin({
      sessionId,
      userId: user.id,
      expiresAt: new Date(
        Date.now() + Math.min(this.config.refreshTokenTtlSeconds, SESSION_MAX_AGE_SECONDS) * 1000,
      ),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300),
      tokenHash: refresh.tokenHash,
      secondFactorAt: origin.secondFactor ? new Date() : null,
      linkId: origin.linkId,
      event: origin.linkId ? 'kyc_link_exchange' : 'login',
    });
    return {
      ...this.signAccessToken(user.id, sessionId, user.role, origin),
      refreshToken: refresh.token,
    };
  }

  async refresh(refreshToken: string, client: ClientContext): Promise<TokenResponse> {
    const stored = await this.repository.findRefreshToken(sha256(refreshToken));
    if (!stored) throw invalidToken('Invalid refresh token');
    if (stored.usedAt || !(await this.repository.markRefreshTokenUsed(stored.id))) {
      // A rotated token came back: whoever holds the newer one may be an attacker. End the session.
      await this.repository.revokeSession(stored.sessionId, 'refresh_token_reuse');
      this.sessionCache.forgetSession(stored.sessionId);
      await this.repository.recordEvent({ userId: stored.userId, event: 'refresh_token_reuse', ...client });
      throw invalidToken('Refresh token was already used; the session has been revoked');
    }
    const session = await this.repository.findActiveSession(stored.sessionId, stored.userId);
    if (!session) throw invalidToken('Session has ended');
    return this.issueTokens(session);
  }

  async logout(session: ActiveSession, client: ClientContext): Promise<void> {
    await this.repository.revokeSession(session.sessionId, 'logout');
    this.sessionCache.forgetSession(session.sessionId);
    await this.repository.recordEvent({ userId: session.userId, event: 'logout', ...client });
  }

  /**
   * Verifies an access token and the live session behind it; throws 401 otherwise. A token checked within
   * the cache's lifetime, whose session nothing has changed since, is answered from the cache.
   */
  async authenticate(token: string): Promise<ActiveSession> {
    const cached = this.sessionCache.get(token);
    if (cached) return cached;
    const begun = this.sessionCache.begin();
    let claims: { sub?: string; sid?: unknown; exp?: number };
    try {
      const verified = await jwtVerify(token, await this.verificationKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TOKEN_TYPE,
        clockTolerance: 30,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      });
      claims = verified.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AppError('token_expired', 'Access token expired');
      throw invalidToken();
    }
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw invalidToken();
    const session = await this.repository.findActiveSession(claims.sid, claims.sub);
    if (!session) throw invalidToken();
    this.sessionCache.set(token, session, claims.exp!, begun);
    return session;
  }

  /** An entry in the account's own security log (login history), e.g. a data export or an erasure request. */
  async recordAccountEvent(userId: string, event: string, client: ClientContext): Promise<void> {
    await this.repository.recordEvent({ userId, event, ...client });
  }

  /** Ends every session of the account (its tokens stop working at once). */
  async revokeAllSessions(userId: string, reason: string): Promise<void> {
    await this.repository.revokeAllSessions(userId, reason);
    this.sessionCache.forgetUser(userId);
  }

  async purgeExpiredSessions(): Promise<number> {
    return this.repository.purgeSessions();
  }

  /** The account with this email, and whether `password` is its password. */
  private async checkPassword(email: string, password: string) {
    const user = await this.repository.findUserByEmail(email);
    // An account without a password (made through a KYC link) fails like a wrong password, after the
    // same argon2 work, so the answer and its timing do not tell it apart.
    const storedHash = isPasswordHash(user?.passwordHash) ? user.passwordHash : undefined;
    const passwordOk =
      (await verifyPassword(storedHash ?? (await this.getDummyHash()), password)) && storedHash !== undefined;
    return { user, passwordOk };
  }

  private getDummyHash(): Promise<string> {
    // A refused hash (queue full) is not kept: the next login makes it again.
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }

  private async issueTokens(session: ActiveSession): Promise<TokenResponse> {
    const { userId, sessionId } = session;
    const refresh = newRefreshToken();
    await this.repository.insertRefreshToken({ sessionId, userId, tokenHash: refresh.tokenHash });
    return {
      ...this.signAccessToken(userId, sessionId, session.role, session),
      refreshToken: refresh.token,
    };
  }

  /**
   * `amr` (RFC 8176): `pwd`, plus `otp` when the session began with the second factor; `link` for a
   * session a KYC link opened (no password was given).
   */
  private signAccessToken(
    userId: string,
    sessionId: string,
    role: UserRole,
    origin: { secondFactor: boolean; linkId: string | null },
  ) {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.config.accessTokenTtlSeconds;
    const amr = origin.linkId ? ['link'] : origin.secondFactor ? ['pwd', 'otp'] : ['pwd'];
    const claims = {
      sid: sessionId,
      role,
      amr,
      sub: userId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: expiresAt,
    };
    const token = signHs256({ typ: TOKEN_TYPE }, claims, this.signingKey);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
