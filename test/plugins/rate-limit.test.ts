import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCounterStore, RedisCounterStore } from '../../src/plugins/rate-limit.js';
import type { CounterStore } from '../../src/plugins/rate-limit.js';
import { newUser, useTestApp } from '../helpers/app.js';

const ctx = useTestApp({
  LOGIN_FAILURES_PER_ACCOUNT: '3',
  LOGIN_RATE_LIMIT_PER_MINUTE: '8',
  REGISTER_RATE_LIMIT_PER_HOUR: '4',
});

let address = 0;
const freshIp = () => `10.9.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

const login = (email: string, password: string, remoteAddress: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress });

describe('login limits', () => {
  it('throttles an account after repeated failures, and the right password then gets the same answer', async () => {
    const user = newUser();
    await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: user,
      remoteAddress: freshIp(),
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await login(user.email, 'wrong password!', freshIp())).statusCode).toBe(401);
    }
    const wrong = await login(user.email, 'wrong password!', freshIp());
    const right = await login(user.email, user.password, freshIp());
    expect(wrong.statusCode).toBe(429);
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(right.json())).toEqual(strip(wrong.json()));
  });

  it('throttles unknown accounts exactly like known ones', async () => {
    const email = `ghost${Date.now()}@example.com`;
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await login(email, 'wrong password!', freshIp())).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits logins per IP across different accounts', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push(
        (await login(`spray${attempt}.${Date.now()}@example.com`, 'password guess', ip)).statusCode,
      );
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('does not believe X-Forwarded-For without TRUST_PROXY', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: `xff${attempt}.${Date.now()}@example.com`, password: 'password guess' },
        remoteAddress: ip,
        headers: { 'x-forwarded-for': `203.0.113.${attempt}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('counts concurrent failures atomically', async () => {
    const email = `race${Date.now()}@example.com`;
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => login(email, 'wrong password!', freshIp())),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
  });
});

describe('registration limit', () => {
  it('limits registrations per IP per hour', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: newUser(),
        remoteAddress: ip,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReachable = await (async () => {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
})();

const redisPrefix = `pehchan:test:${randomBytes(4).toString('hex')}:`;

const storeKinds: Array<[string, () => CounterStore | Promise<CounterStore>]> = [
  ['memory', () => new MemoryCounterStore()],
];
if (redisReachable) storeKinds.push(['redis', () => RedisCounterStore.connect(redisUrl, redisPrefix)]);

describe.each(storeKinds)('%s counter store', (name, create) => {
  const stores: CounterStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('increments atomically under concurrency and expires with its window', async () => {
    const store = await create();
    stores.push(store);
    const key = `k-${name}`;
    const hits = await Promise.all(Array.from({ length: 50 }, () => store.increment(key, 60)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await store.peek(key)).count).toBe(50);
    expect((await store.peek(key)).resetSeconds).toBeGreaterThan(0);
    await store.reset(key);
    expect((await store.peek(key)).count).toBe(0);
  });

  it.runIf(name === 'redis')('shares counters between processes (two stores on one Redis)', async () => {
    const first = await create();
    const second = await create();
    stores.push(first, second);
    await first.increment('shared', 60);
    await second.increment('shared', 60);
    expect((await first.peek('shared')).count).toBe(2);
  });
});
