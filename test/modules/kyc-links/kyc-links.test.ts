import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kycLinks, users, webhookEvents } from '../../../src/db/schema/index.js';
import { NO_PASSWORD_HASH } from '../../../src/modules/auth/passwords.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { verifyPehchanReturn } from '../../helpers/kyc-link-return.js';

const HOST = 'https://host.example.in';
const WEBHOOK_SECRET = `whsec_${Buffer.from('kyc-links-test-signing-key-32-bytes!').toString('base64')}`;
const ctx = useTestApp({ LINK_REDIRECT_ORIGINS: `${HOST},https://other.example.in`, WEBHOOK_SECRET });
const db = () => ctx.database.handle.db;

let linksKey: string;
async function key() {
  linksKey ??= (await ctx.app.services.apiKeys.create({ name: 'links', scopes: ['links:write'] })).key;
  return linksKey;
}

let counter = 0;
function customer(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const unique = `${process.pid}-${counter}-${Math.floor(Math.random() * 1e6)}`;
  return {
    externalId: `host-${unique}`,
    email: `link.${unique}@example.com`,
    mobileNo: '9876543210',
    name: 'Meera Iyer',
    redirectUrl: `${HOST}/kyc/done?session=abc`,
    ...overrides,
  };
}

async function createLink(body: Record<string, unknown>, apiKey?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/v1/integration/kyc-links',
    headers: { 'x-api-key': apiKey ?? (await key()) },
    payload: body,
  });
}

async function newLink(body: Record<string, unknown> = customer()) {
  const response = await createLink(body);
  expect(response.statusCode).toBe(201);
  const data = response.json().data as { linkId: string; url: string; expiresAt: string };
  return { ...data, token: data.url.split('#')[1]! };
}

const exchange = (token: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/v1/kyc-links/exchange', headers, payload: { token } });

async function getLink(linkId: string) {
  return ctx.app.inject({
    method: 'GET',
    url: `/v1/integration/kyc-links/${linkId}`,
    headers: { 'x-api-key': await key() },
  });
}

async function revokeLink(linkId: string) {
  return ctx.app.inject({
    method: 'DELETE',
    url: `/v1/integration/kyc-links/${linkId}`,
    headers: { 'x-api-key': await key() },
  });
}

const complete = (token: string) => authed(ctx.app, token, { method: 'POST', url: '/v1/kyc-links/complete' });

describe('creating a KYC link', () => {
  it('answers the link with its token only in the fragment, and stores only the hash', async () => {
    const body = customer({ locale: 'hi', expiresIn: 600 });
    const before = Date.now();
    const link = await newLink(body);
    expect(link.url).toMatch(/^http:\/\/localhost:8081\/onboard\/link#kl_[A-Za-z0-9_-]{43}$/);
    const expiresAt = Date.parse(link.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000 + 1000);
    const [row] = await db().select().from(kycLinks).where(eq(kycLinks.id, link.linkId));
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.locale).toBe('hi');
  });

  it('refuses an API key without the links:write scope with 403', async () => {
    const other = (
      await ctx.app.services.apiKeys.create({ name: 'read', scopes: ['users:read', 'users:write'] })
    ).key;
    const response = await createLink(customer(), other);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('refuses a redirectUrl off the allow-list, or not a URL, with 400 naming /redirectUrl', async () => {
    for (const redirectUrl of [
      'https://evil.example.com/kyc',
      'http://host.example.in/kyc',
      'https://host.example.in:8443/kyc',
      'javascript:alert(1)',
      'not a url',
      'https://user:pass@host.example.in/kyc',
    ]) {
      const body = customer({ redirectUrl });
      const response = await createLink(body);
      expect(response.statusCode, redirectUrl).toBe(400);
      expect(response.json().errors[0].field).toBe('/redirectUrl');
      const created = await db().select().from(users).where(eq(users.externalId, body.externalId));
      expect(created).toEqual([]);
    }
  });

  it('checks expiresIn bounds and the locale', async () => {
    for (const [field, value] of [
      ['expiresIn', 299],
      ['expiresIn', 604_801],
      ['locale', 'fr'],
    ] as const) {
      const response = await createLink(customer({ [field]: value }));
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe(`/${field}`);
    }
  });

  it('needs name, email and mobileNo to create a customer for a new externalId', async () => {
    const { externalId, redirectUrl } = customer();
    const response = await createLink({ externalId, redirectUrl });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['/email', '/mobileNo', '/name']);
  });

  it('creates a passwordless customer for a new externalId and reuses it for the next link', async () => {
    const body = customer();
    const first = await newLink(body);
    const [user] = await db().select().from(users).where(eq(users.externalId, body.externalId));
    expect(user).toMatchObject({ email: body.email, mobileNo: body.mobileNo, role: 'customer' });
    expect(user?.passwordHash).toBe(NO_PASSWORD_HASH);

    // A known externalId needs no contacts, and any given are not used.
    const second = await newLink({
      externalId: body.externalId,
      redirectUrl: body.redirectUrl,
      email: 'x@y.in',
    });
    const rows = await db().select().from(kycLinks).where(eq(kycLinks.externalId, body.externalId));
    expect(rows.map((row) => row.id).sort()).toEqual([first.linkId, second.linkId].sort());
    expect(new Set(rows.map((row) => row.userId))).toEqual(new Set([user!.id]));
  });

  it('creates one customer when two links for a new externalId are made at once', async () => {
    const body = customer();
    const answers = await Promise.all([createLink(body), createLink(body)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
    const created = await db().select().from(users).where(eq(users.externalId, body.externalId));
    expect(created).toHaveLength(1);
    const rows = await db().select().from(kycLinks).where(eq(kycLinks.externalId, body.externalId));
    expect(rows.map((row) => row.userId)).toEqual([created[0]!.id, created[0]!.id]);
  });

  it('refuses sign-in with a password to a customer made by a link, like a wrong password', async () => {
    const body = customer();
    await newLink(body);
    for (const password of [NO_PASSWORD_HASH, '', 'correct horse battery staple']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: body.email, password },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid_credentials');
    }
  });

  it('answers 409 email_taken when a new externalId brings an email another account has', async () => {
    const existing = await registerAndLogin(ctx.app);
    const response = await createLink(customer({ email: existing.email }));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('email_taken');
  });
});

describe('looking at and revoking a link', () => {
  it('shows a pending link with the customer’s KYC status', async () => {
    const body = customer();
    const link = await newLink(body);
    const response = await getLink(link.linkId);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({
      linkId: link.linkId,
      externalId: body.externalId,
      status: 'pending',
      locale: 'en',
      kycStatus: 'draft',
      redirectUrl: body.redirectUrl,
      expiresAt: link.expiresAt,
      openedAt: null,
      completedAt: null,
      revokedAt: null,
    });
    expect((await getLink('0190a0b0-0000-7000-8000-000000000000')).json().code).toBe('link_not_found');
  });

  it('revokes a link: it cannot be opened, and revoking again changes nothing', async () => {
    const link = await newLink();
    const revoked = await revokeLink(link.linkId);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data.status).toBe('revoked');
    const again = await revokeLink(link.linkId);
    expect(again.json().data.revokedAt).toBe(revoked.json().data.revokedAt);
    const opened = await exchange(link.token);
    expect(opened.statusCode).toBe(410);
    expect(opened.json().code).toBe('link_revoked');
  });

  it('ends the session an opened link began when the link is revoked', async () => {
    const link = await newLink();
    const session = (await exchange(link.token)).json().data;
    expect(
      (await authed(ctx.app, session.accessToken, { method: 'GET', url: '/v1/user/getDetails' })).statusCode,
    ).toBe(200);
    await revokeLink(link.linkId);
    const after = await authed(ctx.app, session.accessToken, { method: 'GET', url: '/v1/user/getDetails' });
    expect(after.statusCode).toBe(401);
  });
});

describe('opening a link', () => {
  it('exchanges the token once for a customer session bound to the link', async () => {
    const body = customer({ locale: 'hi' });
    const link = await newLink(body);
    const response = await exchange(link.token);
    expect(response.statusCode).toBe(200);
    const data = response.json().data;
    expect(data).toMatchObject({
      accessToken: expect.any(String),
      expiresIn: ctx.config.accessTokenTtlSeconds,
      refreshToken: expect.stringMatching(/^rt_/),
      link: { linkId: link.linkId, locale: 'hi', parentOrigin: HOST },
    });
    const me = await authed(ctx.app, data.accessToken, { method: 'GET', url: '/v1/user/getDetails' });
    expect(me.statusCode).toBe(200);
    expect(me.json().data.email).toBe(body.email);
    expect((await getLink(link.linkId)).json().data).toMatchObject({
      status: 'opened',
      openedAt: expect.any(String),
    });

    const second = await exchange(link.token);
    expect(second.statusCode).toBe(410);
    expect(second.json().code).toBe('link_used');
  });

  it('lets exactly one of two simultaneous exchanges win', async () => {
    const link = await newLink();
    const answers = await Promise.all([exchange(link.token), exchange(link.token)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 410]);
    expect(answers.find((answer) => answer.statusCode === 410)!.json().code).toBe('link_used');
  });

  it('answers 403 for a disabled customer without using the link up', async () => {
    const link = await newLink();
    const { userId } = (await getLink(link.linkId)).json().data as { userId: string };
    await db().update(users).set({ status: 'disabled' }).where(eq(users.id, userId));
    expect((await exchange(link.token)).statusCode).toBe(403);
    expect((await getLink(link.linkId)).json().data.status).toBe('pending');
    await db().update(users).set({ status: 'active' }).where(eq(users.id, userId));
    expect((await exchange(link.token)).statusCode).toBe(200);
  });

  it('refuses a link whose host origin was taken off LINK_REDIRECT_ORIGINS since it was made', async () => {
    const link = await newLink();
    await db()
      .update(kycLinks)
      .set({ redirectUrl: 'https://removed.example.in/kyc/done' })
      .where(eq(kycLinks.id, link.linkId));
    const response = await exchange(link.token);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('links_not_configured');
    expect((await getLink(link.linkId)).json().data.status).toBe('pending');
  });

  it('answers 410 link_expired for a link past its time', async () => {
    const link = await newLink();
    await db()
      .update(kycLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(kycLinks.id, link.linkId));
    const response = await exchange(link.token);
    expect(response.statusCode).toBe(410);
    expect(response.json().code).toBe('link_expired');
    expect((await getLink(link.linkId)).json().data.status).toBe('expired');
  });

  it('answers 404 link_not_found for an unknown or malformed token', async () => {
    for (const token of [`kl_${'A'.repeat(43)}`, 'nonsense']) {
      const response = await exchange(token);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('link_not_found');
    }
  });

  it('puts the refresh token in the httpOnly cookie in cookie session mode', async () => {
    const link = await newLink();
    const response = await exchange(link.token, { 'x-pehchan-session': 'cookie' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).not.toHaveProperty('refreshToken');
    const setCookie = (response.headers['set-cookie'] as string[])[0]!;
    expect(setCookie).toMatch(/^pehchan_refresh=rt_[A-Za-z0-9_-]+; Path=\/v1\/auth; /);
    expect(setCookie).toContain('HttpOnly');
    // The refreshed session still belongs to the link: complete works with the new access token.
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'x-pehchan-session': 'cookie', cookie: setCookie.split(';')[0]! },
    });
    expect(refreshed.statusCode).toBe(200);
    expect((await complete(refreshed.json().token)).statusCode).toBe(200);
  });
});

describe('completing a link', () => {
  it('answers the host’s URL with a signed status the host can verify, and sends the webhooks', async () => {
    const body = customer();
    const link = await newLink(body);
    const session = (await exchange(link.token)).json().data;
    const response = await complete(session.accessToken);
    expect(response.statusCode).toBe(200);
    const redirectUrl = response.json().data.redirectUrl as string;
    const returned = new URL(redirectUrl);
    expect(returned.origin + returned.pathname).toBe(`${HOST}/kyc/done`);
    expect(returned.searchParams.get('session')).toBe('abc');
    expect(verifyPehchanReturn(redirectUrl, WEBHOOK_SECRET)).toEqual({
      linkId: link.linkId,
      status: 'draft',
    });

    // A changed status, another secret or an old timestamp does not verify.
    const tampered = new URL(redirectUrl);
    tampered.searchParams.set('status', 'approved');
    expect(verifyPehchanReturn(tampered.toString(), WEBHOOK_SECRET)).toBeNull();
    expect(
      verifyPehchanReturn(
        redirectUrl,
        `whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`,
      ),
    ).toBeNull();
    expect(verifyPehchanReturn(redirectUrl, WEBHOOK_SECRET, -120)).toBeNull();

    expect((await getLink(link.linkId)).json().data).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
    });

    // Completing again gives a fresh redirect; the webhook went out once.
    expect((await complete(session.accessToken)).statusCode).toBe(200);
    const [user] = await db().select().from(users).where(eq(users.externalId, body.externalId));
    const events = await db().select().from(webhookEvents).where(eq(webhookEvents.userId, user!.id));
    expect(events.map((event) => event.type).sort()).toEqual(['kyc_link.completed', 'kyc_link.opened']);
    for (const event of events)
      expect(event.payload).toMatchObject({
        type: event.type,
        data: {
          linkId: link.linkId,
          userId: user!.id,
          externalId: body.externalId,
          kycStatus: 'draft',
          verifiedStatus: null,
          verifiedAt: null,
        },
      });
  });

  it('answers 409 not_link_session for a session that began with a password', async () => {
    const signedIn = await registerAndLogin(ctx.app);
    const response = await complete(signedIn.token);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('not_link_session');
  });
});
