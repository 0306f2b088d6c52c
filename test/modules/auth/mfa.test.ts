import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authEvents, mfaRecoveryCodes, staffMfa, users } from '../../../src/db/schema/index.js';
import type { UserRole } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import type { TestContext } from '../../helpers/app.js';
import { injectPost, loginStaff, promoteAndLogin, totpCode } from '../../helpers/staff.js';

const ctx = useTestApp();

const post = (context: TestContext, url: string, payload: unknown) =>
  context.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

/** A customer promoted to `role` in the database, not yet logged in as staff. */
async function staffAccount(role: UserRole, context = ctx) {
  const account = await registerAndLogin(context.app);
  const [user] = await context.database.handle.db
    .update(users)
    .set({ role })
    .where(eq(users.email, account.email))
    .returning({ id: users.id });
  return { ...account, userId: user!.id };
}

async function passwordStep(account: { email: string; password: string }, context = ctx) {
  const response = await post(context, '/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  expect(response.statusCode).toBe(200);
  return response.json() as { mfaToken: string; mfaRequired?: true; mfaEnrollmentRequired?: true };
}

/** Enrolled and confirmed, with the code of the current step used up. */
async function enrolledAdmin() {
  const account = await staffAccount('admin');
  const staff = { email: account.email, password: account.password } as Parameters<typeof loginStaff>[1];
  await loginStaff(injectPost(ctx.app), staff);
  return { ...account, totpSecret: staff.totpSecret!, recoveryCodes: staff.recoveryCodes! };
}

/** Lets the next login use the current step's code again (a later login in the same 30 seconds). */
const forgetLastStep = (userId: string) =>
  ctx.database.handle.db.update(staffMfa).set({ lastUsedStep: null }).where(eq(staffMfa.userId, userId));

const listKeys = (token: string) => authed(ctx.app, token, { method: 'GET', url: '/v1/admin/api-keys' });

afterEach(() => {
  vi.useRealTimers();
});

describe('first staff login: enrolment', () => {
  it('answers mfaEnrollmentRequired, enrols with a QR code and 10 recovery codes, and signs in with a TOTP code', async () => {
    const account = await staffAccount('admin');
    const challenge = await passwordStep(account);
    expect(Object.keys(challenge).sort()).toEqual(['mfaEnrollmentRequired', 'mfaToken']);

    const enrolled = await post(ctx, '/v1/auth/mfa/enroll', { mfaToken: challenge.mfaToken });
    expect(enrolled.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl, recoveryCodes } = enrolled.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUrl);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Pehchan');
    expect(decodeURIComponent(uri.pathname)).toContain(account.email);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    // Until a first code is accepted nothing is active: the admin routes stay closed.
    const verified = await post(ctx, '/v1/auth/mfa/verify', {
      mfaToken: challenge.mfaToken,
      code: totpCode(secret),
    });
    expect(verified.statusCode).toBe(200);
    const tokens = verified.json();
    expect(Object.keys(tokens).sort()).toEqual(['expiresAt', 'refreshToken', 'token']);
    expect(decodeJwt(tokens.token)).toMatchObject({ role: 'admin', amr: ['pwd', 'otp'] });
    expect((await listKeys(tokens.token)).statusCode).toBe(200);

    // Stored: the secret encrypted, the recovery codes hashed.
    const [row] = await ctx.database.handle.db
      .select()
      .from(staffMfa)
      .where(eq(staffMfa.userId, account.userId));
    expect(row!.confirmedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row!.secret)).not.toContain(secret);
    const hashes = await ctx.database.handle.db
      .select({ codeHash: mfaRecoveryCodes.codeHash })
      .from(mfaRecoveryCodes)
      .where(eq(mfaRecoveryCodes.userId, account.userId));
    expect(hashes).toHaveLength(10);
    const stored = JSON.stringify(hashes);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
    const events = await ctx.database.handle.db
      .select({ event: authEvents.event })
      .from(authEvents)
      .where(eq(authEvents.userId, account.userId));
    expect(events.map((event) => event.event)).toEqual(
      expect.arrayContaining([
        'login_second_factor_asked',
        'second_factor_enrollment_started',
        'second_factor_enrolled',
        'login',
      ]),
    );
  });

  it('starts over when enrolment is called again before a code confirmed it; the old secret no longer works', async () => {
    const account = await staffAccount('admin');
    const { mfaToken } = await passwordStep(account);
    const first = (await post(ctx, '/v1/auth/mfa/enroll', { mfaToken })).json();
    const second = (await post(ctx, '/v1/auth/mfa/enroll', { mfaToken })).json();
    expect(second.secret).not.toBe(first.secret);
    const stale = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(first.secret) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('invalid_mfa_code');
    expect(
      (await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(second.secret) })).statusCode,
    ).toBe(200);
  });

  it('refuses to verify before enrolling, a recovery code as the first code, and a second enrolment once confirmed', async () => {
    const account = await staffAccount('admin');
    const { mfaToken } = await passwordStep(account);
    const early = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: '123456' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('mfa_enrollment_missing');

    const { secret, recoveryCodes } = (await post(ctx, '/v1/auth/mfa/enroll', { mfaToken })).json();
    const recovery = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: recoveryCodes[0] });
    expect(recovery.statusCode).toBe(400);
    expect(recovery.json().errors).toEqual([
      expect.objectContaining({ field: '/code', code: 'invalid_code_format' }),
    ]);
    expect((await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(secret) })).statusCode).toBe(
      200,
    );

    // The enrolment token is spent once enrolment is confirmed: no second secret, no second sign-in with it.
    const again = await post(ctx, '/v1/auth/mfa/enroll', { mfaToken });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('mfa_already_enrolled');
    await forgetLastStep(account.userId);
    const reuse = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(secret) });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('invalid_mfa_token');
  });
});

describe('later staff logins', () => {
  it('answers mfaRequired, and an enrolled account cannot enrol again with its MFA token', async () => {
    const admin = await enrolledAdmin();
    const challenge = await passwordStep(admin);
    expect(Object.keys(challenge).sort()).toEqual(['mfaRequired', 'mfaToken']);
    const enrol = await post(ctx, '/v1/auth/mfa/enroll', { mfaToken: challenge.mfaToken });
    expect(enrol.statusCode).toBe(409);
    expect(enrol.json().code).toBe('mfa_already_enrolled');
  });

  it('accepts each TOTP code once: the same code again is refused', async () => {
    const admin = await enrolledAdmin();
    await forgetLastStep(admin.userId);
    const code = totpCode(admin.totpSecret);
    const first = await passwordStep(admin);
    expect((await post(ctx, '/v1/auth/mfa/verify', { mfaToken: first.mfaToken, code })).statusCode).toBe(200);
    const second = await passwordStep(admin);
    const replay = await post(ctx, '/v1/auth/mfa/verify', { mfaToken: second.mfaToken, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_mfa_code');
  });

  it('accepts each recovery code once, in any case and with or without dashes', async () => {
    const admin = await enrolledAdmin();
    const [code] = admin.recoveryCodes;
    const first = await passwordStep(admin);
    const used = await post(ctx, '/v1/auth/mfa/verify', {
      mfaToken: first.mfaToken,
      code: code!.replaceAll('-', '').toLowerCase(),
    });
    expect(used.statusCode).toBe(200);
    expect((await listKeys(used.json().token)).statusCode).toBe(200);
    const second = await passwordStep(admin);
    const again = await post(ctx, '/v1/auth/mfa/verify', { mfaToken: second.mfaToken, code });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('invalid_mfa_code');
    const events = await ctx.database.handle.db
      .select({ event: authEvents.event })
      .from(authEvents)
      .where(eq(authEvents.userId, admin.userId));
    expect(events.filter((event) => event.event === 'recovery_code_used')).toHaveLength(1);
  });

  it('allows 5 attempts per account per window: then even the right code is refused with 429 until the window ends', async () => {
    const admin = await enrolledAdmin();
    await forgetLastStep(admin.userId);
    const { mfaToken } = await passwordStep(admin);
    const right = totpCode(admin.totpSecret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: wrong })).statusCode).toBe(401);
    }
    const limited = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: right });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // A new MFA token from a new password step does not reset the count.
    const fresh = await passwordStep(admin);
    expect(
      (await post(ctx, '/v1/auth/mfa/verify', { mfaToken: fresh.mfaToken, code: right })).statusCode,
    ).toBe(429);

    await ctx.database.handle.db
      .update(staffMfa)
      .set({ attemptsSince: new Date(Date.now() - 16 * 60_000) })
      .where(eq(staffMfa.userId, admin.userId));
    expect(
      (await post(ctx, '/v1/auth/mfa/verify', { mfaToken: fresh.mfaToken, code: right })).statusCode,
    ).toBe(200);
  });

  it('keeps the second factor on refreshed tokens', async () => {
    const admin = await enrolledAdmin();
    await forgetLastStep(admin.userId);
    const tokens = await loginStaff(injectPost(ctx.app), admin);
    const refreshed = await post(ctx, '/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.statusCode).toBe(200);
    expect(decodeJwt(refreshed.json().token).amr).toEqual(['pwd', 'otp']);
    expect((await listKeys(refreshed.json().token)).statusCode).toBe(200);
  });
});

describe('the MFA token', () => {
  it('is refused when expired, malformed, or not an MFA token; and is no access token', async () => {
    const admin = await enrolledAdmin();
    await forgetLastStep(admin.userId);
    const { mfaToken } = await passwordStep(admin);
    const code = totpCode(admin.totpSecret);

    const asBearer = await listKeys(mfaToken);
    expect(asBearer.statusCode).toBe(401);
    expect(asBearer.json().code).toBe('invalid_token');

    const customer = await registerAndLogin(ctx.app);
    for (const token of [customer.token, 'not-a-token', `${mfaToken.slice(0, -2)}xx`]) {
      const refused = await post(ctx, '/v1/auth/mfa/verify', { mfaToken: token, code });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('invalid_mfa_token');
    }

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 301_000);
    const expired = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(admin.totpSecret) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('invalid_mfa_token');
  });

  it('stops working when the account is disabled in between', async () => {
    const admin = await enrolledAdmin();
    await forgetLastStep(admin.userId);
    const { mfaToken } = await passwordStep(admin);
    await ctx.database.handle.db.update(users).set({ status: 'disabled' }).where(eq(users.id, admin.userId));
    const refused = await post(ctx, '/v1/auth/mfa/verify', { mfaToken, code: totpCode(admin.totpSecret) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_mfa_token');
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const account = await staffAccount('admin');
    const { mfaToken } = await passwordStep(account);
    await post(ctx, '/v1/auth/mfa/enroll', { mfaToken });
    const cases: Array<[unknown, string, string]> = [
      [{ mfaToken, code: '12345' }, '/code', 'invalid_code_format'],
      [{ mfaToken, code: 'twelve' }, '/code', 'invalid_code_format'],
      [{ mfaToken }, '/code', 'required'],
      [{ code: '123456' }, '/mfaToken', 'required'],
      [{ mfaToken, code: '123456', extra: 1 }, '/extra', 'unknown_field'],
    ];
    for (const [body, field, code] of cases) {
      const response = await post(ctx, '/v1/auth/mfa/verify', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([expect.objectContaining({ field, code })]);
    }
  });
});

describe('staff routes and sessions without the second factor', () => {
  it('refuse a session that began before the promotion to staff with 403 mfa_required', async () => {
    const promoted = await registerAndLogin(ctx.app);
    await ctx.database.handle.db.update(users).set({ role: 'admin' }).where(eq(users.email, promoted.email));
    for (const url of ['/v1/admin/api-keys', '/v1/review/cases', '/v1/admin/webhooks/deliveries']) {
      const response = await authed(ctx.app, promoted.token, { method: 'GET', url });
      expect(response.statusCode, url).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('mfa_required');
    }
  });

  it('leave customers as they were: tokens straight from the password, customer routes open', async () => {
    const customer = await registerAndLogin(ctx.app);
    expect(decodeJwt(customer.token).amr).toEqual(['pwd']);
    const details = await authed(ctx.app, customer.token, { method: 'GET', url: '/v1/kyc/status' });
    expect(details.statusCode).not.toBe(403);
    expect((await promoteAndLogin(ctx.app, ctx.database, 'reviewer')).token).toBeTruthy();
  });
});

describe('STAFF_MFA=optional', () => {
  const optional = useTestApp({ STAFF_MFA: 'optional' });

  it('lets reviewers in with the password alone, and still requires the second factor of admins', async () => {
    const reviewer = await staffAccount('reviewer', optional);
    const login = await post(optional, '/v1/auth/login', {
      email: reviewer.email,
      password: reviewer.password,
    });
    expect(login.statusCode).toBe(200);
    expect(decodeJwt(login.json().token)).toMatchObject({ role: 'reviewer', amr: ['pwd'] });
    const queue = await authed(optional.app, login.json().token, { method: 'GET', url: '/v1/review/cases' });
    expect(queue.statusCode).toBe(200);

    const admin = await staffAccount('admin', optional);
    expect(await passwordStep(admin, optional)).toHaveProperty('mfaEnrollmentRequired', true);
  });
});
