import {
  normalizedScore,
  referenceOf,
  type CallContext,
  type CashfreeEngine,
  type Summary,
  type Verified,
} from '../engine.js';
import { BankAccountResponse, IfscResponse } from '../schemas.js';

/** POST /bank-account/sync: penny drop with the answer inline. No id, so at most one retry under a new record. */
export function verifyBankAccountSync(
  engine: CashfreeEngine,
  input: { bankAccount: string; ifsc: string; name?: string; phone?: string },
  ctx: CallContext = {},
): Promise<Verified<BankAccountResponse>> {
  return engine.verify(
    {
      kind: 'bank_account_sync',
      idPrefix: 'bav',
      schema: BankAccountResponse,
      build: () =>
        engine.json('/bank-account/sync', {
          bank_account: input.bankAccount,
          ifsc: input.ifsc,
          name: input.name,
          phone: input.phone,
        }),
      ambiguity: { kind: 'new-id' },
      summarize: summarizeBankAccount,
    },
    ctx,
  );
}

/**
 * POST /bank-account/async with our verification id as Cashfree's `user_id`. A lost answer is
 * reconciled through GET /bank-account?user_id=…, so the penny drop is never sent twice.
 */
export function verifyBankAccountAsync(
  engine: CashfreeEngine,
  input: { bankAccount: string; ifsc: string; name?: string; phone?: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<BankAccountResponse>> {
  return engine.verify(
    {
      kind: 'bank_account_async',
      idPrefix: 'bava',
      verificationId: input.verificationId,
      schema: BankAccountResponse,
      build: (verificationId) =>
        engine.json('/bank-account/async', {
          bank_account: input.bankAccount,
          ifsc: input.ifsc,
          name: input.name,
          phone: input.phone,
          user_id: verificationId,
        }),
      ambiguity: {
        kind: 'reconcile',
        lookup: (verificationId, signal) =>
          engine.lookup(
            engine.get('/bank-account', { user_id: verificationId }),
            BankAccountResponse,
            signal,
          ),
      },
      summarize: summarizeBankAccount,
    },
    ctx,
  );
}

/** GET /bank-account by our verification id (BAV `user_id`) or Cashfree's reference id; updates the record. */
export async function getBankAccountStatus(
  engine: CashfreeEngine,
  by: { verificationId: string } | { referenceId: string },
  ctx: CallContext = {},
): Promise<BankAccountResponse> {
  const query: Record<string, string> =
    'verificationId' in by ? { user_id: by.verificationId } : { reference_id: by.referenceId };
  const data = await engine.read(engine.get('/bank-account', query), BankAccountResponse, ctx.signal);
  if ('verificationId' in by) await engine.settle(by.verificationId, data, summarizeBankAccount(data));
  return data;
}

/** POST /ifsc. */
export function verifyIfsc(
  engine: CashfreeEngine,
  input: { ifsc: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<IfscResponse>> {
  return engine.verify(
    {
      kind: 'ifsc',
      idPrefix: 'ifsc',
      verificationId: input.verificationId,
      schema: IfscResponse,
      build: (verificationId) => engine.json('/ifsc', { verification_id: verificationId, ifsc: input.ifsc }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
    },
    ctx,
  );
}

function summarizeBankAccount(data: BankAccountResponse): Summary {
  return {
    referenceId: referenceOf(data.reference_id),
    score: normalizedScore(data.name_match_score),
    outcome: data.account_status_code ?? data.account_status,
  };
}
