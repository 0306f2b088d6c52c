import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { authEvents, refreshTokens, sessions, users } from '../../../src/db/schema/index.js';
import {
  authed,
  newUser,
  registerAndLogin,
  STRONG_PASSWORD,
  TEST_SECRETS,
  useTestApp,
} from '../../helpers/app.js';
import { injectPost, loginStaff } from '../../helpers/staff.js';

const ctx = useTestApp();

function register(body: Record<string, unknown>) {
  return ctx.app.inject({ method: 'POST', url: '/v1/auth/register', payload: body });
}
function login(email: string, password: string, remoteAddress?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}
function fieldsOf(response: { json(): unknown }) {
  return (response.json() as { errors: Array<{ field: string; code: string }> }).errors;
}

describe('POST /v1/auth/register', () => {
  it('creates the account with normalised email and mobile, and stores an argon2id hash', async () => {
    const body = newUser({ email: '  Priya.Shah@Example.COM ', mobileNo: '+91 98765-43210' });
    const response = await register(body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ message: 'User registered successfully' });
    const [row] = await ctx.database.handle.db
      .select()
      .from(users)
      .where(eq(users.email, 'priya.shah@example.com'));
    expect(row?.mobileNo).toBe('9876543210');
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.role).toBe('customer');
  });

  it('converts an IDN domain to punycode', async () => {
    const body = newUser({ email: `ravi${Date.now()}@bücher.example` });
    expect((await register(body)).statusCode).toBe(201);
    const response = await login(body.email.replace('bücher', 'xn--bcher-kva'), body.password);
    expect(response.statusCode).toBe(200);
  });

  it('answers 409 email_taken for a duplicate email, whatever its case', async () => {
    const body = newUser();
    expect((await register(body)).statusCode).toBe(201);
    const again = await register({ ...body, email: body.email.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'email_taken', success: false });
  });

  it.each([
    [
      'short password',
      { password: 'abc12345'.slice(0, 7), confirmedPassword: 'abc1234' },
      '/password',
      'password_too_short',
    ],
    [
      'common password',
      { password: 'password1', confirmedPassword: 'password1' },
      '/password',
      'password_too_common',
    ],
    ['mismatch', { confirmedPassword: 'something else entirely' }, '/confirmedPassword', 'password_mismatch'],
    ['bad email', { email: 'not-an-email' }, '/email', 'invalid_email'],
    ['landline', { mobileNo: '0201234567' }, '/mobileNo', 'invalid_mobile'],
    ['one-letter name', { name: 'A' }, '/name', 'invalid_name'],
    ['control character in name', { name: 'Asha\u0007 Verma' }, '/name', 'invalid_name'],
    ['bidi override in name', { name: 'Asha \u202EVerma' }, '/name', 'invalid_name'],
    ['unknown field', { role: 'admin' }, '/role', 'unknown_field'],
    ['number for a string', { mobileNo: 9876543210 }, '/mobileNo', 'type'],
    ['missing field', { name: undefined }, '/name', 'required'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, field, code) => {
    const response = await register(newUser(overrides));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(fieldsOf(response)).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('refuses a password equal to the email', async () => {
    const body = newUser();
    const response = await register({ ...body, password: body.email, confirmedPassword: body.email });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)[0]).toMatchObject({ field: '/password', code: 'password_matches_identity' });
  });

  it('accepts 128 characters with emoji and spaces, refuses 129, and never trims the password', async () => {
    const words = '🦚 peacock 🪷 lotus 🐅 tiger 🥭 mango 🏏 cricket 🚂 train ☕ chai 🪁 kite ';
    const long = [...words.repeat(3)].slice(0, 127).join('') + ' '; // 128 code points, 142 UTF-16 units
    const body = newUser({ password: long, confirmedPassword: long });
    expect((await register(body)).statusCode).toBe(201);
    expect((await login(body.email, long)).statusCode).toBe(200);
    expect((await login(body.email, long.trim())).statusCode).toBe(401);
    const tooLong = long + 'x';
    const refused = await register(newUser({ password: tooLong, confirmedPassword: tooLong }));
    expect(fieldsOf(refused)[0]).toMatchObject({ field: '/password', code: 'password_too_long' });
  });

  it('refuses a megabyte password before hashing it', async () => {
    const huge = 'x'.repeat(1_000_000);
    const response = await register(newUser({ password: huge, confirmedPassword: huge }));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toContainEqual(
      expect.objectContaining({ field: '/password', code: 'maxLength' }),
    );
  });
});

describe('POST /v1/auth/login', () => {
  it('returns a token pair whose JWT carries only sub, sid, role and amr', async () => {
    const { token, refreshToken, expiresAt } = await registerAndLogin(ctx.app);
    expect(refreshToken).toMatch(/^rt_/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['amr', 'aud', 'exp', 'iat', 'iss', 'role', 'sid', 'sub']);
    expect(claims).toMatchObject({ role: 'customer', amr: ['pwd'] });
  });

  it('answers unknown email and wrong password identically', async () => {
    const { email } = await registerAndLogin(ctx.app);
    const wrong = await login(email, 'wrong password here');
    const unknown = await login(`nobody${Date.now()}@example.com`, 'wrong password here');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('gives each login its own session', async () => {
    const { email, password } = await registerAndLogin(ctx.app);
    const second = (await login(email, password)).json();
    const third = (await login(email, password)).json();
    expect(decodeJwt(second.token).sid).not.toBe(decodeJwt(third.token).sid);
  });

  it('writes the session, its refresh token and a login audit event together', async () => {
    const { email, password } = await registerAndLogin(ctx.app);
    const response = await login(email, password, '203.0.113.9');
    expect(response.statusCode).toBe(200);
    const { token, refreshToken } = response.json() as { token: string; refreshToken: string };
    const { sub: userId, sid: sessionId } = decodeJwt(token) as { sub: string; sid: string };
    const db = ctx.database.handle.db;
    const [session] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(session).toMatchObject({ userId, ip: '203.0.113.9', revokedAt: null });
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const tokenHash = createHash('sha256').update(refreshToken).digest('hex');
    const [stored] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    expect(stored).toMatchObject({ sessionId, userId, usedAt: null });
    const events = await db
      .select({ event: authEvents.event, ip: authEvents.ip })
      .from(authEvents)
      .where(eq(authEvents.userId, userId));
    expect(events).toContainEqual({ event: 'login', ip: '203.0.113.9' });
  });

  it('re-hashes a password stored with weaker parameters', async () => {
    const { email, password } = await registerAndLogin(ctx.app);
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(password, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await ctx.database.handle.db.update(users).set({ passwordHash: weak }).where(eq(users.email, email));
    expect((await login(email, password)).statusCode).toBe(200);
    const [row] = await ctx.database.handle.db.select().from(users).where(eq(users.email, email));
    expect(row?.passwordHash).toMatch(/m=19456,t=2,p=1/);
  });
});

describe('access tokens', () => {
  const key = new TextEncoder().encode(TEST_SECRETS.SESSION_SECRET);
  const getDetails = (token: string) => authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' });

  async function sign(
    claims: Record<string, unknown>,
    options: { typ?: string; exp?: number; secret?: Uint8Array } = {},
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: options.typ ?? 'at+jwt' })
      .setIssuer('pehchan')
      .setAudience('pehchan-api')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(options.secret ?? key);
  }

  it('works until logout and fails right after', async () => {
    const { token } = await registerAndLogin(ctx.app);
    expect((await getDetails(token)).statusCode).toBe(200);
    const logout = await authed(ctx.app, token, { method: 'POST', url: '/v1/auth/logout' });
    expect(logout.statusCode).toBe(200);
    expect(logout.json()).toEqual({ message: 'Logout successful' });
    const after = await getDetails(token);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');
    expect(after.headers['www-authenticate']).toContain('invalid_token');
  });

  it('refuses alg none, a forged signature, a tampered payload and an expired token', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const claims = decodeJwt(token);
    const [header, payload, signature] = token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    const forged = await sign(claims, { secret: new TextEncoder().encode('x'.repeat(48)) });
    const tamperedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const tampered = `${header}.${tamperedPayload}.${signature}`;
    for (const bad of [none, forged, tampered]) expect((await getDetails(bad)).statusCode).toBe(401);
    const expired = await sign(
      { sub: claims.sub, sid: claims.sid, role: 'customer' },
      { exp: Math.floor(Date.now() / 1000) - 120 },
    );
    const response = await getDetails(expired);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('token_expired');
  });

  it('refuses a token of another type and ignores key material named in the header', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const claims = decodeJwt(token);
    const idToken = await sign(claims, { typ: 'JWT' });
    expect((await getDetails(idToken)).statusCode).toBe(401);
    const withJku = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', jku: 'http://127.0.0.1:1/keys' })
      .sign(key);
    // Signed with the real key, so it is valid: the jku header was ignored, not fetched.
    expect((await getDetails(withJku)).statusCode).toBe(200);
  });

  it('ignores a token in the query string', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/user/getDetails?token=${token}` });
    expect(response.statusCode).toBe(401);
  });

  it('stops working when the user is disabled', async () => {
    const { token, email } = await registerAndLogin(ctx.app);
    await ctx.database.handle.db.update(users).set({ status: 'disabled' }).where(eq(users.email, email));
    expect((await getDetails(token)).statusCode).toBe(401);
  });
});

describe('POST /v1/auth/refresh', () => {
  const refresh = (refreshToken: string) =>
    ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });

  it('rotates: the new pair works and the old refresh token is single-use', async () => {
    const first = await registerAndLogin(ctx.app);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(
      (await authed(ctx.app, second.token, { method: 'GET', url: '/v1/user/getDetails' })).statusCode,
    ).toBe(200);
  });

  it('revokes the whole session when a rotated token is presented again', async () => {
    const first = await registerAndLogin(ctx.app);
    const second = (await refresh(first.refreshToken)).json();
    const reuse = await refresh(first.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect((await refresh(second.refreshToken)).statusCode).toBe(401);
    expect(
      (await authed(ctx.app, second.token, { method: 'GET', url: '/v1/user/getDetails' })).statusCode,
    ).toBe(401);
    const sid = decodeJwt(first.token).sid as string;
    const [row] = await ctx.database.handle.db.select().from(sessions).where(eq(sessions.id, sid));
    expect(row?.revokedReason).toBe('refresh_token_reuse');
  });

  it('lets exactly one of two simultaneous refreshes through', async () => {
    const first = await registerAndLogin(ctx.app);
    const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('answers 401 for an unknown refresh token and stores only hashes', async () => {
    expect((await refresh('rt_unknown')).statusCode).toBe(401);
    const { refreshToken } = await registerAndLogin(ctx.app);
    const digest = createHash('sha256').update(refreshToken).digest('hex');
    const rows = await ctx.database.handle.sql.executeSql(
      'select token_hash from refresh_tokens where token_hash = $1',
      [digest],
    );
    expect(rows.rows).toHaveLength(1);
    const plain = await ctx.database.handle.sql.executeSql(
      'select 1 from refresh_tokens where token_hash = $1',
      [refreshToken],
    );
    expect(plain.rows).toHaveLength(0);
  });
});

describe('GET /v1/user/getDetails', () => {
  it("returns the original contract's account fields, an ETag and no-store, and nothing secret", async () => {
    const { token, email } = await registerAndLogin(ctx.app, { name: 'Kiran Rao' });
    const response = await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBe('"0"');
    const body = response.json();
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({
      name: 'Kiran Rao',
      email,
      mobileNo: '9876543210',
      __v: 0,
      userImage: null,
    });
    expect(body.data._id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.stringify(body)).not.toMatch(/password/i);
  });

  it('requires a bearer token', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/user/getDetails' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_token', success: false, status: 401 });
  });
});

describe('staff roles', () => {
  it('stores the role and reports it in tokens, with the second factor in amr', async () => {
    const body = newUser();
    await register(body);
    await ctx.database.handle.db.update(users).set({ role: 'reviewer' }).where(eq(users.email, body.email));
    const { token } = await loginStaff(injectPost(ctx.app), { email: body.email, password: STRONG_PASSWORD });
    expect(decodeJwt(token)).toMatchObject({ role: 'reviewer', amr: ['pwd', 'otp'] });
  });
});
