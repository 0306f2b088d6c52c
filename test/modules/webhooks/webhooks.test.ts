import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffAuditEvents, users, webhookAttempts, webhookEvents } from '../../../src/db/schema/index.js';
import { uuidv7 } from '../../../src/lib/ids.js';
import { enqueueWebhook } from '../../../src/modules/webhooks/outbox.js';
import type { KycWebhookEvent } from '../../../src/modules/webhooks/outbox.js';
import { Jobs } from '../../../src/jobs/index.js';
import type { JobDefinition } from '../../../src/jobs/index.js';
import {
  RETRY_WINDOW_MS,
  WEBHOOK_DELIVERY_JOB,
  WebhookDispatcher,
  defineWebhookJobs,
  retryDelayMs,
  scheduleWebhookDelivery,
} from '../../../src/modules/webhooks/service.js';
import type { WebhookDeliveryOptions } from '../../../src/modules/webhooks/service.js';
import { authed, registerAndLogin } from '../../helpers/app.js';
import { loginAs, useHostTestApp } from '../integration/test-app.js';
import { refusedUrl, startReceiver } from './receiver.js';

const ctx = useHostTestApp();
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const db = () => ctx.database.handle.db;

const closers: Array<() => Promise<void>> = [];
beforeEach(async () => {
  // Each test sees only its own events.
  await db().delete(webhookEvents);
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(respond);
  closers.push(started.close);
  return started;
}

const dispatcher = (options: WebhookDeliveryOptions) => new WebhookDispatcher(db(), { secret, ...options });

async function enqueue(overrides: Partial<KycWebhookEvent> = {}) {
  return enqueueWebhook(db(), {
    type: 'kyc.submitted',
    userId: uuidv7(),
    caseId: uuidv7(),
    status: 'submitted',
    verifiedStatus: null,
    verifiedAt: null,
    ...overrides,
  });
}

async function event(id: string) {
  const [row] = await db().select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row!;
}

const attemptsOf = (id: string) =>
  db()
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.eventId, id))
    .orderBy(webhookAttempts.attemptedAt);

describe('webhook delivery', () => {
  it('delivers each event once, signed so that standardwebhooks verifies it', async () => {
    const host = await receiver();
    const ids = [
      await enqueue(),
      await enqueue({ type: 'kyc.approved', status: 'approved' }),
      await enqueue(),
    ];
    const summary = await dispatcher({ url: host.url }).dispatchDue(10);
    expect(summary).toEqual({ claimed: 3, delivered: 3, retrying: 0, failed: 0 });
    expect(await dispatcher({ url: host.url }).dispatchDue(10)).toMatchObject({ claimed: 0 });

    expect(host.received.map((request) => request.headers['webhook-id']).sort()).toEqual([...ids].sort());
    const verifier = new Webhook(secret);
    for (const request of host.received) {
      const id = request.headers['webhook-id'] as string;
      expect(request.headers['content-type']).toBe('application/json');
      const verified = verifier.verify(request.body, request.headers as Record<string, string>);
      expect(verified).toEqual((await event(id)).payload);
      expect(await event(id)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
      expect(await attemptsOf(id)).toEqual([expect.objectContaining({ statusCode: 204, error: null })]);
    }
    // Any other secret fails verification.
    const other = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
    expect(() =>
      other.verify(host.received[0]!.body, host.received[0]!.headers as Record<string, string>),
    ).toThrow();
  });

  it('sends nothing and keeps events pending while no URL is configured', async () => {
    const id = await enqueue();
    expect(await new WebhookDispatcher(db()).dispatchDue(10)).toMatchObject({ claimed: 0 });
    expect(await event(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(() => new WebhookDispatcher(db(), { url: 'http://127.0.0.1:9/hooks' })).toThrow(/secret/);
  });

  it('retries a 500 with backoff, logs every attempt, and delivers once the receiver recovers', async () => {
    let failing = true;
    const host = await receiver(() => (failing ? 500 : 200));
    const id = await enqueue();
    let now = new Date();
    const sender = dispatcher({ url: host.url, now: () => now, random: () => 1 });

    expect(await sender.dispatchDue(10)).toMatchObject({ retrying: 1 });
    const first = await event(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(first.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1, () => 1));
    expect(await sender.dispatchDue(10)).toMatchObject({ claimed: 0 });

    now = first.nextAttemptAt;
    expect(await sender.dispatchDue(10)).toMatchObject({ retrying: 1 });
    const second = await event(id);
    expect(second.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(2, () => 1));
    expect(retryDelayMs(2, () => 1)).toBeGreaterThan(retryDelayMs(1, () => 1));

    failing = false;
    now = second.nextAttemptAt;
    expect(await sender.dispatchDue(10)).toMatchObject({ delivered: 1 });
    expect(await event(id)).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    const attempts = await attemptsOf(id);
    expect(attempts.map((attempt) => [attempt.statusCode, attempt.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
      [200, null],
    ]);
    expect(attempts.every((attempt) => attempt.durationMs >= 0)).toBe(true);
    expect(new Set(host.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([id]));
  });

  it('gives up on a receiver that does not answer in time, and retries it', async () => {
    const host = await receiver(() => 'hang');
    const id = await enqueue();
    const started = Date.now();
    expect(await dispatcher({ url: host.url, timeoutMs: 300 }).dispatchDue(10)).toMatchObject({
      retrying: 1,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await event(id)).toMatchObject({ status: 'pending', lastError: 'timed out after 300 ms' });
    const [attempt] = await attemptsOf(id);
    expect(attempt).toMatchObject({ statusCode: null, error: 'timed out after 300 ms' });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('logs a refused connection and retries it', async () => {
    const id = await enqueue();
    expect(await dispatcher({ url: await refusedUrl() }).dispatchDue(10)).toMatchObject({ retrying: 1 });
    const [attempt] = await attemptsOf(id);
    expect(attempt?.statusCode).toBeNull();
    expect(attempt?.error).toMatch(/ECONNREFUSED/);
    expect((await event(id)).status).toBe('pending');
  });

  it('keeps retrying with growing delays for 24 hours, then marks the event failed', async () => {
    const host = await receiver(() => 503);
    const id = await enqueue();
    const createdAt = (await event(id)).createdAt.getTime();
    let now = new Date();
    const sender = dispatcher({ url: host.url, now: () => now, random: () => 0.5 });
    const gaps: number[] = [];
    for (let round = 0; round < 100; round += 1) {
      await sender.dispatchDue(10);
      const row = await event(id);
      if (row.status !== 'pending') break;
      gaps.push(row.nextAttemptAt.getTime() - now.getTime());
      now = row.nextAttemptAt;
    }
    const final = await event(id);
    expect(final.status).toBe('failed');
    expect(final.lastError).toBe('HTTP 503');
    const attempts = await attemptsOf(id);
    expect(attempts).toHaveLength(final.attempts);
    expect(host.received).toHaveLength(final.attempts);
    expect(final.attempts).toBeGreaterThan(10);
    // The last attempt is made at the end of the window, none after it.
    expect(attempts.at(-1)!.attemptedAt.getTime()).toBeGreaterThanOrEqual(createdAt + RETRY_WINDOW_MS);
    expect(attempts.at(-2)!.attemptedAt.getTime()).toBeLessThan(createdAt + RETRY_WINDOW_MS);
    // Delays double until the cap, apart from the final one that ends at the window's edge.
    for (let index = 1; index < gaps.length - 1; index += 1)
      expect(gaps[index]).toBeGreaterThanOrEqual(gaps[index - 1]!);
    expect(gaps[1]).toBe(gaps[0]! * 2);
  });

  it('marks an event past its retry window failed after one more failed attempt', async () => {
    const host = await receiver(() => 500);
    const id = await enqueue();
    await db()
      .update(webhookEvents)
      .set({ createdAt: new Date(Date.now() - RETRY_WINDOW_MS - 60_000) })
      .where(eq(webhookEvents.id, id));
    expect(await dispatcher({ url: host.url }).dispatchDue(10)).toMatchObject({ failed: 1 });
    expect(await event(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await dispatcher({ url: host.url }).dispatchDue(10)).toMatchObject({ claimed: 0 });
  });

  it('never sends an event twice when two dispatchers run at once', async () => {
    const host = await receiver(() => 200);
    const ids = await Promise.all(Array.from({ length: 12 }, () => enqueue()));
    const [one, two] = await Promise.all([
      dispatcher({ url: host.url }).dispatchDue(12),
      dispatcher({ url: host.url }).dispatchDue(12),
    ]);
    expect(one!.claimed + two!.claimed).toBe(12);
    const sent = host.received.map((request) => request.headers['webhook-id']);
    expect(sent).toHaveLength(12);
    expect(new Set(sent)).toEqual(new Set(ids));
  });

  it('carries ids and statuses only, no personal data', async () => {
    const host = await receiver();
    const account = await registerAndLogin(ctx.app, { name: 'Ravi Kumar', mobileNo: '9123456780' });
    const [user] = await db()
      .update(users)
      .set({ externalId: 'host-42' })
      .where(eq(users.email, account.email))
      .returning();
    const caseId = uuidv7();
    await enqueue({
      type: 'kyc.action_required',
      userId: user!.id,
      caseId,
      status: 'action_required',
      reasons: ['pan_invalid'],
    });
    await enqueue({
      type: 'kyc.check.completed',
      userId: user!.id,
      caseId,
      status: 'verifying',
      check: { type: 'pan', outcome: 'fail' },
    });
    await dispatcher({ url: host.url }).dispatchDue(10);
    expect(host.received).toHaveLength(2);
    for (const request of host.received) {
      for (const personal of [account.email, 'Ravi Kumar', '9123456780'])
        expect(request.body).not.toContain(personal);
      const payload = JSON.parse(request.body);
      expect(Object.keys(payload).sort()).toEqual(['data', 'timestamp', 'type']);
      expect(payload.data).toMatchObject({ userId: user!.id, externalId: 'host-42', caseId });
      expect(
        Object.keys(payload.data).every((field) =>
          [
            'userId',
            'externalId',
            'caseId',
            'status',
            'reasons',
            'verifiedStatus',
            'verifiedAt',
            'check',
          ].includes(field),
        ),
      ).toBe(true);
    }
  });
});

describe('the delivery job', () => {
  it('runs every minute and drains due events in batches', async () => {
    const host = await receiver();
    const defined: Array<JobDefinition<object>> = [];
    const jobs = {
      define: (definition: JobDefinition<object>) => defined.push(definition),
    } as unknown as Jobs;
    defineWebhookJobs(jobs, dispatcher({ url: host.url }), 2);
    expect(defined).toEqual([expect.objectContaining({ name: WEBHOOK_DELIVERY_JOB, schedule: '* * * * *' })]);
    const ids = await Promise.all(Array.from({ length: 5 }, () => enqueue()));
    await defined[0]!.handler({}, { jobId: 'job-1' });
    expect(host.received.map((request) => request.headers['webhook-id']).sort()).toEqual(ids.sort());
  });
});

describe('the time of the next attempt', () => {
  it('is when a delivery run is scheduled, not the next minute’s scheduled run', async () => {
    // The job system on this file's database, its workers not started: the queue shows what would run when.
    const jobs = new Jobs(ctx.database.handle.sql, ctx.app.log, { supervise: false });
    const host = await receiver(() => 503);
    const sender = dispatcher({ url: host.url, scheduleDelivery: (at) => scheduleWebhookDelivery(jobs, at) });
    defineWebhookJobs(jobs, sender);
    await jobs.prepare();
    try {
      const id = await enqueue();
      expect(await sender.dispatchDue(10)).toMatchObject({ retrying: 1 });
      const admin = await loginAs(ctx, 'admin');
      const listed = await authed(ctx.app, admin.token, {
        method: 'GET',
        url: '/v1/admin/webhooks/deliveries?status=pending',
      });
      const shown = listed.json().data.find((item: { id: string }) => item.id === id).nextAttemptAt;
      expect(new Date(shown).getTime()).toBeGreaterThan(Date.now());

      const { rows } = await ctx.database.handle.sql.executeSql(
        "SELECT start_after FROM pgboss.job WHERE name = $1 AND state = 'created'",
        [WEBHOOK_DELIVERY_JOB],
      );
      const scheduled = (rows as Array<{ start_after: Date | string }>).map((row) =>
        new Date(row.start_after).toISOString(),
      );
      expect(scheduled).toContain(shown);
    } finally {
      await jobs.stop();
    }
  });
});

describe('admin webhook routes', () => {
  it('lists deliveries newest first, paged and filtered, with attempts and the last error', async () => {
    const admin = await loginAs(ctx, 'admin');
    const host = await receiver(() => 500);
    const failing = await enqueue();
    await dispatcher({ url: host.url }).dispatchDue(10);
    // Event ids order by the millisecond they were written.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const older = await enqueue();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const pending = [older, await enqueue()];

    const first = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: '/v1/admin/webhooks/deliveries?limit=2',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((item: { id: string }) => item.id)).toEqual([pending[1], pending[0]]);
    const cursor = first.json().nextCursor;
    expect(cursor).toBe(pending[0]);
    const second = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: `/v1/admin/webhooks/deliveries?limit=2&cursor=${cursor}`,
    });
    expect(second.json()).toMatchObject({
      nextCursor: null,
      data: [{ id: failing, status: 'pending', attempts: 1, lastError: 'HTTP 500' }],
    });

    const filtered = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: '/v1/admin/webhooks/deliveries?status=delivered',
    });
    expect(filtered.json().data).toEqual([]);
    const detail = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: `/v1/admin/webhooks/deliveries/${failing}`,
    });
    expect(detail.json().data.attemptLog).toEqual([
      expect.objectContaining({ statusCode: 500, error: 'HTTP 500' }),
    ]);

    for (const query of [
      'limit=0',
      'limit=101',
      'cursor=abc',
      'status=lost',
      'eventType=kyc.deleted',
      'status=pending&unknown=1',
    ]) {
      const answer = await authed(ctx.app, admin.token, {
        method: 'GET',
        url: `/v1/admin/webhooks/deliveries?${query}`,
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('filters deliveries by status and event type', async () => {
    const admin = await loginAs(ctx, 'admin');
    const host = await receiver();
    const delivered = await enqueue({ type: 'kyc.approved', status: 'approved' });
    await dispatcher({ url: host.url }).dispatchDue(10);
    const submitted = await enqueue();
    const approved = await enqueue({ type: 'kyc.approved', status: 'approved' });
    const ids = async (query: string) => {
      const answer = await authed(ctx.app, admin.token, {
        method: 'GET',
        url: `/v1/admin/webhooks/deliveries?${query}`,
      });
      expect(answer.statusCode).toBe(200);
      return answer
        .json()
        .data.map((item: { id: string }) => item.id)
        .sort();
    };
    expect(await ids('eventType=kyc.approved')).toEqual([delivered, approved].sort());
    expect(await ids('eventType=kyc.approved&status=pending')).toEqual([approved]);
    expect(await ids('eventType=kyc.submitted')).toEqual([submitted]);
    expect(await ids('status=delivered')).toEqual([delivered]);
    expect(await ids('eventType=kyc_link.opened')).toEqual([]);
  });

  it('redelivers a delivered or failed event with the same event id', async () => {
    const admin = await loginAs(ctx, 'admin');
    const host = await receiver();
    const id = await enqueue();
    await dispatcher({ url: host.url }).dispatchDue(10);
    expect((await event(id)).status).toBe('delivered');

    const redeliver = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: `/v1/admin/webhooks/deliveries/${id}/redeliver`,
    });
    expect(redeliver.statusCode).toBe(202);
    expect(redeliver.json().data).toMatchObject({ id, status: 'pending', deliveredAt: null });
    await dispatcher({ url: host.url }).dispatchDue(10);
    expect(host.received.map((request) => request.headers['webhook-id'])).toEqual([id, id]);
    expect(await event(id)).toMatchObject({ status: 'delivered', attempts: 2 });

    const audited = await db()
      .select()
      .from(staffAuditEvents)
      .where(eq(staffAuditEvents.action, 'webhook_redelivered'));
    expect(audited).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        actorRole: 'admin',
        targetType: 'webhook_delivery',
        targetId: id.slice(4).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        details: { eventId: id, eventType: 'kyc.submitted' },
      }),
    ]);

    const unknown = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: `/v1/admin/webhooks/deliveries/msg_${'0'.repeat(32)}/redeliver`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    const id = await enqueue();
    const customer = await registerAndLogin(ctx.app);
    const reviewer = await loginAs(ctx, 'reviewer');
    for (const token of [customer.token, reviewer.token]) {
      const list = await authed(ctx.app, token, { method: 'GET', url: '/v1/admin/webhooks/deliveries' });
      expect(list.statusCode).toBe(403);
      const redeliver = await authed(ctx.app, token, {
        method: 'POST',
        url: `/v1/admin/webhooks/deliveries/${id}/redeliver`,
      });
      expect(redeliver.statusCode).toBe(403);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/admin/webhooks/deliveries' })).statusCode).toBe(
      401,
    );
    const key = await ctx.apiKeys.create({ name: 'host', scopes: ['webhooks:read'] });
    const withKey = await ctx.app.inject({
      method: 'GET',
      url: '/v1/admin/webhooks/deliveries',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(withKey.statusCode).toBe(401);
  });
});
