import { describe, expect, it } from 'vitest';
import { authed, useTestApp } from '../../helpers/app.js';
import {
  fetchAadhaarFromDigilocker,
  readyApplicant,
  sandboxProfile,
  waitForDecision,
} from '../../helpers/kyc.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('the admin dashboard', () => {
  it('counts real cases: statuses per day, who decided, turnaround, reasons and provider errors', async () => {
    const admin = await promoteAndLogin(ctx.app, ctx.database, 'admin');
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');

    // Approved by the checks alone.
    const automatic = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, automatic);
    await automatic.call('POST', '/v1/kyc/submit');
    expect((await waitForDecision(ctx.app, automatic.token)).status).toBe('approved');

    // No official identity: a reviewer looks at it and approves.
    const reviewed = await readyApplicant(ctx.app);
    await reviewed.call('POST', '/v1/kyc/submit');
    const inReview = await waitForDecision(ctx.app, reviewed.token);
    expect(inReview.status).toBe('needs_review');
    const decided = await authed(ctx.app, reviewer.token, {
      method: 'POST',
      url: `/v1/review/cases/${inReview.caseId}/decision`,
      payload: {
        decision: 'approve',
        reasonCodes: ['verified_manually'],
        userMessage: 'Welcome',
        internalNote: 'identity checked by video call',
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // A PAN that does not exist: back to the customer.
    const profile = await sandboxProfile();
    const toFix = await readyApplicant(ctx.app, {
      panDetails: { ...profile.panDetails, panNumber: 'DEFPV0126D' },
    });
    await toFix.call('POST', '/v1/kyc/submit');
    expect((await waitForDecision(ctx.app, toFix.token)).status).toBe('action_required');

    // Cashfree's IFSC endpoint fails.
    const simulator = ctx.app.provider.simulator!;
    simulator.faults.set('/ifsc', { status: 503 });
    expect((await toFix.call('GET', '/v1/banks/ifsc/UTIB0000123')).statusCode).toBe(503);
    simulator.faults.clear();

    const response = await authed(ctx.app, admin.token, { method: 'GET', url: '/v1/admin/dashboard' });
    expect(response.statusCode, response.body).toBe(200);
    const data = response.json().data;
    expect(data.to).toBe(today());
    expect(data.from).toBe(daysBefore(today(), 29));
    expect(data.casesPerDay).toHaveLength(30);
    expect(data.casesPerDay.at(-1)).toEqual({
      day: today(),
      counts: {
        draft: 0,
        submitted: 3,
        verifying: 3,
        needs_review: 1,
        action_required: 1,
        approved: 2,
        rejected: 0,
        esign_pending: 0,
        esign_expired: 0,
        completed: 0,
      },
    });
    expect(data.casesPerDay[0].counts.submitted).toBe(0);
    expect(data.decisions).toEqual({
      automatic: { approved: 1, rejected: 0, action_required: 1, total: 2 },
      human: { approved: 1, rejected: 0, action_required: 0, total: 1 },
    });
    expect(data.turnaround.cases).toBe(2);
    expect(data.turnaround.p50Hours).toBeGreaterThanOrEqual(0);
    expect(data.turnaround.p90Hours).toBeGreaterThanOrEqual(data.turnaround.p50Hours);
    expect(data.topReviewReasons).toEqual(
      expect.arrayContaining([
        { reason: 'no_official_address', cases: 1 },
        { reason: 'no_official_photo', cases: 1 },
      ]),
    );
    expect(data.topActionRequiredReasons).toEqual([{ reason: 'panDetails/pan_invalid', cases: 1 }]);
    const ifsc = data.providerErrors.find((row: { endpoint: string }) => row.endpoint === 'ifsc');
    // A 503 may have been processed: its outcome is unknown.
    expect(ifsc.errors).toBeGreaterThanOrEqual(1);
    expect(ifsc.errors).toBe(ifsc.failed + ifsc.error + ifsc.indeterminate);
    expect(data.providerErrors[0].endpoint).toBe('ifsc');
    expect(
      data.providerErrors.find((row: { endpoint: string }) => row.endpoint === 'pan_lite'),
    ).toMatchObject({
      errors: 0,
    });

    // A range before any of it is all zeros.
    const earlier = await authed(ctx.app, admin.token, {
      method: 'GET',
      url: `/v1/admin/dashboard?from=${daysBefore(today(), 10)}&to=${daysBefore(today(), 1)}`,
    });
    expect(earlier.json().data).toMatchObject({
      decisions: { automatic: { total: 0 }, human: { total: 0 } },
      turnaround: { cases: 0, p50Hours: null, p90Hours: null },
      topReviewReasons: [],
      providerErrors: [],
    });
    expect(earlier.json().data.casesPerDay).toHaveLength(10);
  }, 180_000);

  it('is for admins only, and refuses a bad range naming the field', async () => {
    const admin = await promoteAndLogin(ctx.app, ctx.database, 'admin');
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    expect(
      (await authed(ctx.app, reviewer.token, { method: 'GET', url: '/v1/admin/dashboard' })).statusCode,
    ).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/admin/dashboard' })).statusCode).toBe(401);

    const get = (query: string) =>
      authed(ctx.app, admin.token, { method: 'GET', url: `/v1/admin/dashboard?${query}` });
    const year = await get('from=2025-01-01&to=2025-12-31');
    expect(year.statusCode).toBe(200);
    expect(year.json().data.casesPerDay).toHaveLength(365);
    expect((await get('from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
    for (const [query, field] of [
      ['from=2024-01-01&to=2025-01-01', '/to'],
      ['from=2025-01-02&to=2025-01-01', '/from'],
      ['from=2025-02-30', '/from'],
      ['to=yesterday', '/to'],
      ['days=3', '/days'],
    ] as const) {
      const refused = await get(query);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().code).toBe('validation_failed');
      expect(refused.json().errors[0].field, query).toBe(field);
    }
    // `from` alone: up to today.
    const since = await get(`from=${daysBefore(today(), 2)}`);
    expect(since.json().data).toMatchObject({ to: today() });
    expect(since.json().data.casesPerDay).toHaveLength(3);
  });
});
