// The signed-in person's session in the browser (a customer in onboarding, staff in the console).
// The access token lives in memory only; the refresh token is an httpOnly cookie the server sets when
// asked with `x-pehchan-session: cookie`, so no script can read it.
export const COOKIE_MODE = { 'x-pehchan-session': 'cookie' } as const;

/** Refresh this long before the access token expires, so that no request goes out with a stale one. */
const REFRESH_MARGIN_MS = 30_000;

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

type Listener = (signedIn: boolean) => void;

let access: { token: string; expiresAt: number } | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<Listener>();

/** Who the access token speaks for, read from its payload (the server checks it; this only shapes the page). */
export interface AccessClaims {
  userId: string;
  role: 'customer' | 'reviewer' | 'admin';
}

/** The claims of an access token, or undefined when it cannot be read. */
export function tokenClaims(token: string): AccessClaims | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
      role?: unknown;
    };
    if (typeof claims.sub !== 'string') return undefined;
    if (claims.role !== 'customer' && claims.role !== 'reviewer' && claims.role !== 'admin') return undefined;
    return { userId: claims.sub, role: claims.role };
  } catch {
    return undefined;
  }
}

/** The signed-in person's claims, or undefined when signed out. */
export function accessClaims(): AccessClaims | undefined {
  return access ? tokenClaims(access.token) : undefined;
}

export function isSignedIn(): boolean {
  return access !== undefined;
}

export function startSession(issued: IssuedToken): void {
  access = { token: issued.token, expiresAt: Date.parse(issued.expiresAt) };
  for (const listener of listeners) listener(true);
}

export function endSession(): void {
  access = undefined;
  for (const listener of listeners) listener(false);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A usable access token, refreshed through the cookie first when it is about to expire. */
export async function freshAccessToken(): Promise<string | undefined> {
  if (access && access.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refreshSession();
  return access?.token;
}

/**
 * Whether the server said a refresh cookie was set (its readable `pehchan_session` hint): without it
 * there is no session to restore, and asking would only earn a 401.
 */
export function mayHaveSession(): boolean {
  return document.cookie.split(';').some((cookie) => cookie.trim() === 'pehchan_session=1');
}

/** Trades the refresh cookie for a new access token; concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/v1/auth/refresh', {
        method: 'POST',
        headers: { ...COOKIE_MODE, 'content-type': 'application/json' },
        body: '{}',
        credentials: 'same-origin',
      });
      if (!response.ok) {
        endSession();
        return false;
      }
      startSession((await response.json()) as IssuedToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}
