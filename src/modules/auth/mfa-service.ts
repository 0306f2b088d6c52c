import { createHash, createHmac, randomInt } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import type { UserRole } from '../../db/schema/index.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { Envelope } from '../../lib/crypto/index.js';
import { AppError, conflict, fieldError, rateLimited } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { UserKeyService } from '../keys/service.js';
import { createMfaRepository } from './mfa-repository.js';
import type { MfaRepository } from './mfa-repository.js';
import type { MfaChallenge, MfaEnrollResponse } from './mfa-schemas.js';

const ISSUER = 'pehchan';
const AUDIENCE = 'pehchan-mfa';
const TOKEN_TYPE = 'mfa+jwt';
/** Between the password and the code: long enough to open an authenticator, short enough to be useless later. */
export const MFA_TOKEN_TTL_SECONDS = 300;
/** Code attempts (TOTP or recovery) per account before it must wait for the window to end. */
export const MFA_MAX_ATTEMPTS = 5;
export const MFA_ATTEMPT_WINDOW_SECONDS = 900;
export const RECOVERY_CODE_COUNT = 10;
/** Codes of the step before and after the current one are accepted, for clocks that drift. */
const TOTP_WINDOW = 1;
const TOTP_ISSUER = 'Pehchan';
// Crockford-style alphabet without look-alikes (0/O, 1/I/L): 12 characters carry 60 bits.
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECOVERY_CODE = /^[2-9A-HJ-NP-Z]{12}$/;
const SECRET_FIELD = (userId: string) => ({ table: 'staff_mfa', column: 'secret', userId });

export type MfaPurpose = 'enroll' | 'verify';

export const invalidMfaToken = () =>
  new AppError('invalid_mfa_token', 'The sign-in step expired or is not valid: log in again');
export const invalidMfaCode = () => new AppError('invalid_mfa_code', 'The code is wrong, expired or used');
export const mfaRequired = () =>
  new AppError(
    'mfa_required',
    'This route needs a sign-in with the second factor: log in again and complete POST /v1/auth/mfa/verify',
  );

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function newRecoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

const totpFor = (secret: string, label: string) =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

/** The account behind a verified MFA token, checked again against the database. */
export interface MfaUser {
  id: string;
  role: UserRole;
}

/**
 * The staff second factor (TOTP, RFC 6238) and its recovery codes: who needs it, the short-lived
 * token between the password and the code, enrolment, and code checks with replay protection and
 * attempt limits. Sessions themselves stay with AuthService.
 */
export class SecondFactorService {
  private readonly repository: MfaRepository;
  /** Its own key, so an MFA token can never pass as an access token, nor the reverse. */
  private readonly tokenKey: Uint8Array;

  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    private readonly config: Pick<Config, 'sessionSecret' | 'staffMfa'>,
  ) {
    this.repository = createMfaRepository(db);
    this.tokenKey = createHmac('sha256', config.sessionSecret).update('pehchan/mfa-token/v1').digest();
  }

  /** Admins always; reviewers unless STAFF_MFA=optional; customers never. */
  requiredFor(role: UserRole): boolean {
    return role === 'admin' || (role === 'reviewer' && this.config.staffMfa === 'required');
  }

  /** What a staff login with the right password answers instead of tokens; undefined when none is needed. */
  async challengeFor(user: MfaUser): Promise<MfaChallenge | undefined> {
    if (user.role === 'customer') return undefined;
    const state = await this.repository.find(user.id);
    // An enrolled factor is asked for also where it is optional: whoever enrolled chose it.
    if (state?.confirmedAt) return { mfaRequired: true, mfaToken: await this.signToken(user.id, 'verify') };
    if (!this.requiredFor(user.role)) return undefined;
    return { mfaEnrollmentRequired: true, mfaToken: await this.signToken(user.id, 'enroll') };
  }

  /** Starts (or starts again) an enrolment: a new secret and recovery codes, confirmed by the first code. */
  async enroll(mfaToken: string): Promise<MfaEnrollResponse & { userId: string }> {
    const { user, purpose } = await this.readToken(mfaToken);
    if (purpose !== 'enroll') throw conflict('mfa_already_enrolled', 'The second factor is already enrolled');
    const secret = new Secret({ size: 20 }).base32;
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const started = await this.repository.startEnrolment(
      user.id,
      async (tx) => encryptField(await this.keys.getOrCreate(tx, user.id), secret, SECRET_FIELD(user.id)),
      recoveryCodes.map((code) => sha256(normaliseRecoveryCode(code)!)),
    );
    if (!started) throw conflict('mfa_already_enrolled', 'The second factor is already enrolled');
    const otpauthUrl = totpFor(secret, user.email).toString();
    return {
      userId: user.id,
      secret,
      otpauthUrl,
      qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M' }),
      recoveryCodes,
    };
  }

  /**
   * Checks a TOTP code (or, once enrolled, a recovery code) for the token's account. Returns the
   * account and how it was verified; throws 401 `invalid_mfa_code`, 429 past the attempt limit.
   */
  async verify(
    mfaToken: string,
    code: string,
  ): Promise<{ user: MfaUser; method: 'totp' | 'recovery_code'; enrolled: boolean }> {
    const { user, purpose } = await this.readToken(mfaToken);
    const state = await this.repository.find(user.id);
    if (!state)
      throw conflict('mfa_enrollment_missing', 'Start the enrolment first: POST /v1/auth/mfa/enroll');
    // An enrolment token after the enrolment was confirmed, or a verify token for a factor replaced since.
    if ((purpose === 'enroll') !== !state.confirmedAt) throw invalidMfaToken();
    const method = await this.checkCode(user, state.secret, purpose, code);
    return { user, method, enrolled: purpose === 'enroll' };
  }

  /**
   * A step-up check in a running staff session: a TOTP or recovery code of the session's account,
   * with the same replay protection and attempt limit as a login's second step.
   */
  async verifyForUser(userId: string, code: string): Promise<'totp' | 'recovery_code'> {
    const account = await this.repository.findUser(userId);
    const state = await this.repository.find(userId);
    if (!account || !state?.confirmedAt)
      throw conflict('mfa_enrollment_missing', 'Enrol the second factor first: log in again to enrol it');
    return this.checkCode(account, state.secret, 'verify', code);
  }

  /** Checks one code; throws 400 for a malformed one, 429 past the attempt limit, 401 for a wrong one. */
  private async checkCode(
    user: { id: string; email: string },
    secret: Envelope,
    purpose: MfaPurpose,
    code: string,
  ): Promise<'totp' | 'recovery_code'> {
    const digits = code.replace(/\s/g, '');
    const recovery = normaliseRecoveryCode(code);
    if (!/^\d{6}$/.test(digits) && !(recovery && purpose === 'verify')) {
      throw fieldError(
        '/code',
        'invalid_code_format',
        purpose === 'enroll'
          ? 'must be the 6-digit code of the authenticator'
          : 'must be the 6-digit code of the authenticator or a recovery code',
      );
    }
    if ((await this.repository.countAttempt(user.id, MFA_ATTEMPT_WINDOW_SECONDS)) > MFA_MAX_ATTEMPTS) {
      throw rateLimited(MFA_ATTEMPT_WINDOW_SECONDS);
    }

    if (/^\d{6}$/.test(digits)) {
      const dataKey = await this.keys.find(this.db, user.id);
      if (!dataKey) throw invalidMfaCode();
      const totp = totpFor(decryptFieldString(dataKey, secret, SECRET_FIELD(user.id)), user.email);
      const now = Date.now();
      const delta = totp.validate({ token: digits, timestamp: now, window: TOTP_WINDOW });
      if (
        delta === null ||
        !(await this.repository.acceptStep(user.id, totp.counter({ timestamp: now }) + delta))
      ) {
        throw invalidMfaCode();
      }
      return 'totp';
    }
    if (!(await this.repository.useRecoveryCode(user.id, sha256(recovery!)))) throw invalidMfaCode();
    return 'recovery_code';
  }

  private async signToken(userId: string, purpose: MfaPurpose): Promise<string> {
    return new SignJWT({ purpose })
      .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + MFA_TOKEN_TTL_SECONDS)
      .sign(this.tokenKey);
  }

  /** The token's account, still active and still staff, and the token's purpose; 401 otherwise. */
  private async readToken(
    token: string,
  ): Promise<{ user: MfaUser & { email: string }; purpose: MfaPurpose }> {
    let claims: { sub?: string; purpose?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(token, this.tokenKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'exp', 'purpose'],
      }));
    } catch {
      throw invalidMfaToken();
    }
    if (!isUuid(claims.sub) || (claims.purpose !== 'enroll' && claims.purpose !== 'verify'))
      throw invalidMfaToken();
    const user = await this.repository.findUser(claims.sub);
    if (!user || user.status !== 'active' || user.role === 'customer') throw invalidMfaToken();
    return { user: { id: user.id, role: user.role, email: user.email }, purpose: claims.purpose };
  }
}

/** `abcd-efgh-jkmn`, `ABCDEFGHJKMN` and with spaces are one code; undefined when it cannot be one. */
function normaliseRecoveryCode(code: string): string | undefined {
  const compact = code.replace(/[\s-]/g, '').toUpperCase();
  return RECOVERY_CODE.test(compact) ? compact : undefined;
}
