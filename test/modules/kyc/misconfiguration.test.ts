import { describe, expect, it } from 'vitest';
import type { CheckType } from '../../../src/db/schema/index.js';
import { CashfreeAuthError } from '../../../src/providers/cashfree/index.js';
import { useTestApp } from '../../helpers/app.js';
import { readyApplicant } from '../../helpers/kyc.js';

// Cashfree refusing our credentials is the operator's problem, not the applicant's: the checks wait
// (the job retries them) instead of filling the review queue, and finish once it is fixed.

const ctx = useTestApp();

const ready = async () => (await ctx.app.inject({ method: 'GET', url: '/health/ready' })).json();

describe('Cashfree refusing our configuration', () => {
  it.each([
    [401, 'authentication_failed'],
    [403, 'ip_validation_failed'],
  ] as const)(
    'keeps the case verifying on %i %s, shows the provider unhealthy, and completes once fixed',
    async (status, code) => {
      const applicant = await readyApplicant(ctx.app);
      const simulator = ctx.app.provider.simulator!;
      simulator.faults.set('*', { status });
      const submitted = (await applicant.call('POST', '/v1/kyc/submit')).json().data;
      expect(submitted.status).toBe('verifying');
      const types = submitted.checks.map((check: { type: CheckType }) => check.type) as CheckType[];
      const run = (type: CheckType) => ctx.app.services.kycChecks.runCheck(submitted.caseId, type);

      // The job of every provider-backed check fails, so the job system retries it with backoff.
      for (const type of ['pan', 'bank_account', 'ifsc'] as const) {
        await expect(run(type)).rejects.toBeInstanceOf(CashfreeAuthError);
      }
      for (const type of types.filter((type) => !['pan', 'bank_account', 'ifsc'].includes(type))) {
        await run(type);
      }
      const waiting = (await applicant.call('GET', '/v1/kyc/status')).json().data;
      expect(waiting.status).toBe('verifying');
      expect(
        waiting.checks
          .filter((check: { type: string }) => ['pan', 'bank_account', 'ifsc'].includes(check.type))
          .map((check: { outcome: string | null }) => check.outcome),
      ).toEqual([null, null, null]);
      expect(await ready()).toMatchObject({
        status: 'ready',
        provider: { status: 'unhealthy', refusal: { code, httpStatus: status } },
      });

      simulator.faults.clear();
      // The retried jobs, run here by hand; the async bank check is looked at again until it settles.
      let decided = waiting;
      for (let round = 0; decided.status === 'verifying' && round < 100; round++) {
        const open = decided.checks.filter((check: { outcome: string | null }) => check.outcome === null);
        for (const check of open as { type: CheckType }[]) await run(check.type);
        decided = (await applicant.call('GET', '/v1/kyc/status')).json().data;
        if (decided.status === 'verifying') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(decided.status).not.toBe('verifying');
      expect(decided.checks.find((check: { type: string }) => check.type === 'pan')).toMatchObject({
        outcome: 'pass',
      });
      expect(JSON.stringify(decided.reasons)).not.toContain('provider_refused');
      expect((await ready()).provider).toEqual({ status: 'healthy', circuit: 'closed' });
    },
  );
});
