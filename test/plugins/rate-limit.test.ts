import { randomBytes, randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCounterStore, RedisCounterStore, throttleAddress } from '../../src/plugins/rate-limit.js';
import type { CounterStore } from '../../src/plugins/rate-limit.js';
import { newUser, useTestApp } from '../helpers/app.js';
import type { TestContext } from '../helpers/app.js';

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

const LIMITS = {
  LOGIN_FAILURES_PER_ADDRESS: '3',
  LOGIN_FAILURES_PER_ACCOUNT: '6',
  LOGIN_RATE_LIMIT_PER_MINUTE: '8',
  REGISTER_RATE_LIMIT_PER_HOUR: '4',
};

// Random per run, 16 bits: counters in a shared Redis must not meet another run's within their window (one in
// 256 did: CI's passes run within the hour of the registration limit).
const network = randomInt(0, 65_536);
let address = 0;
const freshIp = () => {
  if (++address > 254) throw new Error('rate-limit tests: more addresses than one /24 holds');
  return `10.${network >> 8}.${network & 255}.${address}`;
};

function authLimits(ctx: TestContext) {
  const login = (email: string, password: string, remoteAddress: string) =>
    ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress });
  const statusesOf = async (attempts: Array<Promise<{ statusCode: number }>>) =>
    (await Promise.all(attempts)).map((response) => response.statusCode);
  const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

  async function registered() {
    const user = newUser();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: user,
      remoteAddress: freshIp(),
    });
    expect(response.statusCode).toBe(201);
    return user;
  }

  it('slows an attacker on one address, even with the right password, while the owner elsewhere gets in', async () => {
    const user = await registered();
    const attacker = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 8; attempt++)
      statuses.push((await login(user.email, 'wrong password!', attacker)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    const wrong = await login(user.email, 'wrong password!', attacker);
    const right = await login(user.email, user.password, attacker);
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    expect(strip(right.json())).toEqual(strip(wrong.json()));

    expect((await login(user.email, user.password, freshIp())).statusCode).toBe(200);
    // The owner's success does not lift the attacker's throttle.
    expect((await login(user.email, user.password, attacker)).statusCode).toBe(429);
  });

  it('throttles unknown accounts exactly like known ones', async () => {
    const email = `ghost${Date.now()}@example.com`;
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await login(email, 'wrong password!', ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('stops a distributed attack at the account-wide cap; a clean address still gets one try', async () => {
    const user = await registered();
    const attackers = [freshIp(), freshIp(), freshIp()];
    // Two failures from each of three addresses: six, the cap; no address reached its own limit.
    for (const ip of [...attackers, ...attackers])
      expect((await login(user.email, 'wrong password!', ip)).statusCode).toBe(401);
    // An address with failures is refused now, whatever the password, with the same answer.
    const wrong = await login(user.email, 'wrong password!', attackers[0]!);
    const right = await login(user.email, user.password, attackers[1]!);
    expect([wrong.statusCode, right.statusCode]).toEqual([429, 429]);
    expect(strip(right.json())).toEqual(strip(wrong.json()));
    // A new attacking address gets one guess, then the same refusal even with the right password.
    const newcomer = freshIp();
    expect((await login(user.email, 'another guess', newcomer)).statusCode).toBe(401);
    expect((await login(user.email, user.password, newcomer)).statusCode).toBe(429);
    // The owner, from an address without failures, gets in; the cap stays for the attackers.
    const owner = freshIp();
    expect((await login(user.email, user.password, owner)).statusCode).toBe(200);
    expect((await login(user.email, user.password, owner)).statusCode).toBe(200);
    expect((await login(user.email, user.password, attackers[2]!)).statusCode).toBe(429);
  });

  it('counts concurrent failures from one address atomically', async () => {
    const email = `race${Date.now()}@example.com`;
    const ip = freshIp();
    const statuses = await statusesOf(Array.from({ length: 12 }, () => login(email, 'wrong password!', ip)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
  });

  it('lets exactly one of several concurrent attempts from a clean address through the cap', async () => {
    const user = await registered();
    for (let attempt = 0; attempt < 6; attempt++) await login(user.email, 'wrong password!', freshIp());
    const ip = freshIp();
    const statuses = await statusesOf(Array.from({ length: 5 }, () => login(user.email, user.password, ip)));
    expect(statuses.sort()).toEqual([200, 429, 429, 429, 429]);
  });

  it('counts an IPv6 client by its /64', async () => {
    const email = `six${Date.now()}@example.com`;
    const prefix = `2001:db8:${network.toString(16)}:${(++address).toString(16)}`;
    const statuses = [];
    for (let host = 1; host <= 4; host++)
      statuses.push((await login(email, 'wrong password!', `${prefix}::${host.toString(16)}`)).statusCode);
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
    const email = `xff${Date.now()}@example.com`;
    const statuses = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        // One account: a forged address on each request must not buy fresh (account, address) tries.
        payload: { email, password: 'password guess' },
        remoteAddress: ip,
        headers: { 'x-forwarded-for': `203.0.113.${attempt}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
  });

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

  it('limits registrations per IPv6 /64, not per address', async () => {
    const prefix = `2001:db8:${network.toString(16)}:${(++address).toString(16)}`;
    const statuses = [];
    for (let host = 1; host <= 6; host++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: newUser(),
        remoteAddress: `${prefix}::${host.toString(16)}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });
}

describe('login and registration limits (memory counters)', () => {
  authLimits(useTestApp(LIMITS));
});

describe.runIf(redisReachable)('login and registration limits (Redis counters)', () => {
  authLimits(useTestApp({ ...LIMITS, REDIS_URL: redisUrl }));
});

describe('throttleAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, expected) => {
    expect(throttleAddress(ip)).toBe(expected);
  });
});

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

  it('gives a hit back without going below zero or reviving an expired counter', async () => {
    const store = await create();
    stores.push(store);
    const key = `d-${name}`;
    await store.increment(key, 60);
    await store.increment(key, 60);
    await store.decrement(key);
    expect(await store.peek(key)).toMatchObject({ count: 1, resetSeconds: expect.any(Number) });
    expect((await store.peek(key)).resetSeconds).toBeGreaterThan(0);
    await store.decrement(key);
    await store.decrement(key);
    expect((await store.peek(key)).count).toBe(0);
    await store.decrement(`missing-${name}`);
    expect(await store.peek(`missing-${name}`)).toEqual({ count: 0, resetSeconds: 0 });
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

describe('the global per-client limit', () => {
  const ctx = useTestApp({ RATE_LIMIT_PER_MINUTE: '3' });

  it('counts an IPv6 client by its /64, so rotating host addresses buys no requests', async () => {
    const prefix = `2001:db8:${network.toString(16)}:${(++address).toString(16)}`;
    const statuses = [];
    for (let host = 1; host <= 5; host++) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/v1/user/getDetails',
        remoteAddress: `${prefix}::${host.toString(16)}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
