import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { SessionCache } from '../../../src/modules/auth/session-cache.js';
import type { ActiveSession } from '../../../src/modules/auth/repository.js';
import { authed, registerAndLogin, testConfig, useTestApp } from '../../helpers/app.js';
import { databaseKind } from '../../helpers/database.js';

const session = (overrides: Partial<ActiveSession> = {}): ActiveSession => ({
  sessionId: 'session-1',
  userId: 'user-1',
  role: 'customer',
  secondFactor: false,
  secondFactorAt: null,
  linkId: null,
  expiresAt: new Date(Date.now() + 3_600_000),
  ...overrides,
});

describe('SessionCache', () => {
  const following = (maxAgeSeconds = 30, now = () => Date.now()) => {
    const cache = new SessionCache(maxAgeSeconds, now);
    cache.onListening();
    return cache;
  };
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;

  it('answers a token it was given until its lifetime, the token or the session ends', () => {
    let now = Date.now();
    const cache = following(30, () => now);
    cache.set('token', session(), inAnHour, cache.begin());
    expect(cache.get('token')?.sessionId).toBe('session-1');
    now += 30_000;
    expect(cache.get('token')).toBeUndefined();

    cache.set('token', session(), Math.floor(now / 1000) + 5, cache.begin());
    now += 5_000;
    expect(cache.get('token')).toBeUndefined();

    cache.set('token', session({ expiresAt: new Date(now + 1000) }), inAnHour, cache.begin());
    now += 1_000;
    expect(cache.get('token')).toBeUndefined();
  });

  it('keeps nothing a change was announced for, nor what a read begun before a change brought', () => {
    const cache = following();
    cache.set('a', session(), inAnHour, cache.begin());
    cache.set('b', session({ sessionId: 'session-2' }), inAnHour, cache.begin());
    cache.set('c', session({ sessionId: 'session-3', userId: 'user-2' }), inAnHour, cache.begin());
    cache.onNotification('session:session-1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    cache.onNotification('user:user-1');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
    cache.onNotification('something-new:x');
    expect(cache.get('c')).toBeUndefined();

    const begun = cache.begin();
    cache.onNotification('session:other');
    cache.set('d', session(), inAnHour, begun);
    expect(cache.get('d')).toBeUndefined();
  });

  it('serves nothing while it cannot hear the announcements, and forgets what it had', () => {
    const cache = new SessionCache(30);
    cache.set('a', session(), inAnHour, cache.begin());
    expect(cache.get('a')).toBeUndefined(); // not listening yet

    const begunBeforeListening = cache.begin();
    cache.onListening();
    cache.set('a', session(), inAnHour, begunBeforeListening);
    expect(cache.get('a')).toBeUndefined();

    cache.set('a', session(), inAnHour, cache.begin());
    expect(cache.get('a')).toBeDefined();
    cache.onLost();
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', session(), inAnHour, cache.begin());
    expect(cache.get('a')).toBeUndefined();
    cache.onListening();
    expect(cache.get('a')).toBeUndefined();
  });

  it('caches nothing when its lifetime is 0', () => {
    const cache = following(0);
    cache.set('a', session(), inAnHour, cache.begin());
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('the session cache in the service', () => {
  const context = useTestApp();
  /** A second server on the same database, as behind a load balancer. */
  let other: FastifyInstance;
  beforeAll(async () => {
    other = await buildApp({ config: testConfig(), database: context.database.handle, logger: false });
    await other.ready();
  });
  afterAll(() => other?.close());

  const details = (app: FastifyInstance, token: string) =>
    authed(app, token, { method: 'GET', url: '/v1/user/getDetails' });
  /** Changes sessions and users as an operator's SQL would, without the triggers that announce it. */
  const silently = (statement: ReturnType<typeof sql>) =>
    context.app.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  /** Notifications travel on their own connection: the first answer after a change may come before them. */
  const eventually = async (check: () => Promise<number>, status: number) => {
    const deadline = Date.now() + 3000;
    let seen = await check();
    while (seen !== status && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      seen = await check();
    }
    return seen;
  };

  it('answers a token checked before from memory, without the session row', async () => {
    const { token } = await registerAndLogin(context.app);
    expect((await details(context.app, token)).statusCode).toBe(200);
    await silently(sql`update sessions set revoked_at = now() where revoked_at is null`);
    // Proof that the row was not read again; no real change goes unannounced (next tests).
    expect((await details(context.app, token)).statusCode).toBe(200);
  });

  it('ends a session at once when its row changes, whoever changes it', async () => {
    const { token, email } = await registerAndLogin(context.app);
    expect((await details(context.app, token)).statusCode).toBe(200);
    expect((await details(other, token)).statusCode).toBe(200);
    await context.app.database.db.execute(
      sql`update sessions set revoked_at = now() where user_id = (select id from users where email = ${email})`,
    );
    expect(await eventually(async () => (await details(context.app, token)).statusCode, 401)).toBe(401);
    expect(await eventually(async () => (await details(other, token)).statusCode, 401)).toBe(401);
  });

  it('ends every session of a disabled account, on every server', async () => {
    const { token, email } = await registerAndLogin(context.app);
    expect((await details(other, token)).statusCode).toBe(200);
    await context.app.database.db.execute(sql`update users set status = 'disabled' where email = ${email}`);
    expect(await eventually(async () => (await details(other, token)).statusCode, 401)).toBe(401);
  });

  it('a logout on one server ends the token on the others', async () => {
    const { token } = await registerAndLogin(context.app);
    expect((await details(other, token)).statusCode).toBe(200);
    const logout = await authed(context.app, token, { method: 'POST', url: '/v1/auth/logout' });
    expect(logout.statusCode).toBe(200);
    expect((await details(context.app, token)).statusCode).toBe(401);
    expect(await eventually(async () => (await details(other, token)).statusCode, 401)).toBe(401);
  });

  it.runIf(databaseKind === 'postgres')(
    'reads every session row again while the notifications cannot be heard',
    async () => {
      const { token } = await registerAndLogin(context.app);
      expect((await details(context.app, token)).statusCode).toBe(200);
      await context.app.database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pehchan-listen' and datname = current_database()`,
      );
      // Both servers' listening connections are gone: a silent revocation is seen at once, from the row.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await silently(sql`update sessions set revoked_at = now() where revoked_at is null`);
      expect((await details(context.app, token)).statusCode).toBe(401);

      // They come back by themselves, and cache again.
      const fresh = await registerAndLogin(context.app);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await details(context.app, fresh.token)).statusCode).toBe(200);
      await silently(sql`update sessions set revoked_at = now() where revoked_at is null`);
      expect((await details(context.app, fresh.token)).statusCode).toBe(200);
    },
  );
});
