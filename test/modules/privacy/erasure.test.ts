import { describe, expect, it } from 'vitest';
import { readableRow } from '../../../src/modules/privacy/export.js';
import { PERSONAL_TABLES } from '../../../src/modules/privacy/tables.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import { asStaff, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

/** Every row of every table in the application's schema, as text. */
async function dump(): Promise<string> {
  const tables = await query(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const texts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await query(`select row_to_json(t)::text as row from "${String(table)}" t`);
    texts.push(...rows.map((row) => row.row as string));
  }
  return texts.join('\n');
}

const count = async (table: string, userId: string) =>
  (await query(`select count(*)::int as n from ${table} where user_id = $1`, [userId]))[0]!.n as number;

/** The customer's values that must not survive an erasure anywhere in the database. */
async function valuesOf(applicant: Awaited<ReturnType<typeof readyApplicant>>) {
  const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
  const userId = (await applicant.call('GET', '/v1/me/export')).json().data.userId as string;
  return {
    userId,
    values: [
      applicant.email,
      profile.panDetails.mobileNo as string,
      applicant.pan,
      profile.bankDetails[0].bankAccountNumber as string,
    ],
    mobile: (await query('select mobile_no from users where id = $1', [userId]))[0]!.mobile_no as string,
  };
}

const PERSONAL_ONLY = [
  'pan_details',
  'profile_details',
  'address_details',
  'bank_accounts',
  'demat_accounts',
];
const HELD = ['kyc_cases', 'kyc_checks', 'documents', 'official_identities', 'consents'];

describe('POST /v1/me/erasure', () => {
  it('erases a never-approved customer at once: no value left, key destroyed, sessions and documents gone', async () => {
    const applicant = await readyApplicant(ctx.app);
    const { userId, values, mobile } = await valuesOf(applicant);
    // The test can fail: the plaintext ones are there before.
    const before = await dump();
    expect([applicant.email, mobile].filter((value) => !before.includes(value))).toEqual([]);
    const [encrypted] = await query('select pan_number from pan_details where user_id = $1', [userId]);
    const decrypted = async () =>
      readableRow(
        encrypted!,
        PERSONAL_TABLES.find((entry) => entry.table === 'pan_details')!,
        userId,
        await ctx.app.services.keys.find(ctx.database.handle.db, userId),
      ).pan_number;
    expect(await decrypted()).toBe(applicant.pan);
    const selfie = (
      await query(`select id from documents where user_id = $1 and kind = 'selfie'`, [userId])
    )[0]!;
    const link = ctx.app.services.documents.signedUrl(String(selfie.id));

    const response = await applicant.call('POST', '/v1/me/erasure');
    expect(response.statusCode).toBe(202);
    expect(response.json().data).toMatchObject({ status: 'completed', holdUntil: null });
    // The browser's refresh cookie and its hint go with the sessions.
    expect(response.headers['set-cookie']).toEqual([
      expect.stringMatching(/^pehchan_refresh=; Path=\/v1\/auth; Max-Age=0;/),
      expect.stringMatching(/^pehchan_session=; Path=\/; Max-Age=0;/),
    ]);

    const after = await dump();
    expect([...values, mobile].filter((value) => after.includes(value))).toEqual([]);
    expect(await ctx.app.services.keys.find(ctx.database.handle.db, userId)).toBeUndefined();
    // The row copied before the erasure (a backup) no longer opens: its key is gone.
    expect(await decrypted()).toEqual({ unreadable: true });
    for (const table of [...PERSONAL_ONLY, ...HELD, 'sessions', 'outbound_messages', 'user_keys']) {
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: 0 });
    }
    expect((await ctx.app.inject({ method: 'GET', url: link })).statusCode).toBe(404);
    expect((await applicant.call('GET', '/v1/me/export')).statusCode).toBe(401);
    const [user] = await query('select status from users where id = $1', [userId]);
    expect(user!.status).toBe('disabled');
    // Processing logs stay (DPDP Rules r.8(3)), with the erasure's own entries.
    expect(await count('auth_events', userId)).toBeGreaterThan(0);
    const events = await query('select type from webhook_events where user_id = $1 and type like $2', [
      userId,
      'user.%',
    ]);
    expect(events.map((row) => row.type).sort()).toEqual([
      'user.erasure_completed',
      'user.erasure_requested',
    ]);
    // The address can sign up again.
    await registerAndLogin(ctx.app, { email: applicant.email });
  });

  it('keeps an approved customer’s KYC record under a legal hold, erases the rest, and the retention job ends it', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    expect((await waitForDecision(ctx.app, applicant.token)).status).toBe('approved');
    const { userId, values, mobile } = await valuesOf(applicant);
    const kept = Object.fromEntries(
      await Promise.all(HELD.map(async (table) => [table, await count(table, userId)])),
    );

    const response = await applicant.call('POST', '/v1/me/erasure');
    expect(response.statusCode).toBe(202);
    const { status, holdUntil } = response.json().data;
    expect(status).toBe('held');
    const years = (Date.parse(holdUntil) - Date.now()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeCloseTo(8, 1);

    for (const table of HELD)
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: kept[table] });
    for (const table of [...PERSONAL_ONLY, 'sessions', 'outbound_messages', 'kyc_links', 'account_tokens']) {
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: 0 });
    }
    const after = await dump();
    expect([applicant.email, mobile].filter((value) => after.includes(value))).toEqual([]);
    // The record stays readable while the hold runs.
    expect(await ctx.app.services.keys.find(ctx.database.handle.db, userId)).toBeDefined();

    const admin = await staffMember(ctx, 'admin');
    const listed = (await asStaff(ctx, admin)('GET', '/v1/admin/erasure-requests?status=held')).json().data;
    expect(listed.find((row: { userId: string }) => row.userId === userId)).toMatchObject({ holdUntil });
    const holdList = await asStaff(ctx, admin)('GET', '/v1/admin/legal-holds?state=active');
    expect(holdList.statusCode, holdList.body).toBe(200);
    const holds = holdList.json().data;
    expect(holds.find((row: { userId: string }) => row.userId === userId)).toMatchObject({
      reason: 'kyc_record',
    });
    const audited = await query(
      `select action from staff_audit_events where actor_id = $1 order by created_at`,
      [admin.userId],
    );
    expect(audited.map((row) => row.action)).toEqual(
      expect.arrayContaining(['erasure_requests_listed', 'legal_holds_listed']),
    );

    // The hold ends: move it into the past and run the retention job.
    await query(`update legal_holds set hold_until = now() - interval '1 day' where user_id = $1`, [userId]);
    expect((await ctx.app.services.erasure.sweep()).holdsEnded).toBe(1);
    for (const table of [...HELD, 'user_keys'])
      expect({ table, rows: await count(table, userId) }).toEqual({ table, rows: 0 });
    const [request] = await query('select status, completed_at from erasure_requests where user_id = $1', [
      userId,
    ]);
    expect(request).toMatchObject({ status: 'completed', completed_at: expect.anything() });
    const final = await dump();
    expect([...values, mobile].filter((value) => final.includes(value))).toEqual([]);
  }, 120_000);

  it('erases a never-approved draft idle for longer than DRAFT_RETENTION_DAYS, and not a recent one', async () => {
    const idle = await registerAndLogin(ctx.app);
    const recent = await registerAndLogin(ctx.app);
    const idOf = async (email: string) =>
      (await query('select id from users where email = $1', [email]))[0]!.id as string;
    const idleId = await idOf(idle.email);
    const recentId = await idOf(recent.email);
    await query(`update users set updated_at = now() - interval '366 days' where id = $1`, [idleId]);
    await query(`update sessions set created_at = now() - interval '366 days' where user_id = $1`, [idleId]);

    expect((await ctx.app.services.erasure.sweep()).draftsErased).toBe(1);
    const [erased] = await query('select status, email from users where id = $1', [idleId]);
    expect(erased).toEqual({ status: 'disabled', email: `erased-${idleId}@erased.invalid` });
    const [request] = await query('select source, status from erasure_requests where user_id = $1', [idleId]);
    expect(request).toEqual({ source: 'draft_retention', status: 'completed' });
    expect((await query('select status from users where id = $1', [recentId]))[0]!.status).toBe('active');
    expect((await authed(ctx.app, idle.token, { method: 'GET', url: '/v1/me/export' })).statusCode).toBe(401);
  });

  it('never erases as an idle draft a case waiting for the reviewers, however long it waits', async () => {
    const applicant = await readyApplicant(ctx.app);
    await applicant.call('POST', '/v1/kyc/submit');
    const { caseId, status } = await waitForDecision(ctx.app, applicant.token);
    expect(status).toBe('needs_review');
    const { userId } = await valuesOf(applicant);
    // A backlog of over a year: the customer has done their part, the regulated entity has not decided.
    await query(`update kyc_cases set updated_at = now() - interval '400 days' where id = $1`, [caseId]);
    await query(`update users set updated_at = now() - interval '400 days' where id = $1`, [userId]);
    await query(`update sessions set created_at = now() - interval '400 days' where user_id = $1`, [userId]);

    expect((await ctx.app.services.erasure.sweep()).draftsErased).toBe(0);
    expect((await query('select status from users where id = $1', [userId]))[0]!.status).toBe('active');
    expect(await count('erasure_requests', userId)).toBe(0);
    expect(await count('kyc_cases', userId)).toBe(1);
  }, 120_000);

  it('keeps the record of a customer who signed the account opening form: never an idle draft, held on erasure', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    const { caseId, status } = await waitForDecision(ctx.app, applicant.token);
    expect(status).toBe('approved');
    // The form signed (e-sign is off in these tests), and no activity for longer than any draft is kept.
    await query(
      `update kyc_cases set status = 'completed', updated_at = now() - interval '400 days' where id = $1`,
      [caseId],
    );
    const { userId } = await valuesOf(applicant);
    await query(`update users set updated_at = now() - interval '400 days' where id = $1`, [userId]);
    await query(`update sessions set created_at = now() - interval '400 days' where user_id = $1`, [userId]);

    await ctx.app.services.erasure.sweep();
    expect((await query('select status from users where id = $1', [userId]))[0]!.status).toBe('active');
    expect(await count('erasure_requests', userId)).toBe(0);

    const response = await applicant.call('POST', '/v1/me/erasure');
    expect(response.json().data).toMatchObject({ status: 'held' });
    expect(await count('kyc_cases', userId)).toBe(1);
    expect(await ctx.app.services.keys.find(ctx.database.handle.db, userId)).toBeDefined();
  }, 120_000);

  it('stops a pending check when kyc_verification consent is withdrawn, and says what that means', async () => {
    const applicant = await readyApplicant(ctx.app);
    await applicant.call('POST', '/v1/kyc/submit');
    const { caseId } = await waitForDecision(ctx.app, applicant.token);
    const withdrawn = await applicant.call('DELETE', '/v1/consents/kyc_verification');
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().data.effect).toMatch(/pending are stopped/);
    // A check still pending when the consent went (the case back in verification, its PAN check not run yet).
    await query(`update kyc_cases set status = 'verifying' where id = $1`, [caseId]);
    await query(
      `update kyc_checks set state = 'pending', outcome = null where case_id = $1 and type = 'pan'`,
      [caseId],
    );
    const calls = await query(
      'select count(*)::int as n from verifications where user_id = (select user_id from kyc_cases where id = $1)',
      [caseId],
    );
    await ctx.app.services.kycChecks.runCheck(caseId, 'pan');
    const [check] = await query(
      `select state, outcome, reason from kyc_checks where case_id = $1 and type = 'pan'`,
      [caseId],
    );
    expect(check).toEqual({ state: 'done', outcome: 'indeterminate', reason: 'consent_withdrawn' });
    const after = await query(
      'select count(*)::int as n from verifications where user_id = (select user_id from kyc_cases where id = $1)',
      [caseId],
    );
    expect(after[0]!.n).toBe(calls[0]!.n);
  }, 90_000);

  it('refuses a staff account', async () => {
    const admin = await staffMember(ctx, 'admin');
    expect((await asStaff(ctx, admin)('POST', '/v1/me/erasure')).statusCode).toBe(403);
  });
});
