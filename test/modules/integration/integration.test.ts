import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kycCases, users } from '../../../src/db/schema/index.js';
import { loginAs, useHostTestApp } from './test-app.js';

const ctx = useHostTestApp();

let hostKey: string;
async function key() {
  hostKey ??= (await ctx.apiKeys.create({ name: 'host', scopes: ['users:read', 'users:write'] })).key;
  return hostKey;
}

async function call(method: 'GET' | 'PUT', url: string, payload?: object) {
  return ctx.app.inject({
    method,
    url,
    headers: { 'x-api-key': await key() },
    ...(payload ? { payload } : {}),
  });
}

const setExternalId = (userId: string, externalId: string) =>
  call('PUT', `/v1/integration/users/${userId}/external-id`, { externalId });

describe('host integration: users', () => {
  it('attaches an external id and finds the user by either id', async () => {
    const customer = await loginAs(ctx, 'customer');
    const set = await setExternalId(customer.userId, 'host-user-1');
    expect(set.statusCode).toBe(200);
    const expected = {
      userId: customer.userId,
      externalId: 'host-user-1',
      kycStatus: 'draft',
      verifiedStatus: null,
      verifiedAt: null,
      cases: [],
    };
    expect(set.json()).toEqual({ success: true, data: expected });

    const byId = await call('GET', `/v1/integration/users/${customer.userId}`);
    expect(byId.json().data).toEqual(expected);
    const byExternalId = await call('GET', '/v1/integration/users?externalId=host-user-1');
    expect(byExternalId.statusCode).toBe(200);
    expect(byExternalId.json().data).toEqual(expected);

    // Setting the same id again is a no-op; a new one replaces it.
    expect((await setExternalId(customer.userId, 'host-user-1')).statusCode).toBe(200);
    expect((await setExternalId(customer.userId, 'host-user-1b')).json().data.externalId).toBe(
      'host-user-1b',
    );
    expect((await call('GET', '/v1/integration/users?externalId=host-user-1')).statusCode).toBe(404);
  });

  it('refuses an external id another user has with 409 external_id_taken', async () => {
    const first = await loginAs(ctx, 'customer');
    const second = await loginAs(ctx, 'customer');
    expect((await setExternalId(first.userId, 'host-user-2')).statusCode).toBe(200);
    const taken = await setExternalId(second.userId, 'host-user-2');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('external_id_taken');
    const [row] = await ctx.database.handle.db.select().from(users).where(eq(users.id, second.userId));
    expect(row?.externalId).toBeNull();
  });

  it('lets exactly one of two users racing for an external id have it', async () => {
    const first = await loginAs(ctx, 'customer');
    const second = await loginAs(ctx, 'customer');
    const results = await Promise.all([
      setExternalId(first.userId, 'host-race'),
      setExternalId(second.userId, 'host-race'),
    ]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([200, 409]);
  });

  it('reports the latest case’s status and every case, newest first', async () => {
    const customer = await loginAs(ctx, 'customer');
    const db = ctx.database.handle.db;
    const [approved] = await db
      .insert(kycCases)
      .values({ userId: customer.userId, status: 'approved', createdAt: new Date(Date.now() - 86_400_000) })
      .returning();
    const [open] = await db
      .insert(kycCases)
      .values({ userId: customer.userId, status: 'needs_review' })
      .returning();
    const data = (await call('GET', `/v1/integration/users/${customer.userId}`)).json().data;
    expect(data.kycStatus).toBe('needs_review');
    // The approved case is still the last decision while the newer one is reviewed.
    expect(data).toMatchObject({ verifiedStatus: 'approved', verifiedAt: approved!.updatedAt.toISOString() });
    expect(data.cases).toEqual([
      {
        caseId: open!.id,
        number: open!.number,
        status: 'needs_review',
        updatedAt: open!.updatedAt.toISOString(),
      },
      {
        caseId: approved!.id,
        number: approved!.number,
        status: 'approved',
        updatedAt: approved!.updatedAt.toISOString(),
      },
    ]);
  });

  it('answers with ids and statuses only, never identity data', async () => {
    const customer = await loginAs(ctx, 'customer');
    await setExternalId(customer.userId, 'host-user-3');
    await ctx.database.handle.db.insert(kycCases).values({ userId: customer.userId, status: 'verifying' });
    const [row] = await ctx.database.handle.db.select().from(users).where(eq(users.id, customer.userId));
    for (const url of [
      `/v1/integration/users/${customer.userId}`,
      '/v1/integration/users?externalId=host-user-3',
    ]) {
      const response = await call('GET', url);
      const data = response.json().data;
      expect(Object.keys(data).sort()).toEqual([
        'cases',
        'externalId',
        'kycStatus',
        'userId',
        'verifiedAt',
        'verifiedStatus',
      ]);
      expect(Object.keys(data.cases[0]).sort()).toEqual(['caseId', 'number', 'status', 'updatedAt']);
      for (const value of [row!.email, row!.name, row!.mobileNo]) expect(response.body).not.toContain(value);
    }
  });

  it('knows customers only, and refuses malformed input', async () => {
    const reviewer = await loginAs(ctx, 'reviewer');
    expect((await call('GET', `/v1/integration/users/${reviewer.userId}`)).statusCode).toBe(404);
    expect((await setExternalId(reviewer.userId, 'host-staff')).statusCode).toBe(404);
    expect((await call('GET', '/v1/integration/users/01900000-0000-7000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/v1/integration/users/not-a-uuid')).statusCode).toBe(400);
    expect((await call('GET', '/v1/integration/users')).statusCode).toBe(400);
    const customer = await loginAs(ctx, 'customer');
    for (const payload of [
      { externalId: '' },
      { externalId: 'has space' },
      { externalId: 'x', extra: 1 },
      {},
    ]) {
      const response = await call('PUT', `/v1/integration/users/${customer.userId}/external-id`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('API description', () => {
  it('documents the host integration and admin routes', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/v1/integration/users/{id}/external-id',
        '/v1/integration/users/{id}',
        '/v1/integration/users',
        '/v1/integration/users/{id}/kyc',
        '/v1/integration/webhooks/deliveries',
        '/v1/admin/api-keys',
        '/v1/admin/api-keys/{id}',
        '/v1/admin/webhooks/deliveries',
        '/v1/admin/webhooks/deliveries/{id}/redeliver',
      ]),
    );
  });
});
