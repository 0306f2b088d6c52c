import { describe, expect, it } from 'vitest';
import { authed } from '../helpers/app.js';
import { loginAs, useHostTestApp } from '../modules/integration/test-app.js';

const ctx = useHostTestApp();
const URN = 'urn:uuid:0190a4a0-0000-7000-8000-000000000000';

/** Values ajv-formats lets through that the code or PostgreSQL then refused, each a 500 before. */
const STAFF_REQUESTS: Array<
  [role: 'reviewer' | 'admin', method: 'GET' | 'DELETE' | 'PATCH', url: string, field: string]
> = [
  ['admin', 'DELETE', `/v1/admin/api-keys/${URN}`, '/id'],
  ['admin', 'PATCH', `/v1/admin/staff/${URN}`, '/id'],
  ['admin', 'GET', `/v1/admin/audit?actorId=${URN}`, '/actorId'],
  ['reviewer', 'GET', '/v1/review/cases?submittedFrom=0000-01-01T00:00:00Z', '/submittedFrom'],
  ['admin', 'GET', '/v1/admin/dashboard?from=0000-01-01&to=0000-12-31', '/from'],
  ['admin', 'GET', '/v1/admin/audit?from=2016-12-31T23:59:60Z', '/from'],
  // The offset takes it into the year 10000.
  ['admin', 'GET', '/v1/admin/audit?from=9999-12-31T23:59:59-23:59', '/from'],
];

describe('ids and dates the database would refuse', () => {
  it('are 400 validation_failed naming the field, never 500', async () => {
    const staff = { reviewer: await loginAs(ctx, 'reviewer'), admin: await loginAs(ctx, 'admin') };
    for (const [role, method, url, field] of STAFF_REQUESTS) {
      const answer = await authed(ctx.app, staff[role].token, {
        method,
        url,
        ...(method === 'PATCH' ? { payload: { disabled: true } } : {}),
      });
      expect([url, answer.statusCode, answer.json().code]).toEqual([url, 400, 'validation_failed']);
      expect(answer.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    }

    const created = await authed(ctx.app, staff.admin.token, {
      method: 'POST',
      url: '/v1/admin/api-keys',
      payload: { name: 'formats', scopes: ['users:read', 'links:write'] },
    });
    const key = created.json().data.key as string;
    for (const url of [`/v1/integration/users/${URN}`, `/v1/integration/kyc-links/${URN}`]) {
      const answer = await ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
      expect([url, answer.statusCode, answer.json().code]).toEqual([url, 400, 'validation_failed']);
    }
  });

  it('still accept what is valid: offsets, fractions, the first and the last year', async () => {
    const admin = await loginAs(ctx, 'admin');
    for (const url of [
      '/v1/admin/audit?from=2026-01-01T00:00:00%2B05:30&to=2026-12-31T23:59:59.999Z',
      '/v1/admin/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z',
      '/v1/admin/dashboard?from=2024-02-29&to=2024-03-01',
    ]) {
      const answer = await authed(ctx.app, admin.token, { method: 'GET', url });
      expect([url, answer.statusCode]).toEqual([url, 200]);
    }
    const leapless = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: '/v1/admin/dashboard?from=2023-02-29&to=2023-03-01',
    });
    expect(leapless.statusCode).toBe(400);
  });
});
