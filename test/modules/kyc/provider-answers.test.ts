import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { randomPan, readyApplicant, sandboxProfile, waitForDecision } from '../../helpers/kyc.js';

// How the checks read Cashfree's less common answers, driven through the simulator's sandbox data.

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const digits = (count: number) =>
  Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('');
/** A sandbox account whose number ends in `suffix` (see docs/cashfree-simulator.md). */
const accountEndingIn = (suffix: string) => `5${digits(7)}${suffix}`;

async function decidedWith(profileOverrides: Record<string, unknown>) {
  const applicant = await readyApplicant(ctx.app, profileOverrides);
  expect((await applicant.call('POST', '/v1/kyc/submit')).statusCode).toBe(200);
  return waitForDecision(ctx.app, applicant.token);
}

const checkOf = (status: { checks: Array<{ type: string }> }, type: string) =>
  status.checks.find((check) => check.type === type);

const bankAccount = (bankAccountNumber: string) => [
  { bankName: 'Yes Bank', accountType: 'Saving', bankAccountNumber, ifscCode: 'YESB0000262', primary: true },
];

describe('bank verification statuses', () => {
  it.each(['0201', '0202', '0203', '0204'])(
    'keeps polling an account whose first lookup is in progress (suffix %s), then passes it',
    async (suffix) => {
      const status = await decidedWith({ bankDetails: bankAccount(accountEndingIn(suffix)) });
      expect(checkOf(status, 'bank_account')).toMatchObject({ outcome: 'pass' });
    },
  );

  it('fails an account Cashfree refuses as fraudulent at the async create, for the applicant to replace', async () => {
    const status = await decidedWith({ bankDetails: bankAccount(accountEndingIn('0301')) });
    expect(checkOf(status, 'bank_account')).toMatchObject({
      outcome: 'fail',
      reason: 'bank_account_rejected',
    });
    expect(status.status).toBe('action_required');
    expect(status.reasons).toContain('bankDetails/bank_account_rejected');
  });
});

describe('PAN answers', () => {
  it('sends a PAN whose Aadhaar seeding status is null to review, not to "inoperative"', async () => {
    const profile = await sandboxProfile();
    const pan = `${randomPan().slice(0, 5)}9999${randomPan().at(-1)}`;
    const status = await decidedWith({ panDetails: { ...profile.panDetails, panNumber: pan } });
    expect(checkOf(status, 'pan')).toMatchObject({
      outcome: 'review',
      reason: 'pan_aadhaar_seeding_unknown',
    });
  });
});
