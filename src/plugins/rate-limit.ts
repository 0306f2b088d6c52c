import { isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { rateLimited } from '../lib/errors.js';

export interface Hit {
  count: number;
  /** Seconds until the window of this key resets. */
  resetSeconds: number;
}

/**
 * Fixed-window counters. Both stores increment atomically, so N concurrent requests can never all
 * see the same count: exactly `limit` of them get through.
 */
export interface CounterStore {
  increment(key: string, windowSeconds: number): Promise<Hit>;
  peek(key: string): Promise<Hit>;
  /** Takes one back from a live counter (never below zero, never reviving an expired one). */
  decrement(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private sweep() {
    const now = Date.now();
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }

  async increment(key: string, windowSeconds: number): Promise<Hit> {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) {
      counter = { count: 0, expiresAt: now + windowSeconds * 1000 };
      this.counters.set(key, counter);
    }
    counter.count += 1;
    return { count: counter.count, resetSeconds: Math.ceil((counter.expiresAt - now) / 1000) };
  }

  async peek(key: string): Promise<Hit> {
    const counter = this.counters.get(key);
    const now = Date.now();
    if (!counter || counter.expiresAt <= now) return { count: 0, resetSeconds: 0 };
    return { count: counter.count, resetSeconds: Math.ceil((counter.expiresAt - now) / 1000) };
  }

  async decrement(key: string): Promise<void> {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt > Date.now() && counter.count > 0) counter.count -= 1;
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

// INCR and EXPIRE in one script, so a crash between them can never leave a counter without expiry.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

// A missing key stays missing: DECR would create it without an expiry.
const DECREMENT_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count and count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** Shared counters for several Pehchan processes behind one load balancer. */
export class RedisCounterStore implements CounterStore {
  private constructor(private readonly redis: Redis) {}

  /** ioredis is loaded only when Redis is configured. */
  static async connect(url: string, keyPrefix = 'pehchan:rl:'): Promise<RedisCounterStore> {
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      keyPrefix,
      maxRetriesPerRequest: 1,
      // Commands wait for the first connection, and fail after a second when Redis is away.
      commandTimeout: 1000,
      lazyConnect: false,
    });
    // Connection errors surface on the commands; without a listener ioredis would print them.
    redis.on('error', () => undefined);
    return new RedisCounterStore(redis);
  }

  async increment(key: string, windowSeconds: number): Promise<Hit> {
    const [count, ttl] = (await this.redis.eval(INCREMENT_SCRIPT, 1, key, windowSeconds)) as [number, number];
    return { count, resetSeconds: ttl };
  }

  async peek(key: string): Promise<Hit> {
    const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    return { count: value ? Number(value) : 0, resetSeconds: Math.max(ttl, 0) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.eval(DECREMENT_SCRIPT, 1, key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export interface RateRule {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Applies rate rules against a counter store. A store that cannot be reached fails open with an
 * error log: a Redis outage must not take logins down with it, and per-process limits still bound
 * the damage through the database-backed session checks.
 */
export class RateLimiter {
  constructor(
    readonly store: CounterStore,
    private readonly logger: FastifyBaseLogger,
    private readonly enabled = true,
  ) {}

  /** Counts one hit against the rule; throws 429 `rate_limited` with Retry-After beyond the limit. */
  async consume(rule: RateRule): Promise<void> {
    const hit = await this.count(rule.key, rule.windowSeconds);
    if (hit && hit.count > rule.limit) throw rateLimited(hit.resetSeconds || rule.windowSeconds);
  }

  /** Counts one hit; undefined when limits are off or the store cannot be reached (fail open). */
  async count(key: string, windowSeconds: number): Promise<Hit | undefined> {
    if (!this.enabled) return undefined;
    try {
      return await this.store.increment(key, windowSeconds);
    } catch (error) {
      this.unavailable(error, key);
      return undefined;
    }
  }

  /** The current count, 0 when limits are off or the store cannot be reached. */
  async peek(key: string): Promise<number> {
    if (!this.enabled) return 0;
    try {
      return (await this.store.peek(key)).count;
    } catch (error) {
      this.unavailable(error, key);
      return 0;
    }
  }

  /** Gives back a hit counted before its outcome was known. */
  async giveBack(key: string): Promise<void> {
    if (this.enabled) await this.store.decrement(key).catch((error) => this.unavailable(error, key));
  }

  async reset(key: string): Promise<void> {
    await this.store.reset(key).catch(() => undefined);
  }

  private unavailable(error: unknown, key: string) {
    this.logger.error({ err: error, rule: key.split(':')[0] }, 'rate limit store unavailable');
  }
}

/**
 * The address that rate limits count by: an IPv4 address as it is (also when IPv4-mapped), an IPv6
 * client by its /64, since one host is routinely given a whole /64 and could otherwise change
 * address on every request.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const address = ip.split('%')[0]!.toLowerCase(); // without a zone index (fe80::1%eth0)
  if (!isIPv6(address)) return ip;
  // An embedded IPv4 tail (64:ff9b::192.0.2.1) fills two groups.
  const groups = (part: string) =>
    part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const [head = '', tail] = address.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

export async function createCounterStore(redisUrl: string | undefined): Promise<CounterStore> {
  return redisUrl ? RedisCounterStore.connect(redisUrl) : new MemoryCounterStore();
}
