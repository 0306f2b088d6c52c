import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { selfieChecks, verifications } from '../../../src/db/schema/index.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { useTestApp } from '../../helpers/app.js';
import { consentingCustomer, uploadSelfie, userIdOf } from '../../helpers/liveliness.js';

/*
 * Limits that must hold when one customer's requests race. On PostgreSQL the requests really run
 * side by side (a pool of connections); PGlite runs one transaction at a time, so there the tests
 * mostly check that the limit still answers the same.
 */
const ctx = useTestApp({ LIVELINESS_DAILY_LIMIT: '10' });

const customer = () => consentingCustomer(ctx.app);
const upload = (token: string, image: Buffer, headers: Record<string, string> = {}, filename?: string) =>
  uploadSelfie(ctx.app, token, image, headers, filename);

/** The liveliness calls the provider was sent for the user: each one is a paid call. */
async function providerCalls(userId: string) {
  return ctx.database.handle.db
    .select()
    .from(verifications)
    .where(and(eq(verifications.userId, userId), eq(verifications.kind, 'liveliness')));
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe('liveliness limits under concurrency', () => {
  it('holds LIVELINESS_DAILY_LIMIT for 20 selfies sent at once: 10 checked, 10 refused, 10 provider calls', async () => {
    const { token } = await customer();
    const image = await passingSelfie(31);
    const responses = await Promise.all(Array.from({ length: 20 }, () => upload(token, image)));

    expect(tally(responses.map((response) => response.statusCode))).toEqual({ 200: 10, 429: 10 });
    for (const refused of responses.filter((response) => response.statusCode === 429)) {
      expect(refused.json().code).toBe('rate_limited');
      expect(refused.headers['retry-after']).toBeDefined();
    }
    const userId = userIdOf(token);
    expect(await providerCalls(userId)).toHaveLength(10);
    const attempts = await ctx.database.handle.db
      .select()
      .from(selfieChecks)
      .where(eq(selfieChecks.userId, userId));
    expect(attempts).toHaveLength(10);
    expect(attempts.every((attempt) => attempt.passed && attempt.status === 'SUCCESS')).toBe(true);
  });

  it('sends one selfie sent at once under one Idempotency-Key to the provider once', async () => {
    const { token } = await customer();
    const image = await passingSelfie(32);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => upload(token, image, { 'idempotency-key': 'selfie-race' })),
    );

    const statuses = responses.map((response) => response.statusCode);
    // The first answers 200; the others 409 while it runs, or its replay once it is done.
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const answered = responses.filter((response) => response.statusCode === 200);
    const fresh = answered.filter((response) => response.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const replay of answered) expect(replay.json()).toEqual(fresh[0]!.json());
    for (const busy of responses.filter((response) => response.statusCode === 409)) {
      expect(busy.json().code).toBe('request_in_progress');
    }
    expect(await providerCalls(userIdOf(token))).toHaveLength(1);
  });
});
