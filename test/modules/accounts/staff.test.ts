import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountTokens, authEvents, staffAuditEvents } from '../../../src/db/schema/index.js';
import { authed, STRONG_PASSWORD, useTestApp } from '../../helpers/app.js';
import { latestMessage, linkToken } from '../../helpers/contacts.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp();
const PASSWORD = 'reviewer passphrase of some length';
let counter = 0;
const staffEmail = () => `staff.${process.pid}.${++counter}.${Date.now()}@example.com`;

const admin = () => promoteAndLogin(ctx.app, ctx.database, 'admin');
const invite = (token: string, payload: object) =>
  authed(ctx.app, token, { method: 'POST', url: '/v1/admin/staff', payload });
const patch = (token: string, id: string, payload: object) =>
  authed(ctx.app, token, { method: 'PATCH', url: `/v1/admin/staff/${id}`, payload });
const accept = (token: string, password = PASSWORD, confirmedPassword = password) =>
  ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/invite/accept',
    payload: { token, password, confirmedPassword },
  });
const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });

async function invitedReviewer(adminToken: string) {
  const email = staffEmail();
  const answer = await invite(adminToken, { email, name: 'Ravi Kumar', role: 'reviewer' });
  expect(answer.statusCode).toBe(201);
  const token = linkToken(await latestMessage(ctx.app, email, 'staff_invite'));
  return { email, id: answer.json().data.id as string, token };
}

describe('staff invitations', () => {
  it('invites a reviewer who sets a password once and signs in', async () => {
    const { token: adminToken, userId: adminId } = await admin();
    const email = staffEmail();
    const answer = await invite(adminToken, { email, name: 'Ravi Kumar', role: 'reviewer' });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().data).toMatchObject({
      email,
      name: 'Ravi Kumar',
      role: 'reviewer',
      status: 'invited',
    });
    const mail = await latestMessage(ctx.app, email, 'staff_invite');
    expect(mail.subject).toBe('You are invited to the Pehchan KYC console');
    expect(mail.text).toContain('/console/accept-invite#token=si_');
    expect((await login(email, PASSWORD)).statusCode).toBe(401);

    expect((await accept(linkToken(mail))).statusCode).toBe(200);
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    const reused = await accept(linkToken(mail), 'another passphrase entirely');
    expect(reused.json().errors[0]).toMatchObject({ field: '/token', code: 'token_invalid' });

    const events = await ctx.database.handle.db
      .select({ event: authEvents.event, actorId: authEvents.actorId, details: authEvents.details })
      .from(authEvents)
      .where(eq(authEvents.userId, answer.json().data.id));
    expect(events).toEqual(
      expect.arrayContaining([
        { event: 'staff_invited', actorId: adminId, details: { role: 'reviewer' } },
        expect.objectContaining({ event: 'staff_invite_accepted' }),
      ]),
    );
  });

  it('refuses an email already in use, a weak password and an expired link', async () => {
    const { token: adminToken } = await admin();
    const taken = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const duplicate = await invite(adminToken, { email: taken.email, name: 'Someone', role: 'admin' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('email_taken');

    const invited = await invitedReviewer(adminToken);
    const weak = await accept(invited.token, 'password');
    expect(weak.json().errors[0].field).toBe('/password');
    await ctx.database.handle.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, invited.id));
    expect((await accept(invited.token)).json().errors[0].code).toBe('token_expired');
    // Inviting again sends a fresh link.
    expect(
      (await invite(adminToken, { email: invited.email, name: 'Ravi Kumar', role: 'reviewer' })).statusCode,
    ).toBe(201);
    const fresh = linkToken(await latestMessage(ctx.app, invited.email, 'staff_invite'));
    expect((await accept(fresh)).statusCode).toBe(200);
  });

  it.each([
    [{ email: 'not-an-email', name: 'Ravi', role: 'reviewer' }, '/email'],
    [{ email: 'ok@example.com', name: 'R', role: 'reviewer' }, '/name'],
    [{ email: 'ok@example.com', name: 'Ravi', role: 'customer' }, '/role'],
    [{ email: 'ok@example.com', name: 'Ravi', role: 'reviewer', password: STRONG_PASSWORD }, '/password'],
  ])('answers 400 naming the field for %j', async (payload, field) => {
    const { token } = await admin();
    const answer = await invite(token, payload);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('is for admins only', async () => {
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    expect(
      (await invite(reviewer.token, { email: staffEmail(), name: 'Ravi', role: 'reviewer' })).statusCode,
    ).toBe(403);
    expect(
      (await authed(ctx.app, reviewer.token, { method: 'GET', url: '/v1/admin/staff' })).statusCode,
    ).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/admin/staff' })).statusCode).toBe(401);
  });
});

describe('staff management', () => {
  it('lists staff, changes a role, disables (sessions end at once) and enables again, audited', async () => {
    const { token: adminToken, userId: adminId } = await admin();
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const list = await authed(ctx.app, adminToken, { method: 'GET', url: '/v1/admin/staff' });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: reviewer.userId, role: 'reviewer', status: 'active' }),
      ]),
    );
    expect(JSON.stringify(list.json())).not.toMatch(/password/i);

    const disabled = await patch(adminToken, reviewer.userId, { disabled: true });
    expect(disabled.json().data.status).toBe('disabled');
    expect(
      (await authed(ctx.app, reviewer.token, { method: 'GET', url: '/v1/review/cases' })).statusCode,
    ).toBe(401);
    expect((await login(reviewer.email, reviewer.password)).statusCode).toBe(401);

    const enabled = await patch(adminToken, reviewer.userId, { disabled: false, role: 'admin' });
    expect(enabled.json().data).toMatchObject({ status: 'active', role: 'admin' });
    // The session ended by disabling stays ended.
    expect(
      (await authed(ctx.app, reviewer.token, { method: 'GET', url: '/v1/review/cases' })).statusCode,
    ).toBe(401);
    expect((await login(reviewer.email, reviewer.password)).statusCode).toBe(200);

    const events = await ctx.database.handle.db
      .select({ event: authEvents.event, actorId: authEvents.actorId, details: authEvents.details })
      .from(authEvents)
      .where(eq(authEvents.userId, reviewer.userId));
    expect(events).toEqual(
      expect.arrayContaining([
        { event: 'staff_disabled', actorId: adminId, details: {} },
        { event: 'staff_enabled', actorId: adminId, details: {} },
        { event: 'staff_role_changed', actorId: adminId, details: { from: 'reviewer', to: 'admin' } },
      ]),
    );
  });

  it('a disabled invitee cannot accept; enabled again, the invitation is pending again', async () => {
    const { token: adminToken } = await admin();
    const invited = await invitedReviewer(adminToken);
    await patch(adminToken, invited.id, { disabled: true });
    expect((await accept(invited.token)).json().errors[0].code).toBe('token_invalid');
    const enabled = await patch(adminToken, invited.id, { disabled: false });
    expect(enabled.json().data.status).toBe('invited');
    expect((await accept(invited.token)).statusCode).toBe(200);
  });

  it('refuses changes to your own account, unknown ids, customers and empty bodies', async () => {
    const { token, userId } = await admin();
    const own = await patch(token, userId, { disabled: true });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('own_account');
    expect((await patch(token, '0190f0f0-0000-7000-8000-000000000000', { disabled: true })).statusCode).toBe(
      404,
    );
    const customer = await promoteAndLogin(ctx.app, ctx.database, 'customer');
    expect((await patch(token, customer.userId, { role: 'admin' })).statusCode).toBe(404);
    const empty = await patch(token, customer.userId, {});
    expect(empty.statusCode).toBe(400);
    const badRole = await patch(token, customer.userId, { role: 'owner' });
    expect(badRole.json().errors[0].field).toBe('/role');
    expect((await patch(token, 'not-a-uuid', { disabled: true })).statusCode).toBe(400);
  });

  it('writes each change to the audit log with the admin, role and address, in the same transaction', async () => {
    const { token: adminToken, userId: adminId } = await admin();
    const invited = await invitedReviewer(adminToken);
    await invite(adminToken, { email: invited.email, name: 'Ravi Kumar', role: 'admin' });
    await patch(adminToken, invited.id, { role: 'reviewer', disabled: true });
    await patch(adminToken, invited.id, { disabled: false });
    // Nothing changed, nothing recorded.
    await patch(adminToken, invited.id, { role: 'reviewer', disabled: false });
    // A refused change leaves no entry either.
    await patch(adminToken, adminId, { disabled: true });

    const entries = await ctx.database.handle.db
      .select()
      .from(staffAuditEvents)
      .where(eq(staffAuditEvents.actorId, adminId))
      .orderBy(staffAuditEvents.id);
    expect(
      entries.map(({ action, targetType, targetId, details, actorRole }) => ({
        action,
        targetType,
        targetId,
        details,
        actorRole,
      })),
    ).toEqual([
      {
        action: 'staff_invited',
        targetType: 'staff',
        targetId: invited.id,
        details: { role: 'reviewer' },
        actorRole: 'admin',
      },
      {
        action: 'staff_reinvited',
        targetType: 'staff',
        targetId: invited.id,
        details: { role: 'admin' },
        actorRole: 'admin',
      },
      {
        action: 'staff_role_changed',
        targetType: 'staff',
        targetId: invited.id,
        details: { from: 'admin', to: 'reviewer' },
        actorRole: 'admin',
      },
      {
        action: 'staff_disabled',
        targetType: 'staff',
        targetId: invited.id,
        details: {},
        actorRole: 'admin',
      },
      { action: 'staff_enabled', targetType: 'staff', targetId: invited.id, details: {}, actorRole: 'admin' },
    ]);
    expect(entries.every((entry) => entry.ip === '127.0.0.1')).toBe(true);

    const logged = await authed(ctx.app, adminToken, {
      method: 'GET',
      url: `/v1/admin/audit?targetType=staff&targetId=${invited.id}&limit=1`,
    });
    expect(logged.json().data[0]).toMatchObject({
      action: 'staff_enabled',
      actor: { id: adminId, name: 'Asha Verma', role: 'admin' },
    });
  });

  it('lists active sessions and the last sign-in', async () => {
    const { token: adminToken } = await admin();
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const sessionsOf = (id: string) =>
      authed(ctx.app, adminToken, { method: 'GET', url: `/v1/admin/staff/${id}/sessions` });

    const sessionId = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
    const first = await sessionsOf(reviewer.userId);
    expect(first.statusCode).toBe(200);
    // Newest first: the staff sign-in with its second factor, then the sign-in as a customer before promotion.
    expect(first.json().data).toEqual([
      {
        id: sessionId(reviewer.token),
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        ip: '127.0.0.1',
        userAgent: 'lightMyRequest',
        secondFactorAt: expect.any(String),
      },
      expect.objectContaining({ secondFactorAt: null }),
    ]);
    expect(new Date(first.json().data[0].expiresAt).getTime()).toBeGreaterThan(Date.now());

    const invited = await invitedReviewer(adminToken);
    const list = await authed(ctx.app, adminToken, { method: 'GET', url: '/v1/admin/staff' });
    const byId = new Map(list.json().data.map((row: { id: string }) => [row.id, row]));
    expect(byId.get(invited.id)).toMatchObject({ lastLoginAt: null });
    const lastLoginAt = (byId.get(reviewer.userId) as { lastLoginAt: string }).lastLoginAt;
    expect(Date.parse(lastLoginAt)).toBeGreaterThanOrEqual(Date.parse(first.json().data[0].createdAt) - 1000);

    // Logging out ends the session; it is no longer listed.
    await authed(ctx.app, reviewer.token, { method: 'POST', url: '/v1/auth/logout', payload: {} });
    const after = (await sessionsOf(reviewer.userId)).json().data;
    expect(after.map((session: { id: string }) => session.id)).toEqual([first.json().data[1].id]);
    expect((await sessionsOf(invited.id)).json().data).toEqual([]);

    const customer = await promoteAndLogin(ctx.app, ctx.database, 'customer');
    expect((await sessionsOf(customer.userId)).statusCode).toBe(404);
    expect((await sessionsOf('not-a-uuid')).statusCode).toBe(400);
    expect(
      (
        await authed(ctx.app, reviewer.token, {
          method: 'GET',
          url: `/v1/admin/staff/${reviewer.userId}/sessions`,
        })
      ).statusCode,
    ).toBe(401);
  });
});
