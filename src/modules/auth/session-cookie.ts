import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';

/**
 * Cookie session mode for the browser: a request with `x-pehchan-session: cookie` gets its refresh
 * token as an httpOnly cookie instead of in the body, and refreshes from that cookie. The cookie is
 * read only when the header is there: a cross-site page cannot add a custom header without a CORS
 * preflight (which Pehchan does not grant with credentials), so it cannot refresh with the cookie.
 */
export const SESSION_MODE_HEADER = 'x-pehchan-session';
export const REFRESH_COOKIE = 'pehchan_refresh';
/**
 * Readable by the page and holding nothing secret: it tells the onboarding app that a refresh cookie
 * exists, so a first visit does not ask /v1/auth/refresh for a session that cannot be there.
 */
export const SESSION_HINT_COOKIE = 'pehchan_session';
/** Sent only to the auth routes (refresh, logout), never to the rest of the API. */
const COOKIE_PATH = '/v1/auth';

export interface CookieSettings {
  /** Secure when Pehchan is served over https (PUBLIC_URL). */
  secure: boolean;
  maxAgeSeconds: number;
}

/** The cookie's attributes for this deployment; it lives as long as a session can. */
export function cookieSettings(config: Config, sessionMaxAgeSeconds: number): CookieSettings {
  return {
    secure: config.messaging.publicUrl.startsWith('https://'),
    maxAgeSeconds: Math.min(config.refreshTokenTtlSeconds, sessionMaxAgeSeconds),
  };
}

/** True when the request asks for cookie session mode. */
export function wantsCookieSession(request: FastifyRequest): boolean {
  const value = request.headers[SESSION_MODE_HEADER];
  return typeof value === 'string' && value.trim().toLowerCase() === 'cookie';
}

/**
 * The cookies of a `Cookie` header (RFC 6265 §4.2: `name=value` pairs separated by `;`). The first
 * of a repeated name wins, as browsers send the most specific path first; quoted values are unquoted;
 * malformed pairs are skipped.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    let value = pair.slice(separator + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The refresh token from the cookie, only in cookie session mode. */
export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  if (!wantsCookieSession(request)) return undefined;
  const value = parseCookies(request.headers.cookie).get(REFRESH_COOKIE);
  return value ? value : undefined;
}

function cookies(token: string, maxAgeSeconds: number, secure: boolean): string[] {
  const common = [`Max-Age=${maxAgeSeconds}`, 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  return [
    [`${REFRESH_COOKIE}=${token}`, `Path=${COOKIE_PATH}`, ...common, 'HttpOnly'].join('; '),
    [`${SESSION_HINT_COOKIE}=${token ? '1' : ''}`, 'Path=/', ...common].join('; '),
  ];
}

/** Sets the refresh cookie (the token is base64url, safe in a cookie value as it is) and its hint. */
export function setRefreshCookie(reply: FastifyReply, token: string, settings: CookieSettings): void {
  reply.header('set-cookie', cookies(token, settings.maxAgeSeconds, settings.secure));
}

export function clearRefreshCookie(reply: FastifyReply, settings: CookieSettings): void {
  reply.header('set-cookie', cookies('', 0, settings.secure));
}

/**
 * What a route answers with a new token pair: in cookie mode the refresh token goes into the cookie
 * and out of the body; otherwise the body is the v1 contract's.
 */
export function deliverTokens<T extends { refreshToken: string }>(
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: T,
  settings: CookieSettings,
): Omit<T, 'refreshToken'> & { refreshToken?: string } {
  if (!wantsCookieSession(request)) return tokens;
  const { refreshToken, ...rest } = tokens;
  setRefreshCookie(reply, refreshToken, settings);
  return rest;
}
