import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeDuplicateError, CashfreeValidationError } from '../../../src/providers/cashfree/errors.js';
import { newVerificationId } from '../../../src/providers/cashfree/recorder.js';
import { rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('bank account verification, sync', () => {
  it.each([
    ['026291800001191', 'YESB0000262', 'john doe', '100.00', 'DIRECT_MATCH'],
    ['026291800001191', 'YESB0000262', 'john d', '85.00', 'GOOD_PARTIAL_MATCH'],
    ['026291800001191', 'YESB0000262', 'j doe', '70.00', 'MODERATE_PARTIAL_MATCH'],
    ['026291800001191', 'YESB0000262', 'jane d', '38.00', 'POOR_PARTIAL_MATCH'],
    ['1233943142', 'ICIC0000009', 'tom wells', '100.00', 'DIRECT_MATCH'],
    ['1233943142', 'ICIC0000009', 'tim lee', '38.00', 'POOR_PARTIAL_MATCH'],
    ['388108022658', 'ICIC0000009', 'bob h', '85.00', 'GOOD_PARTIAL_MATCH'],
  ])('%s/%s with name "%s" scores %s %s', async (bankAccount, ifsc, name, score, result) => {
    const { data, verificationId } = await h.client.verifyBankAccountSync({ bankAccount, ifsc, name });
    expect(data).toMatchObject({
      account_status: 'VALID',
      account_status_code: 'ACCOUNT_IS_VALID',
      name_match_score: score,
      name_match_result: result,
    });
    const recorded = h.recorder.verifications.get(verificationId);
    expect(recorded?.request['bank_account']).toBe(
      `${'X'.repeat(bankAccount.length - 4)}${bankAccount.slice(-4)}`,
    );
    expect(recorded?.finishes[0]).toMatchObject({
      status: 'success',
      outcome: 'ACCOUNT_IS_VALID',
      score: Number(score) / 100,
    });
  });

  it.each([
    ['7766666585146', 'YESB0000001', 'INVALID_ACCOUNT_FAIL'],
    ['7766667287515', 'ICIC0000001', 'INVALID_IFSC_FAIL'],
    ['7766667989884', 'RATN0000070', 'ACCOUNT_BLOCKED'],
    ['7766667755761', 'ICIC0000001', 'NRE_ACCOUNT_FAIL'],
  ])('%s/%s is INVALID with %s', async (bankAccount, ifsc, code) => {
    const { data } = await h.client.verifyBankAccountSync({ bankAccount, ifsc, name: 'John Doe' });
    expect(data).toMatchObject({ account_status: 'INVALID', account_status_code: code });
  });

  it.each([
    ['50101329442375', 'HDFC0000001', 'insufficient_balance', false],
    ['7766674831270', 'SBIN0000003', 'source_bank_declined', true],
    ['7766668692253', 'HDFC0000001', 'benficiary_bank_offline', true],
  ])('%s/%s fails at the bank with 422 %s', async (bankAccount, ifsc, code, withReference) => {
    const error = await rejectionOf(h.client.verifyBankAccountSync({ bankAccount, ifsc }));
    expect(error).toBeInstanceOf(CashfreeValidationError);
    expect(error).toMatchObject({ status: 422, code, retryable: false });
    const failed = h.recorder.list().find((v) => v.finishes[0]?.errorCode === code);
    expect(failed?.finishes[0]?.status).toBe('failed');
    expect(failed?.finishes[0]?.referenceId !== undefined).toBe(withReference);
  });

  it('rejects an IFSC whose fifth character is not 0', async () => {
    const error = await rejectionOf(
      h.client.verifyBankAccountSync({ bankAccount: '026291800001191', ifsc: 'YESB1000262' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'ifsc_value_invalid' });
  });
});

describe('bank account verification, async with status lookup', () => {
  it('acknowledges with RECEIVED under our id and settles through the lookup', async () => {
    const slow = await startHarness({ bankAsyncSettleMs: 150 });
    try {
      const { data, verificationId } = await slow.client.verifyBankAccountAsync({
        bankAccount: '026291800001191',
        ifsc: 'YESB0000262',
        name: 'John Doe',
      });
      expect(data).toMatchObject({
        user_id: verificationId,
        account_status: 'RECEIVED',
        account_status_code: 'VALIDATION_IN_PROGRESS',
      });
      expect((await slow.client.getBankAccountStatus({ verificationId })).account_status).toBe('RECEIVED');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const settled = await slow.client.getBankAccountStatus({ verificationId });
      expect(settled).toMatchObject({
        account_status: 'VALID',
        name_match_result: 'DIRECT_MATCH',
        user_id: verificationId,
      });
      const outcomes = slow.recorder.verifications.get(verificationId)?.finishes.map((f) => f.outcome);
      expect(outcomes).toEqual(['VALIDATION_IN_PROGRESS', 'VALIDATION_IN_PROGRESS', 'ACCOUNT_IS_VALID']);
    } finally {
      await slow.close();
    }
  });

  it("shows the bank's own failure as FAILED in the status lookup", async () => {
    const { verificationId } = await h.client.verifyBankAccountAsync({
      bankAccount: '7766674831270',
      ifsc: 'SBIN0000003',
    });
    const status = await h.client.getBankAccountStatus({ verificationId });
    expect(status).toMatchObject({ account_status: 'FAILED', account_status_code: 'SOURCE_BANK_DECLINED' });
  });

  it.each([
    ['50101329442375', 'HDFC0000001', 'insufficient_balance'],
    ['77666600000301', 'HDFC0000001', 'fraud_account'],
  ])(
    'refuses %s/%s at the async create with 422 %s, as Cashfree documents',
    async (bankAccount, ifsc, code) => {
      const error = await rejectionOf(h.client.verifyBankAccountAsync({ bankAccount, ifsc }));
      expect(error).toMatchObject({ status: 422, code, retryable: false });
    },
  );

  it.each(['0201', '0202', '0203', '0204'])(
    'shows an in-progress status on the first lookup of an account ending in %s, then the result',
    async (suffix) => {
      const { verificationId } = await h.client.verifyBankAccountAsync({
        bankAccount: `5123456${suffix}`,
        ifsc: 'YESB0000262',
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const first = await h.client.getBankAccountStatus({ verificationId });
      expect(first.account_status).toMatch(/^(IN_PROCESS|PROCESSING|APPROVAL_PENDING|PARTIALLY_APPROVED)$/);
      expect((await h.client.getBankAccountStatus({ verificationId })).account_status).toBe('VALID');
    },
  );

  it('refuses a reused user_id with 409', async () => {
    const verificationId = newVerificationId('t');
    await h.client.verifyBankAccountAsync({ bankAccount: '1233943142', ifsc: 'ICIC0000009', verificationId });
    const error = await rejectionOf(
      h
        .newClient()
        .client.verifyBankAccountAsync({ bankAccount: '1233943142', ifsc: 'ICIC0000009', verificationId }),
    );
    expect(error).toBeInstanceOf(CashfreeDuplicateError);
    expect(error).toMatchObject({ code: 'user_id_already_exists' });
  });

  it('answers 404 for an unknown id, and looks up by reference id too', async () => {
    expect(await rejectionOf(h.client.getBankAccountStatus({ verificationId: 'never_sent' }))).toMatchObject({
      status: 404,
      code: 'user_id_not_found',
    });
    const { data } = await h.client.verifyBankAccountSync({
      bankAccount: '388108022658',
      ifsc: 'ICIC0000009',
    });
    const byReference = await h.client.getBankAccountStatus({ referenceId: String(data.reference_id) });
    expect(byReference).toMatchObject({ account_status: 'VALID', name_at_bank: 'BOB HOPE' });
  });
});

describe('IFSC (/ifsc)', () => {
  it('describes a known branch', async () => {
    const { data } = await h.client.verifyIfsc({ ifsc: 'HDFC0000001' });
    expect(data).toMatchObject({
      status: 'VALID',
      bank: 'HDFC BANK',
      ifsc_subcode: 'HDFC0',
      micr: 560751026,
      imps: 'Live',
    });
  });

  it('answers 404 ifsc_not_found for an unknown bank code', async () => {
    const error = await rejectionOf(h.client.verifyIfsc({ ifsc: 'ZZZZ0123456' }));
    expect(error).toMatchObject({ status: 404, code: 'ifsc_not_found', type: 'not_found_error' });
  });
});
