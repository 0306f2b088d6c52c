import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { readyApplicant } from '../../helpers/kyc.js';
import { asStaff, auditOf, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;
const count = async (table: string, userId: string) =>
  (await query(`select count(*)::int as n from ${table} where user_id = $1`, [userId]))[0]!.n as number;
const userIdOf = async (email: string) =>
  (await query('select id from users where email = $1', [email]))[0]!.id as string;
const hasKey = async (userId: string) =>
  (await ctx.app.services.keys.find(ctx.database.handle.db, userId)) !== undefined;

/** What an erasure keeps under a hold: the KYC record (documents, consents, cases). */
const HELD = ['documents', 'consents', 'selfie_checks'];

describe('investigation holds (STR, enforcement)', () => {
  it('keep the record through an erasure and the retention job, unseen by the customer, until an admin releases them', async () => {
    const applicant = await readyApplicant(ctx.app);
    const userId = await userIdOf(applicant.email);
    const admin = await staffMember(ctx, 'admin');
    const asAdmin = asStaff(ctx, admin);
    const path = `/v1/admin/users/${userId}/investigation-holds`;

    const asReviewer = await asStaff(ctx, await staffMember(ctx))('POST', path, { kind: 'str' });
    expect(asReviewer.statusCode).toBe(403);
    const placed = await asAdmin('POST', path, { kind: 'str' });
    expect(placed.statusCode, placed.body).toBe(201);
    const hold = placed.json().data;
    expect(hold).toMatchObject({ userId, kind: 'str', placedBy: admin.userId, releasedAt: null });
    const again = await asAdmin('POST', path, { kind: 'enforcement' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'investigation_hold_active']);
    for (const other of [randomUUID(), admin.userId]) {
      const missing = await asAdmin('POST', `/v1/admin/users/${other}/investigation-holds`, { kind: 'str' });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
    }
    const badKind = await asAdmin('POST', path, { kind: 'curiosity' });
    expect([badKind.statusCode, badKind.json().errors[0].field]).toEqual([400, '/kind']);

    // No tipping off: the customer's own export does not show it.
    const exported = await applicant.call('GET', '/v1/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(hold.id);
    expect(exported.body).not.toContain('investigation');

    // An idle draft under a hold is not erased by the retention job.
    await query(`update users set updated_at = now() - interval '400 days' where id = $1`, [userId]);
    await query(`update sessions set created_at = now() - interval '400 days' where user_id = $1`, [userId]);
    expect((await ctx.app.services.erasure.sweep()).draftsErased).toBe(0);
    expect((await query('select status from users where id = $1', [userId]))[0]!.status).toBe('active');

    // The customer's erasure closes the account and keeps the record, as a legal hold does.
    const kept: Record<string, number> = Object.fromEntries(
      await Promise.all(HELD.map(async (table) => [table, await count(table, userId)])),
    );
    expect(Object.values(kept).every((rows) => rows > 0)).toBe(true);
    const erasure = await applicant.call('POST', '/v1/me/erasure');
    expect(erasure.statusCode).toBe(202);
    // The customer is answered as without the hold (no tipping off); the host, which reports, hears `held`.
    expect(erasure.json().data).toMatchObject({ status: 'completed', holdUntil: null });
    expect(await query('select status from erasure_requests where user_id = $1', [userId])).toEqual([
      { status: 'held' },
    ]);
    const [requested] = await query(
      `select payload from webhook_events where user_id = $1 and type = 'user.erasure_requested'`,
      [userId],
    );
    expect(JSON.stringify(requested!.payload)).toContain('"status":"held"');
    for (const table of HELD)
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: kept[table] });
    expect(await count('pan_details', userId)).toBe(0);
    expect(await hasKey(userId)).toBe(true);

    // A legal hold that ends meanwhile does not finish the erasure while the investigation runs.
    await query(
      `insert into legal_holds (id, user_id, reason, relationship_ended_at, hold_until)
       values ($1, $2, 'kyc_record', now() - interval '9 years', now() - interval '1 day')`,
      [randomUUID(), userId],
    );
    expect((await ctx.app.services.erasure.sweep()).holdsEnded).toBe(0);
    expect(await count('documents', userId)).toBe(kept.documents);
    // Listed as running while the investigation keeps the record past its end.
    expect(await query('select released_at from legal_holds where user_id = $1', [userId])).toEqual([
      { released_at: null },
    ]);

    const listed = await asAdmin('GET', '/v1/admin/investigation-holds?state=active');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().data).toContainEqual(hold);

    const released = await asAdmin('POST', `/v1/admin/investigation-holds/${hold.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().data).toMatchObject({ id: hold.id, releasedBy: admin.userId });
    for (const table of [...HELD, 'user_keys'])
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: 0 });
    expect(await query('select status from erasure_requests where user_id = $1', [userId])).toEqual([
      { status: 'completed' },
    ]);
    const events = await query('select type from webhook_events where user_id = $1 and type like $2', [
      userId,
      'user.erasure%',
    ]);
    expect(events.map((row) => row.type).sort()).toEqual([
      'user.erasure_completed',
      'user.erasure_requested',
    ]);

    const twice = await asAdmin('POST', `/v1/admin/investigation-holds/${hold.id}/release`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'hold_already_released']);
    const unknown = await asAdmin('POST', `/v1/admin/investigation-holds/${randomUUID()}/release`);
    expect(unknown.statusCode).toBe(404);
    expect((await auditOf(ctx, hold.id)).map((entry) => entry.action)).toEqual([
      'investigation_hold_placed',
      'investigation_hold_released',
    ]);
  }, 120_000);

  it('leave an erasure that a release could not finish to the retention job', async () => {
    const customer = await registerAndLogin(ctx.app);
    const userId = await userIdOf(customer.email);
    const asAdmin = asStaff(ctx, await staffMember(ctx, 'admin'));
    await asAdmin('POST', `/v1/admin/users/${userId}/investigation-holds`, { kind: 'enforcement' });
    const erasure = await authed(ctx.app, customer.token, { method: 'POST', url: '/v1/me/erasure' });
    expect(erasure.statusCode).toBe(202);
    expect(await query('select status from erasure_requests where user_id = $1', [userId])).toEqual([
      { status: 'held' },
    ]);
    // Released, and the process stopped before it erased what the hold kept.
    await query(
      'update investigation_holds set released_at = now(), released_by = user_id where user_id = $1',
      [userId],
    );
    expect(await hasKey(userId)).toBe(true);
    expect((await ctx.app.services.erasure.sweep()).holdsEnded).toBe(1);
    expect(await hasKey(userId)).toBe(false);
    expect(await query('select status from erasure_requests where user_id = $1', [userId])).toEqual([
      { status: 'completed' },
    ]);
  });

  it('erase nothing when released on an account nobody asked to erase', async () => {
    const customer = await registerAndLogin(ctx.app);
    const userId = await userIdOf(customer.email);
    const asAdmin = asStaff(ctx, await staffMember(ctx, 'admin'));
    const hold = (
      await asAdmin('POST', `/v1/admin/users/${userId}/investigation-holds`, { kind: 'enforcement' })
    ).json().data;
    const released = await asAdmin('POST', `/v1/admin/investigation-holds/${hold.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    expect((await query('select status from users where id = $1', [userId]))[0]!.status).toBe('active');
    expect(await hasKey(userId)).toBe(true);
    expect(await count('erasure_requests', userId)).toBe(0);
    // A new hold may be placed once the last one is released.
    const next = await asAdmin('POST', `/v1/admin/users/${userId}/investigation-holds`, { kind: 'str' });
    expect(next.statusCode, next.body).toBe(201);
  });
});
