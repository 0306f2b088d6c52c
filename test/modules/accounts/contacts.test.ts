import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountTokens, users } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { latestMessage, linkToken, outboxFor, smsCode } from '../../helpers/contacts.js';

const ctx = useTestApp();

const details = async (token: string) =>
  (await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' })).json().data;
const verifyEmail = (token: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/email/verify', payload: { token } });
const requestOtp = (token: string) => authed(ctx.app, token, { method: 'POST', url: '/v1/auth/mobile/otp' });
const verifyMobile = (token: string, code: string) =>
  authed(ctx.app, token, { method: 'POST', url: '/v1/auth/mobile/verify', payload: { code } });
const userId = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

/** Lets the next code be asked for at once (the 30 s cooldown counts from the last code's creation). */
const skipCooldown = (token: string) =>
  ctx.database.handle.db
    .update(accountTokens)
    .set({ createdAt: new Date(Date.now() - 31_000) })
    .where(eq(accountTokens.userId, userId(token)));

describe('email verification', () => {
  it('sends a link at registration that verifies the address once', async () => {
    const user = await registerAndLogin(ctx.app);
    expect((await details(user.token)).emailVerified).toBe(false);
    const mail = await latestMessage(ctx.app, user.email, 'email_verification');
    expect(mail.subject).toBe('Confirm your email address for Pehchan');
    expect((await verifyEmail(linkToken(mail))).statusCode).toBe(200);
    expect((await details(user.token)).emailVerified).toBe(true);
    const reused = await verifyEmail(linkToken(mail));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0]).toMatchObject({ field: '/token', code: 'token_invalid' });
    const again = await authed(ctx.app, user.token, { method: 'POST', url: '/v1/auth/email/verify/request' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_verified');
  });

  it('sends a new link on request; the older one stops working; an expired one is refused', async () => {
    const user = await registerAndLogin(ctx.app);
    const first = linkToken(await latestMessage(ctx.app, user.email, 'email_verification'));
    const requested = await authed(ctx.app, user.token, {
      method: 'POST',
      url: '/v1/auth/email/verify/request',
    });
    expect(requested.statusCode).toBe(202);
    const messages = (await outboxFor(ctx.app, user.email)).filter(
      (m) => m.template === 'email_verification',
    );
    expect(messages).toHaveLength(2);
    const second = linkToken(messages[0]!);
    expect(second).not.toBe(first);
    expect((await verifyEmail(first)).json().errors[0].code).toBe('token_invalid');
    await ctx.database.handle.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, userId(user.token)));
    expect((await verifyEmail(second)).json().errors[0].code).toBe('token_expired');
  });

  it('a changed email is unverified again, and a link sent to the old one verifies nothing', async () => {
    const user = await registerAndLogin(ctx.app);
    const link = linkToken(await latestMessage(ctx.app, user.email, 'email_verification'));
    await ctx.database.handle.db
      .update(users)
      .set({ email: `changed.${user.email}` })
      .where(eq(users.id, userId(user.token)));
    const answer = await verifyEmail(link);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0].field).toBe('/token');
    expect((await details(user.token)).emailVerified).toBe(false);
  });

  it('limits verification requests per account', async () => {
    const user = await registerAndLogin(ctx.app);
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++)
      status = (await authed(ctx.app, user.token, { method: 'POST', url: '/v1/auth/email/verify/request' }))
        .statusCode;
    expect(status).toBe(429);
  });

  it.each([[{}], [{ token: 'ev_short' }], [{ token: 42 }]])(
    'answers 400 naming /token for %j',
    async (payload) => {
      const answer = await ctx.app.inject({ method: 'POST', url: '/v1/auth/email/verify', payload });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().errors[0].field).toBe('/token');
    },
  );
});

describe('mobile verification', () => {
  it('sends a 6-digit code by SMS that verifies the number', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456780' });
    expect((await details(user.token)).mobileVerified).toBe(false);
    const sent = await requestOtp(user.token);
    expect(sent.statusCode).toBe(202);
    expect(sent.json().resendAfterSeconds).toBe(30);
    const sms = await latestMessage(ctx.app, '9123456780', 'mobile_otp');
    expect(sms.text).toMatch(/^\d{6} is your Pehchan verification code\. It is valid for 5 minutes\./);
    expect((await verifyMobile(user.token, smsCode(sms))).statusCode).toBe(200);
    expect((await details(user.token)).mobileVerified).toBe(true);
    expect((await requestOtp(user.token)).json().code).toBe('already_verified');
  });

  it('stores the code only as a keyed hash', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456781' });
    await requestOtp(user.token);
    const code = smsCode(await latestMessage(ctx.app, '9123456781', 'mobile_otp'));
    const rows = await ctx.database.handle.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.userId, userId(user.token)));
    expect(JSON.stringify(rows.filter((row) => row.purpose === 'mobile_otp'))).not.toMatch(
      new RegExp(`"${code}"`),
    );
  });

  it('allows 3 attempts, then the code is dead even when right', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456782' });
    await requestOtp(user.token);
    const code = smsCode(await latestMessage(ctx.app, '9123456782', 'mobile_otp'));
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await verifyMobile(user.token, wrong);
    expect(first.statusCode).toBe(400);
    expect(first.json().errors[0]).toMatchObject({ field: '/code', code: 'otp_invalid' });
    expect((await verifyMobile(user.token, wrong)).json().errors[0].code).toBe('otp_invalid');
    expect((await verifyMobile(user.token, wrong)).json().errors[0].code).toBe('otp_attempts_exceeded');
    expect((await verifyMobile(user.token, code)).json().errors[0].code).toBe('otp_attempts_exceeded');
    expect((await details(user.token)).mobileVerified).toBe(false);
  });

  it('refuses an expired code, a replaced code, and a resend within 30 seconds', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456783' });
    await requestOtp(user.token);
    const first = smsCode(await latestMessage(ctx.app, '9123456783', 'mobile_otp'));
    const tooSoon = await requestOtp(user.token);
    expect(tooSoon.statusCode).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    await skipCooldown(user.token);
    await requestOtp(user.token);
    const second = smsCode(await latestMessage(ctx.app, '9123456783', 'mobile_otp'));
    if (first !== second)
      expect((await verifyMobile(user.token, first)).json().errors[0].code).toBe('otp_invalid');
    await ctx.database.handle.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, userId(user.token)));
    expect((await verifyMobile(user.token, second)).json().errors[0].code).toBe('otp_expired');
  });

  it('answers otp_not_requested before any code, and 400 naming /code for a malformed one', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456784' });
    expect((await verifyMobile(user.token, '123456')).json().errors[0]).toMatchObject({
      field: '/code',
      code: 'otp_not_requested',
    });
    for (const code of ['12345', 'abcdef', '1234567']) {
      const answer = await verifyMobile(user.token, code);
      expect(answer.statusCode).toBe(400);
      expect(answer.json().errors[0].field).toBe('/code');
    }
  });

  it('a changed mobile number is unverified again', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: '9123456785' });
    await requestOtp(user.token);
    await verifyMobile(user.token, smsCode(await latestMessage(ctx.app, '9123456785', 'mobile_otp')));
    expect((await details(user.token)).mobileVerified).toBe(true);
    await ctx.database.handle.db
      .update(users)
      .set({ mobileNo: '9123456786' })
      .where(eq(users.id, userId(user.token)));
    expect((await details(user.token)).mobileVerified).toBe(false);
  });

  it('needs a signed-in user', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/mobile/otp' })).statusCode).toBe(401);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/v1/auth/mobile/verify', payload: { code: '123456' } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('KYC submission waits for verified contacts', () => {
  it('refuses with 409 contacts_unverified naming what is missing', async () => {
    const user = await registerAndLogin(ctx.app);
    const answer = await authed(ctx.app, user.token, { method: 'POST', url: '/v1/kyc/submit' });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().code).toBe('contacts_unverified');
    expect(answer.json().errors.map((error: { field: string }) => error.field)).toEqual([
      '/email',
      '/mobileNo',
    ]);
  });
});
