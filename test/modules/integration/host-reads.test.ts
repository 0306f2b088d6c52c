import { describe, expect, it } from 'vitest';
import { kycCases, webhookEvents } from '../../../src/db/schema/index.js';
import type { ApiKeyScope } from '../../../src/db/schema/index.js';
import { uuidv7 } from '../../../src/lib/ids.js';
import { enqueueWebhook } from '../../../src/modules/webhooks/outbox.js';
import { loginAs, useHostTestApp } from './test-app.js';

const ctx = useHostTestApp();

async function get(url: string, scopes: ApiKeyScope[]) {
  const { key } = await ctx.apiKeys.create({ name: `host-${scopes.join('-')}`, scopes });
  return ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
}

describe('cases:read', () => {
  it('gives the current case and the last decision, only under its scope', async () => {
    const customer = await loginAs(ctx, 'customer');
    const db = ctx.database.handle.db;
    const decidedAt = new Date(Date.now() - 86_400_000);
    await db.insert(kycCases).values({
      userId: customer.userId,
      status: 'approved',
      decidedAt,
      createdAt: new Date(Date.now() - 2 * 86_400_000),
    });
    const submittedAt = new Date();
    const [open] = await db
      .insert(kycCases)
      .values({
        userId: customer.userId,
        status: 'action_required',
        reasons: ['bankDetails/bank_account_invalid'],
        userMessage: 'Please check your account number',
        internalNote: 'for staff only',
        submittedAt,
      })
      .returning();
    const url = `/v1/integration/users/${customer.userId}/kyc`;

    const refused = await get(url, ['users:read', 'users:write', 'webhooks:read', 'links:write']);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const response = await get(url, ['cases:read']);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual({
      userId: customer.userId,
      externalId: null,
      caseId: open!.id,
      number: open!.number,
      status: 'action_required',
      reasons: ['bankDetails/bank_account_invalid'],
      userMessage: 'Please check your account number',
      checks: [],
      submittedAt: submittedAt.toISOString(),
      decidedAt: null,
      updatedAt: open!.updatedAt.toISOString(),
      verifiedStatus: 'approved',
      verifiedAt: decidedAt.toISOString(),
    });
    expect(response.body).not.toContain('for staff only');
  });

  it('knows customers only and refuses a malformed id', async () => {
    const reviewer = await loginAs(ctx, 'reviewer');
    expect((await get(`/v1/integration/users/${reviewer.userId}/kyc`, ['cases:read'])).statusCode).toBe(404);
    expect((await get('/v1/integration/users/nope/kyc', ['cases:read'])).statusCode).toBe(400);
    const fresh = await loginAs(ctx, 'customer');
    const none = await get(`/v1/integration/users/${fresh.userId}/kyc`, ['cases:read']);
    expect(none.json().data).toMatchObject({
      caseId: null,
      status: 'draft',
      verifiedStatus: null,
      verifiedAt: null,
    });
  });
});

describe('webhooks:read', () => {
  it('lists delivery status by status and event type, without payloads, only under its scope', async () => {
    const db = ctx.database.handle.db;
    await db.delete(webhookEvents);
    const customer = await loginAs(ctx, 'customer');
    const enqueue = (type: 'kyc.submitted' | 'kyc.approved') =>
      enqueueWebhook(db, {
        type,
        userId: customer.userId,
        caseId: uuidv7(),
        status: type.slice(4),
        verifiedStatus: null,
        verifiedAt: null,
      });
    const submitted = await enqueue('kyc.submitted');
    const approved = await enqueue('kyc.approved');
    const url = '/v1/integration/webhooks/deliveries';

    const refused = await get(url, ['users:read', 'cases:read']);
    expect(refused.statusCode).toBe(403);

    const all = await get(url, ['webhooks:read']);
    expect(all.statusCode).toBe(200);
    expect(all.json().data.map((event: { id: string }) => event.id)).toEqual([approved, submitted]);
    expect(all.json().data[0]).toMatchObject({
      type: 'kyc.approved',
      status: 'pending',
      attempts: 0,
      userId: customer.userId,
    });
    expect(Date.parse(all.json().data[0].nextAttemptAt)).not.toBeNaN();
    expect(all.json().data[0]).not.toHaveProperty('payload');
    expect(all.body).not.toContain('"data":{"userId"');

    const byType = await get(`${url}?eventType=kyc.submitted&status=pending`, ['webhooks:read']);
    expect(byType.json().data.map((event: { id: string }) => event.id)).toEqual([submitted]);
    expect((await get(`${url}?status=delivered`, ['webhooks:read'])).json().data).toEqual([]);

    const first = await get(`${url}?limit=1`, ['webhooks:read']);
    expect(first.json().data).toHaveLength(1);
    const next = await get(`${url}?limit=1&cursor=${first.json().nextCursor}`, ['webhooks:read']);
    expect(next.json().data.map((event: { id: string }) => event.id)).toEqual([submitted]);
    expect(next.json().nextCursor).toBeNull();

    for (const query of [
      'limit=0',
      'limit=101',
      'eventType=kyc.nope',
      'status=lost',
      'cursor=x',
      'extra=1',
    ]) {
      const bad = await get(`${url}?${query}`, ['webhooks:read']);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
    }
  });
});
