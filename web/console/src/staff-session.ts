import { useEffect, useState } from 'react';
import { api, call } from '../../shared/src/api/client';
import type { IssuedToken } from '../../shared/src/api/session';
import {
  accessClaims,
  endSession,
  mayHaveSession,
  onSessionChange,
  refreshSession,
  startSession,
  tokenClaims,
} from '../../shared/src/api/session';
import { ProblemError } from '../../shared/src/lib/problems';
import type { StaffRole } from './routes';

export type StaffSession =
  | { state: 'loading' }
  | { state: 'signed-out' }
  /** A customer's session (from the onboarding pages on this browser): the console refuses it. */
  | { state: 'customer' }
  | { state: 'staff'; userId: string; role: StaffRole };

function current(): StaffSession {
  const claims = accessClaims();
  if (!claims) return { state: 'signed-out' };
  if (claims.role === 'customer') return { state: 'customer' };
  return { state: 'staff', userId: claims.userId, role: claims.role };
}

/** The console's view of the session: restored from the refresh cookie on a reload. */
export function useStaffSession(): StaffSession {
  const [session, setSession] = useState<StaffSession>(() =>
    accessClaims() ? current() : mayHaveSession() ? { state: 'loading' } : { state: 'signed-out' },
  );
  useEffect(() => {
    const unsubscribe = onSessionChange(() => setSession(current()));
    if (!accessClaims() && mayHaveSession()) void refreshSession().then(() => setSession(current()));
    return unsubscribe;
  }, []);
  return session;
}

/**
 * Starts the console's session with tokens from the login or the second factor, unless they are a
 * customer's: that session is ended at once and the sign-in says the console is for staff.
 */
export async function startStaffSession(issued: IssuedToken): Promise<void> {
  if (tokenClaims(issued.token)?.role === 'customer') {
    await api
      .POST('/v1/auth/logout', { headers: { authorization: `Bearer ${issued.token}` } })
      .catch(() => undefined);
    throw new ProblemError({ status: 403, code: 'staff_only' });
  }
  startSession(issued);
}

export function signOut(): void {
  void call(api.POST('/v1/auth/logout'))
    .catch(() => undefined)
    .finally(endSession);
}
