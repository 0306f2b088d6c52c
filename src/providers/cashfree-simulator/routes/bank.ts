import {
  DEFAULT_REGISTERED_NAME,
  IFSC_PATTERN,
  lookupAccount,
  lookupIfsc,
  sandboxNameScore,
  type IfscRecord,
} from '../data.js';
import {
  SimError,
  bodyOf,
  duplicateVerificationId,
  queryOf,
  requiredString,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';
import { compareNames, matchResultFor } from '../names.js';
import type { BankOutcome, SimulatorState } from '../state.js';

const ACCOUNT = /^[A-Za-z0-9]+$/;
const NAME = /^[A-Za-z .']*$/;
const PHONE = /^[0-9]+$/;
const USER_ID = /^[A-Za-z0-9_]+$/;
/** Cashfree flags an account as fraudulent after about 15 penny drops to it within 24 hours. */
const FRAUD_DROPS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;
const REJECTED_STATUS_CODES = new Set(['FRAUD_ACCOUNT', 'INSUFFICIENT_BALANCE', 'BAV_BLOCKED']);
/** The bank-side errors Cashfree documents as 422 answers of the async create (422AsyncBav). */
const ASYNC_REFUSED_CODES = new Set(['fraud_account', 'insufficient_balance']);

interface BankInput {
  bankAccount: string;
  ifsc: string;
  name?: string;
}

function bankInputOf(body: Record<string, unknown>): BankInput {
  const bankAccount = requiredString(body, 'bank_account');
  if (bankAccount.length < 6) {
    throw validationError(
      'bank_account_length_short',
      'bank_account should include a minimum of 6 characters.',
    );
  }
  if (bankAccount.length > 40) {
    throw validationError(
      'bank_account_length_exceeded',
      'bank_account can include a maximum of 40 characters.',
    );
  }
  if (!ACCOUNT.test(bankAccount))
    throw validationError('bank_account_value_invalid', 'bank_account should be alphanumeric.');
  const ifsc = requiredString(body, 'ifsc').toUpperCase();
  if (!IFSC_PATTERN.test(ifsc)) {
    throw validationError(
      'ifsc_value_invalid',
      'ifsc should be of 11 characters and 5th character should be 0.',
    );
  }
  const name = stringField(body, 'name');
  if (name !== undefined && name.length > 100) {
    throw validationError('name_length_exceeded', 'name can include a maximum of 100 characters.');
  }
  if (name !== undefined && !NAME.test(name)) {
    throw validationError('name_value_invalid', 'name should not include special characters.');
  }
  const phone = stringField(body, 'phone');
  if (phone !== undefined) {
    if (!PHONE.test(phone)) throw validationError('phone_value_invalid', 'phone should be numeric.');
    if (phone.length < 8)
      throw validationError('phone_length_short', 'phone should include a minimum of 8 characters.');
    if (phone.length > 13)
      throw validationError('phone_length_exceeded', 'phone can include a maximum of 13 characters.');
  }
  return { bankAccount, ifsc, ...(name ? { name } : {}) };
}

function ifscDetails(record: IfscRecord | undefined): Record<string, unknown> | null {
  if (!record) return null;
  return {
    bank: record.bank,
    ifsc: record.ifsc,
    ifsc_subcode: record.ifsc.slice(0, 5),
    address: record.address,
    city: record.city,
    state: record.state,
    branch: record.branch,
    category: record.category,
    swift_code: record.swift_code,
    micr: record.micr,
    nbin: 1234,
  };
}

function isFraudulent(state: SimulatorState, key: string, now: number): boolean {
  const recent = (state.pennyDrops.get(key) ?? []).filter((at) => now - at < DAY_MS);
  recent.push(now);
  state.pennyDrops.set(key, recent);
  return recent.length > FRAUD_DROPS;
}

/** Runs the penny drop: the result the sync call answers and the status lookup shows. */
function pennyDrop(state: SimulatorState, input: BankInput): BankOutcome {
  const referenceId = state.newReferenceId();
  const ifsc = lookupIfsc(input.ifsc);
  const bankFields = {
    reference_id: referenceId,
    bank_name: ifsc?.bank ?? null,
    city: ifsc?.city ?? null,
    branch: ifsc?.branch ?? null,
    micr: ifsc?.micr ?? null,
  };
  const fraud = isFraudulent(state, `${input.bankAccount}/${input.ifsc}`, Date.now());
  const account = fraud
    ? {
        failure: {
          kind: 'bank_error' as const,
          code: 'fraud_account',
          message: 'Fraud activity detected for this account.',
          statusCode: 'FRAUD_ACCOUNT',
          withReference: true,
        },
      }
    : lookupAccount(input.bankAccount, input.ifsc);
  const inProgress = account.inProgressStatus ? { inProgressStatus: account.inProgressStatus } : {};
  const failure = account.failure;
  if (failure?.kind === 'bank_error') {
    return {
      referenceId,
      body: {
        ...bankFields,
        // Cashfree's examples: risk and account-side refusals are REJECTED, the bank's own troubles FAILED.
        account_status: REJECTED_STATUS_CODES.has(failure.statusCode) ? 'REJECTED' : 'FAILED',
        account_status_code: failure.statusCode,
      },
      error: { code: failure.code, message: failure.message, withReference: failure.withReference },
      refusedAtCreate: !fraud && ASYNC_REFUSED_CODES.has(failure.code),
    };
  }
  if (failure?.kind === 'status') {
    return {
      referenceId,
      body: {
        ...bankFields,
        name_at_bank: null,
        name_match_score: null,
        name_match_result: null,
        account_status: 'INVALID',
        account_status_code: failure.accountStatusCode,
        ifsc_details: ifscDetails(ifsc),
      },
    };
  }
  const holder = account.holder ?? (input.name ? input.name.trim().toUpperCase() : DEFAULT_REGISTERED_NAME);
  const score = input.name
    ? ((account.holder ? sandboxNameScore(account.holder, input.name) : undefined) ??
      compareNames(input.name, holder).score * 100)
    : undefined;
  return {
    referenceId,
    ...inProgress,
    body: {
      ...bankFields,
      name_at_bank: holder,
      utr: String(404223000000 + referenceId),
      name_match_score: score !== undefined ? score.toFixed(2) : null,
      name_match_result: score !== undefined ? matchResultFor(score / 100) : null,
      account_status: 'VALID',
      account_status_code: 'ACCOUNT_IS_VALID',
      ifsc_details: ifscDetails(ifsc),
    },
  };
}

/** Cashfree's 422 for a bank-side failure, with the reference id where it documents one. */
function bankRefusal(referenceId: number, error: NonNullable<BankOutcome['error']>): SimError {
  const extra = error.withReference ? { reference_id: referenceId } : undefined;
  return new SimError(422, 'validation_error', error.code, error.message, extra);
}

export function registerBankRoutes(
  define: DefineRoute,
  { state, bankAsyncSettleMs }: SimulatorContext,
): void {
  define('POST', '/bank-account/sync', async (request) => {
    const input = bankInputOf(bodyOf(request));
    const outcome = pennyDrop(state, input);
    state.bankRequests.set(outcome.referenceId, { receivedAt: 0, outcome });
    if (outcome.error) throw bankRefusal(outcome.referenceId, outcome.error);
    return { body: outcome.body };
  });

  define('POST', '/bank-account/async', async (request, call) => {
    const body = bodyOf(request);
    const input = bankInputOf(body);
    const userId = stringField(body, 'user_id');
    if (userId !== undefined) {
      call.verificationId = userId;
      if (userId.length > 40)
        throw validationError('user_id_length_exceeded', 'user_id can include a maximum of 40 characters.');
      if (!USER_ID.test(userId)) {
        throw validationError(
          'user_id_value_invalid',
          'user_id should contain only alphanumeric and underscore characters.',
        );
      }
      if (state.bankUserIds.has(userId))
        throw validationError('user_id_already_exists', 'user_id already exists.', 409);
    }
    const outcome = pennyDrop(state, input);
    if (outcome.error && outcome.refusedAtCreate) throw bankRefusal(outcome.referenceId, outcome.error);
    state.bankRequests.set(outcome.referenceId, {
      ...(userId ? { userId } : {}),
      receivedAt: Date.now(),
      outcome,
    });
    if (userId) state.bankUserIds.set(userId, outcome.referenceId);
    return {
      body: {
        reference_id: outcome.referenceId,
        ...(userId ? { user_id: userId } : {}),
        account_status: 'RECEIVED',
        account_status_code: 'VALIDATION_IN_PROGRESS',
      },
    };
  });

  define('GET', '/bank-account', async (request, call) => {
    const query = queryOf(request);
    let referenceId: number | undefined;
    if (query['user_id']) {
      call.verificationId = query['user_id'];
      referenceId = state.bankUserIds.get(query['user_id']);
      if (referenceId === undefined)
        throw validationError('user_id_not_found', 'user_id does not exist.', 404);
    } else if (query['reference_id']) {
      if (!/^\d+$/.test(query['reference_id'])) {
        throw validationError('reference_id_value_invalid', 'reference_id should be a number.');
      }
      referenceId = Number(query['reference_id']);
    } else {
      throw validationError('invalid_request', 'Please provide reference_id or user_id');
    }
    const found = state.bankRequests.get(referenceId);
    if (!found) throw validationError('reference_id_not_found', 'reference_id does not exist.', 404);
    const userField = found.userId ? { user_id: found.userId } : {};
    found.lookups = (found.lookups ?? 0) + 1;
    const { inProgressStatus } = found.outcome;
    if (Date.now() - found.receivedAt < bankAsyncSettleMs || (inProgressStatus && found.lookups === 1)) {
      return {
        body: {
          reference_id: referenceId,
          ...userField,
          account_status: inProgressStatus ?? 'RECEIVED',
          account_status_code: 'VALIDATION_IN_PROGRESS',
        },
      };
    }
    return { body: { ...found.outcome.body, ...userField } };
  });

  define('POST', '/ifsc', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    const ifsc = requiredString(body, 'ifsc').toUpperCase();
    if (!IFSC_PATTERN.test(ifsc)) throw validationError('ifsc_value_invalid', 'ifsc should be valid.');
    if (!state.claimVerificationId('/ifsc', verification_id)) throw duplicateVerificationId();
    const record = lookupIfsc(ifsc);
    if (!record) {
      throw new SimError(
        404,
        'not_found_error',
        'ifsc_not_found',
        'IFSC not found. Please try again with valid IFSC',
      );
    }
    return {
      body: {
        verification_id,
        reference_id: state.newReferenceId(),
        status: 'VALID',
        bank: record.bank,
        ifsc: record.ifsc,
        neft: 'Live',
        imps: 'Live',
        rtgs: 'Live',
        upi: 'Live',
        ft: 'Live',
        card: 'Live',
        micr: record.micr,
        nbin: 1234,
        address: record.address,
        city: record.city,
        state: record.state,
        branch: record.branch,
        ifsc_subcode: record.ifsc.slice(0, 5),
        category: record.category,
        swift_code: record.swift_code,
      },
    };
  });
}
