import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { vi, describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema/index.js';
import { Argon2Pool, HashQueueFull } from '../../../src/modules/auth/argon2-pool.js';
import { verifyPassword } from '../../../src/modules/auth/passwords.js';
import { newUser, registerAndLogin, STRONG_PASSWORD, useTestApp } from '../../helpers/app.js';

// One hashing thread (read at the first hash), so the test knows which job the worker is on.
vi.stubEnv('PASSWORD_HASH_THREADS', '1');
const ctx = useTestApp({ LOGIN_FAILURES_PER_ADDRESS: '3' });

/** A well-formed argon2id hash of nothing: checking a password against it costs `passes` passes over 19 MiB. */
const hashOfNothing = (passes: number, memoryKib = 19456) =>
  `$argon2id$v=19$m=${memoryKib},t=${passes},p=1$${unpadded(16)}$${unpadded(32)}`;
/** PHC strings carry standard base64 without padding. */
const unpadded = (bytes: number) => randomBytes(bytes).toString('base64').replace(/=+$/, '');

/**
 * Keeps the service's hashing thread on one long check (at least a second on a fast machine) and fills the
 * queue behind it with quick ones until the pool refuses more; resolves when it has all drained.
 */
function saturateHashing(): Promise<unknown> {
  const long = verifyPassword(hashOfNothing(500), 'x');
  const quick = Array.from({ length: 1_000 }, () => verifyPassword(hashOfNothing(1, 1024), 'x'));
  return Promise.allSettled([long, ...quick]);
}

const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
const register = (body: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/register', payload: body });

describe('a full password-hash queue', () => {
  it('answers 503 with Retry-After, stores nothing and counts no failed login', async () => {
    const customer = newUser();
    expect((await register(customer)).statusCode).toBe(201);
    const latecomer = newUser();

    const drained = saturateHashing();
    // More wrong passwords than LOGIN_FAILURES_PER_ADDRESS: none is checked, so none may count.
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await login(customer.email, 'not the password at all');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({ code: 'service_unavailable', success: false });
    }
    // An unknown email needs the dummy hash, refused too; the refusal must not be kept for later logins.
    expect((await login('nobody.here@example.com', STRONG_PASSWORD)).statusCode).toBe(503);
    expect((await register(latecomer)).statusCode).toBe(503);
    await drained;

    expect((await login('nobody.here@example.com', STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await login(customer.email, STRONG_PASSWORD)).statusCode).toBe(200);
    // The refused sign-up left no account behind.
    expect((await register(latecomer)).statusCode).toBe(201);
  });
});

describe('re-hashing an old password hash at sign-in', () => {
  const storedHash = async (email: string) =>
    (await ctx.database.handle.db.select().from(users).where(eq(users.email, email)))[0]!.passwordHash;

  it('is skipped while the queue is full, so the right password still signs in; the next sign-in re-hashes', async () => {
    const { email, password } = await registerAndLogin(ctx.app);
    const weak = await hash(password, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await ctx.database.handle.db.update(users).set({ passwordHash: weak }).where(eq(users.email, email));

    // The pool refuses the re-hash (and only it: the password check is a verify).
    const refuse = vi.spyOn(Argon2Pool.prototype, 'hash').mockRejectedValueOnce(new HashQueueFull());
    try {
      expect((await login(email, password)).statusCode).toBe(200);
      expect(refuse).toHaveBeenCalledTimes(1);
      expect(await storedHash(email)).toBe(weak);
    } finally {
      refuse.mockRestore();
    }

    expect((await login(email, password)).statusCode).toBe(200);
    expect(await storedHash(email)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
