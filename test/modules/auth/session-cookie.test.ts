import { describe, expect, it } from 'vitest';
import { parseCookies } from '../../../src/modules/auth/session-cookie.js';
import { authed, newUser, useTestApp } from '../../helpers/app.js';

const ctx = useTestApp({ PUBLIC_URL: 'https://kyc.example.in' });
const COOKIE_MODE = { 'x-pehchan-session': 'cookie' };

async function registered() {
  const body = newUser();
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/register', payload: body });
  expect(response.statusCode).toBe(201);
  return body;
}

/** The refresh cookie's Set-Cookie line (the other is the page's readable session hint). */
function setCookieOf(response: { headers: Record<string, unknown> }, name = 'pehchan_refresh'): string {
  const header = response.headers['set-cookie'];
  expect(Array.isArray(header)).toBe(true);
  const line = (header as string[]).find((cookie) => cookie.startsWith(`${name}=`));
  expect(line, name).toBeDefined();
  return line!;
}

/** The cookie's value as a browser would send it back. */
const refreshCookieValue = (setCookie: string) =>
  parseCookies(setCookie.split(';')[0]).get('pehchan_refresh')!;

async function cookieLogin() {
  const body = await registered();
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    headers: COOKIE_MODE,
    payload: { email: body.email, password: body.password },
  });
  expect(response.statusCode).toBe(200);
  return response;
}

describe('parseCookies', () => {
  it('reads name=value pairs, unquotes values, keeps the first of a repeated name and skips junk', () => {
    const cookies = parseCookies(' a=1; b="two words"; junk; =x; a=3; c=x=y');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', 'two words'],
      ['c', 'x=y'],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('cookie session mode', () => {
  it('sets the refresh token as an httpOnly, strict, secure cookie on /v1/auth and leaves it out of the body', async () => {
    const response = await cookieLogin();
    const body = response.json();
    expect(body.token).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('refreshToken');
    const setCookie = setCookieOf(response);
    expect(setCookie).toMatch(/^pehchan_refresh=rt_[A-Za-z0-9_-]+; /);
    expect(setCookie).toContain('Path=/v1/auth');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    // PUBLIC_URL is https in this file.
    expect(setCookie).toContain('Secure');
    expect(setCookie).toMatch(/Max-Age=\d+/);
    // The page learns that a session exists without seeing the token.
    const hint = setCookieOf(response, 'pehchan_session');
    expect(hint).toMatch(/^pehchan_session=1; Path=\/; Max-Age=\d+; SameSite=Strict; Secure$/);
    expect(hint).not.toContain('HttpOnly');
  });

  it('keeps the v1 contract without the header: refresh token in the body, no cookie', async () => {
    const body = await registered();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(response.json().refreshToken).toMatch(/^rt_/);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refreshes from the cookie with no body, rotating the cookie', async () => {
    const login = await cookieLogin();
    const first = refreshCookieValue(setCookieOf(login));
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { ...COOKIE_MODE, cookie: `other=1; pehchan_refresh=${first}` },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).not.toHaveProperty('refreshToken');
    const second = refreshCookieValue(setCookieOf(refreshed));
    expect(second).not.toBe(first);
    const me = await authed(ctx.app, refreshed.json().token, { method: 'GET', url: '/v1/user/getDetails' });
    expect(me.statusCode).toBe(200);
  });

  it('does not read the cookie without the header (a cross-site form or fetch cannot add it)', async () => {
    const login = await cookieLogin();
    const value = refreshCookieValue(setCookieOf(login));
    const withoutHeader = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { cookie: `pehchan_refresh=${value}` },
      payload: {},
    });
    expect(withoutHeader.statusCode).toBe(400);
    expect(withoutHeader.json().errors[0].field).toBe('/refreshToken');
    // The cookie was not used up: the header-carrying request still works with it.
    const withHeader = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { ...COOKIE_MODE, cookie: `pehchan_refresh=${value}` },
    });
    expect(withHeader.statusCode).toBe(200);
  });

  it('answers 401 in cookie mode when there is no cookie', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE_MODE });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('invalid_token');
  });

  it('clears the cookie on logout, and the old cookie no longer refreshes', async () => {
    const login = await cookieLogin();
    const value = refreshCookieValue(setCookieOf(login));
    const logout = await authed(ctx.app, login.json().token, { method: 'POST', url: '/v1/auth/logout' });
    expect(logout.statusCode).toBe(200);
    const cleared = setCookieOf(logout);
    expect(cleared).toMatch(/^pehchan_refresh=; /);
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('Path=/v1/auth');
    expect(setCookieOf(logout, 'pehchan_session')).toMatch(/^pehchan_session=; Path=\/; Max-Age=0; /);
    const refresh = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { ...COOKIE_MODE, cookie: `pehchan_refresh=${value}` },
    });
    expect(refresh.statusCode).toBe(401);
    // The dead session's cookies are cleared, so the page stops trying to restore it.
    expect(setCookieOf(refresh, 'pehchan_session')).toMatch(/^pehchan_session=; Path=\/; Max-Age=0; /);
  });
});
