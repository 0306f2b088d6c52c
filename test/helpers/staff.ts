import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { staffMfa, users } from '../../src/db/schema/index.js';
import type { UserRole } from '../../src/db/schema/index.js';
import { registerAndLogin } from './app.js';
import type { TestDatabase } from './database.js';

/** A POST with a JSON body, through `app.inject` or real HTTP. */
export type Post = (url: string, payload: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const injectPost =
  (app: FastifyInstance): Post =>
  async (url, payload) => {
    const response = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
    return { status: response.statusCode, body: response.json() };
  };

export interface StaffAccount {
  email: string;
  password: string;
  /** Filled in by the first login, which enrols the second factor. */
  totpSecret?: string;
  recoveryCodes?: string[];
}

export interface Tokens {
  token: string;
  refreshToken: string;
  expiresAt: string;
}

/** The authenticator's code for `secret` at `timestamp` (now by default). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

/**
 * A staff login as a person does it: the password, then (at the first login) the enrolment of the
 * second factor, then a code from the authenticator. Enrolment fills in `account.totpSecret`.
 */
export async function loginStaff(post: Post, account: StaffAccount): Promise<Tokens> {
  const login = await post('/v1/auth/login', { email: account.email, password: account.password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  if (login.body.token) return login.body as Tokens;
  const { mfaToken } = login.body as { mfaToken: string };
  if (login.body.mfaEnrollmentRequired) {
    const enrolled = await post('/v1/auth/mfa/enroll', { mfaToken });
    if (enrolled.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
    account.totpSecret = enrolled.body.secret;
    account.recoveryCodes = enrolled.body.recoveryCodes;
  }
  if (!account.totpSecret) throw new Error(`${account.email} has a second factor this helper did not enrol`);
  const verified = await post('/v1/auth/mfa/verify', { mfaToken, code: totpCode(account.totpSecret) });
  if (verified.status !== 200) throw new Error(`second factor refused: ${JSON.stringify(verified.body)}`);
  return verified.body as Tokens;
}

/**
 * Another login of an enrolled staff account. A TOTP code is accepted once, so a test that logs in
 * again within the same 30 seconds first forgets which code was used last (in the database).
 */
export async function reloginStaff(
  app: FastifyInstance,
  database: TestDatabase,
  account: StaffAccount & { userId: string },
): Promise<Tokens> {
  await database.handle.db
    .update(staffMfa)
    .set({ lastUsedStep: null, attempts: 0 })
    .where(eq(staffMfa.userId, account.userId));
  return loginStaff(injectPost(app), account);
}

/**
 * A signed-in user with `role`: registered as a customer (with `overrides` of the registration, e.g.
 * a name), promoted in the database, signed in again.
 */
export async function promoteAndLogin(
  app: FastifyInstance,
  database: TestDatabase,
  role: UserRole,
  overrides: Record<string, unknown> = {},
) {
  const registered = await registerAndLogin(app, overrides);
  const [user] = await database.handle.db
    .update(users)
    .set({ role })
    .where(eq(users.email, registered.email))
    .returning({ id: users.id });
  const account: StaffAccount = { email: registered.email, password: registered.password };
  const tokens = await loginStaff(injectPost(app), account);
  return { ...account, ...tokens, userId: user!.id };
}
