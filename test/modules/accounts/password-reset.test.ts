import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountTokens, authEvents, outboundMessages, users } from '../../../src/db/schema/index.js';
import { authed, newUser, registerAndLogin, STRONG_PASSWORD, useTestApp } from '../../helpers/app.js';
import { latestMessage, linkToken, messageCount, outboxFor } from '../../helpers/contacts.js';

const ctx = useTestApp({ RECOVERY_RATE_LIMIT_PER_ACCOUNT: '3' });
const NEW_PASSWORD = 'a brand new passphrase for asha';

const forgot = (email: string, ip = '203.0.113.5') =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/password/forgot', payload: { email }, remoteAddress: ip });
const reset = (token: string, password = NEW_PASSWORD, confirmedPassword = password) =>
  ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/password/reset',
    payload: { token, password, confirmedPassword },
  });
const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });

async function resetLink(email: string) {
  const before = await messageCount(ctx.app, email, 'password_reset');
  expect((await forgot(email)).statusCode).toBe(202);
  return linkToken(await latestMessage(ctx.app, email, 'password_reset', { newerThan: before }));
}

describe('password reset', () => {
  it('mails a single-use link; the new password works, the old one and every session end', async () => {
    const user = await registerAndLogin(ctx.app);
    const mail = await (async () => {
      await forgot(user.email);
      return latestMessage(ctx.app, user.email, 'password_reset');
    })();
    expect(mail.subject).toBe('Reset your Pehchan password');
    expect(mail.text).toMatch(/http:\/\/localhost:8081\/onboard\/reset-password#token=pr_/);
    expect(mail.text).toMatch(/30 minutes/);
    expect(mail.html).toContain('<a href="http://localhost:8081/onboard/reset-password#token=pr_');

    const answer = await reset(linkToken(mail));
    expect(answer.statusCode).toBe(200);
    expect(
      (await authed(ctx.app, user.token, { method: 'GET', url: '/v1/user/getDetails' })).statusCode,
    ).toBe(401);
    expect((await login(user.email, STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);

    const again = await reset(linkToken(mail), 'yet another passphrase here');
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      expect.objectContaining({ field: '/token', code: 'token_invalid' }),
    ]);

    const [account] = await ctx.database.handle.db.select().from(users).where(eq(users.email, user.email));
    const events = await ctx.database.handle.db
      .select({ event: authEvents.event })
      .from(authEvents)
      .where(eq(authEvents.userId, account!.id));
    expect(events.map((row) => row.event)).toEqual(
      expect.arrayContaining(['password_reset_requested', 'password_reset']),
    );
    // Receiving the link proved the mailbox.
    expect(account!.verifiedEmail).toBe(user.email);
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const user = await registerAndLogin(ctx.app);
    const known = await forgot(user.email);
    const unknown = await forgot(`nobody.${Date.now()}@example.com`);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    await latestMessage(ctx.app, user.email, 'password_reset');
    expect(await outboxFor(ctx.app, `nobody.${Date.now()}@example.com`)).toEqual([]);
  });

  it('stores only the hash of the token, and the message encrypted', async () => {
    const user = await registerAndLogin(ctx.app);
    const token = await resetLink(user.email);
    const [account] = await ctx.database.handle.db.select().from(users).where(eq(users.email, user.email));
    const tokens = await ctx.database.handle.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, account!.id), eq(accountTokens.purpose, 'password_reset')));
    expect(JSON.stringify(tokens)).not.toContain(token);
    const messages = await ctx.database.handle.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.userId, account!.id));
    expect(JSON.stringify(messages)).not.toContain(token);
    expect(JSON.stringify(messages)).not.toContain(user.email);
  });

  it('refuses an expired link, and a link replaced by a newer one', async () => {
    const user = await registerAndLogin(ctx.app);
    const first = await resetLink(user.email);
    const second = await resetLink(user.email);
    expect((await reset(first)).json().errors[0].code).toBe('token_invalid');
    await ctx.database.handle.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.purpose, 'password_reset'));
    const expired = await reset(second);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().errors).toEqual([
      expect.objectContaining({ field: '/token', code: 'token_expired' }),
    ]);
    expect((await login(user.email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('applies the password policy without using up the link', async () => {
    const user = await registerAndLogin(ctx.app);
    const token = await resetLink(user.email);
    const weak = await reset(token, 'password');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('/password');
    const mismatch = await reset(token, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(mismatch.json().errors).toEqual([
      expect.objectContaining({ field: '/confirmedPassword', code: 'password_mismatch' }),
    ]);
    expect((await reset(token)).statusCode).toBe(200);
  });

  it.each([
    [
      'a malformed token',
      { token: 'nope', password: NEW_PASSWORD, confirmedPassword: NEW_PASSWORD },
      '/token',
    ],
    ['a missing token', { password: NEW_PASSWORD, confirmedPassword: NEW_PASSWORD }, '/token'],
    [
      'an unknown field',
      { token: 'pr_x', password: NEW_PASSWORD, confirmedPassword: NEW_PASSWORD, admin: true },
      '/admin',
    ],
    [
      'an unknown field named like a PAN (masked)',
      { token: 'pr_x', password: NEW_PASSWORD, confirmedPassword: NEW_PASSWORD, ABCDE1234F: 1 },
      '/XXXXX1234X',
    ],
  ])('answers 400 naming the field for %s', async (_name, payload, field) => {
    const answer = await ctx.app.inject({ method: 'POST', url: '/v1/auth/password/reset', payload });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses a malformed email with 400 naming it', async () => {
    const answer = await forgot('not-an-email');
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0].field).toBe('/email');
  });

  it('limits requests per address typed, known or not, with the same 429', async () => {
    const user = await registerAndLogin(ctx.app);
    const unknown = `ghost.${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) {
      expect((await forgot(user.email, `198.51.100.${i}`)).statusCode).toBe(202);
      expect((await forgot(unknown, `198.51.100.${i}`)).statusCode).toBe(202);
    }
    const knownRefused = await forgot(user.email, '198.51.100.9');
    const unknownRefused = await forgot(unknown, '198.51.100.9');
    expect(knownRefused.statusCode).toBe(429);
    expect(unknownRefused.statusCode).toBe(429);
    expect(knownRefused.json().code).toBe(unknownRefused.json().code);
  });
});

describe('password reset per client address', () => {
  it('limits requests from one address whatever the email', async () => {
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await forgot(newUser().email, '192.0.2.77')).statusCode;
    expect(last).toBe(429);
  });
});
