import type { CheckType } from '../../db/schema/index.js';
import {
  CashfreeDuplicateError,
  CashfreeError,
  CashfreeIndeterminateError,
  newVerificationId,
} from '../../providers/cashfree/index.js';
import { isResult, nameMatchOutcome, pass, result, sendOnce } from './check-kit.js';
import type { CheckContext, CheckResult, PendingResult } from './check-kit.js';
import { ipvFindings } from '../liveliness/ipv-service.js';
import { checkIdentityMatch } from './identity-match.js';

async function checkPan(context: CheckContext): Promise<CheckResult> {
  const pan = context.snapshot.profile.panDetails!;
  const sent = await sendOnce(context, 'pan', (verificationId) =>
    context.provider.verifyPanLite(
      { pan: pan.panNumber, name: pan.name, dob: pan.dateOfBirth, verificationId },
      { userId: context.userId },
    ),
  );
  if (isResult(sent)) return sent;
  const { data } = sent.value;
  const common = {
    verificationId: sent.value.verificationId,
    referenceId: String(data.reference_id),
    details: { panStatus: data.pan_status ?? null, aadhaarSeeding: data.aadhaar_seeding_status ?? null },
  };
  if (data.status !== 'VALID' || !['E', 'EC', 'EA'].includes(data.pan_status ?? 'E')) {
    return result('fail', 'pan_invalid', { ...common, fixableSection: 'panDetails' });
  }
  if (data.name_match === 'N')
    return result('fail', 'pan_name_mismatch', { ...common, fixableSection: 'panDetails' });
  if (data.dob_match === 'N')
    return result('fail', 'pan_dob_mismatch', { ...common, fixableSection: 'panDetails' });
  // An individual's PAN not linked to Aadhaar is inoperative (Income-tax rule 114AAA). A null status
  // says nothing either way: a person decides, rather than failing the applicant on a missing value.
  const seeding = data.aadhaar_seeding_status;
  if (pan.iAm === 'Individual' && seeding === null)
    return result('review', 'pan_aadhaar_seeding_unknown', common);
  if (pan.iAm === 'Individual' && seeding !== undefined && seeding !== 'Y') {
    return result('fail', 'pan_inoperative', { ...common, fixableSection: 'panDetails' });
  }
  return pass(common);
}

async function checkDuplicatePan(context: CheckContext): Promise<CheckResult> {
  const others = await context.otherCasesWithSamePan();
  return others > 0
    ? result('review', 'pan_used_by_another_account', { details: { otherCases: others } })
    : pass();
}

/** Async verification statuses that mean "the bank is still at it": look again later. */
const BANK_IN_PROGRESS = new Set([
  'RECEIVED',
  'PENDING',
  'VALIDATION_IN_PROGRESS',
  'IN_PROCESS',
  'PROCESSING',
  'APPROVAL_PENDING',
  'PARTIALLY_APPROVED',
]);
const BANK_REJECTED = new Set(['REJECTED', 'MANUALLY_REJECTED']);
/** Rejections about the account itself, which the applicant fixes with another account. */
const APPLICANT_REJECTIONS = new Set(['FRAUD_ACCOUNT']);

async function checkBankAccount(context: CheckContext): Promise<CheckResult | PendingResult> {
  const bank = context.snapshot.profile.bankDetails.find((entry) => entry.primary)!;
  const name = context.snapshot.profile.panDetails!.name;
  let verificationId = context.previousVerificationId;
  let data;
  try {
    if (verificationId) {
      // Resumed or polling: ask about our id first; Cashfree never got it when the lookup says 404.
      data = await context.provider
        .getBankAccountStatus({ verificationId }, { userId: context.userId })
        .catch((error: unknown) => {
          if (error instanceof CashfreeError && error.status === 404) return undefined;
          throw error;
        });
    }
    if (!data) {
      verificationId ??= newVerificationId('bav');
      if (!context.previousVerificationId) await context.rememberVerificationId(verificationId);
      data = (
        await context.provider.verifyBankAccountAsync(
          { bankAccount: bank.bankAccountNumber, ifsc: bank.ifscCode, name, verificationId },
          { userId: context.userId },
        )
      ).data;
    }
  } catch (error) {
    if (error instanceof CashfreeIndeterminateError) {
      return result('indeterminate', 'provider_outcome_unknown', { verificationId: verificationId ?? null });
    }
    if (error instanceof CashfreeError && error.status === 422) {
      // The bank's answer to the create: the account itself (fix it) or the bank's trouble (a person looks).
      const code = error.code;
      if (code === 'verification_already_under_process')
        return { pending: true, verificationId: verificationId! };
      const details = { errorCode: code };
      if (code === 'fraud_account' || code === 'invalid_ifsc_fail') {
        return result('fail', 'bank_account_rejected', {
          verificationId: verificationId ?? null,
          details,
          fixableSection: 'bankDetails',
        });
      }
      return result('review', 'bank_verification_failed', {
        verificationId: verificationId ?? null,
        details,
      });
    }
    if (error instanceof CashfreeError && !error.retryable && !error.outcomeUnknown) {
      return result('review', `provider_refused:${error.code}`, { verificationId: verificationId ?? null });
    }
    throw error;
  }
  const status = data.account_status;
  const statusCode = data.account_status_code ?? null;
  if (BANK_IN_PROGRESS.has(status) || statusCode === 'VERIFICATION_ALREADY_UNDER_PROCESS') {
    return { pending: true, verificationId: verificationId! };
  }
  const common = {
    verificationId: verificationId ?? null,
    referenceId: String(data.reference_id),
    // null is "no score", not a score of 0.
    score: data.name_match_score == null ? null : Number(data.name_match_score) / 100,
    details: { accountStatusCode: statusCode, nameMatch: data.name_match_result ?? null },
  };
  if (status === 'INVALID')
    return result('fail', 'bank_account_invalid', { ...common, fixableSection: 'bankDetails' });
  if (BANK_REJECTED.has(status) && statusCode !== null && APPLICANT_REJECTIONS.has(statusCode))
    return result('fail', 'bank_account_rejected', { ...common, fixableSection: 'bankDetails' });
  if (status !== 'VALID') return result('review', 'bank_verification_failed', common);
  const outcome = nameMatchOutcome(data.name_match_result, context.settings);
  if (outcome === 'pass') return pass(common);
  if (outcome === 'review') return result('review', 'bank_name_partial_match', common);
  return result('fail', 'bank_name_mismatch', { ...common, fixableSection: 'bankDetails' });
}

async function checkIfsc(context: CheckContext): Promise<CheckResult> {
  const bank = context.snapshot.profile.bankDetails.find((entry) => entry.primary)!;
  const verificationId = context.previousVerificationId ?? newVerificationId('ifsc');
  if (!context.previousVerificationId) await context.rememberVerificationId(verificationId);
  try {
    const { data } = await context.provider.verifyIfsc(
      { ifsc: bank.ifscCode, verificationId },
      { userId: context.userId },
    );
    const details = { bank: data.bank ?? null, branch: data.branch ?? null, city: data.city ?? null };
    return data.status === 'VALID'
      ? pass({ verificationId, referenceId: String(data.reference_id), details })
      : result('fail', 'ifsc_invalid', { verificationId, details, fixableSection: 'bankDetails' });
  } catch (error) {
    // IFSC is a free lookup: an unknown code is the customer's to fix, and a repeat costs nothing.
    if (error instanceof CashfreeError && error.status === 404) {
      return result('fail', 'ifsc_invalid', { verificationId, fixableSection: 'bankDetails' });
    }
    if (error instanceof CashfreeDuplicateError || error instanceof CashfreeIndeterminateError) {
      return result('indeterminate', 'provider_outcome_unknown', { verificationId });
    }
    throw error;
  }
}

/**
 * The selfie passed liveliness when it was taken; the check records that result against the case,
 * with what its in-person verification evidence (challenge, point in India) says.
 */
async function checkLiveliness(context: CheckContext): Promise<CheckResult> {
  const selfie = context.snapshot.selfie;
  if (!selfie) return result('fail', 'selfie_missing', { fixableSection: 'profileDetails' });
  const common = { verificationId: selfie.verificationId, score: selfie.score };
  const ipv = ipvFindings(selfie.ipv);
  if (ipv.outcome === 'pass') return pass(common);
  return result(ipv.outcome, ipv.reasons[0]!, { ...common, details: { reasons: ipv.reasons } });
}

async function checkFaceMatch(context: CheckContext): Promise<CheckResult> {
  const selfie = context.snapshot.selfie;
  const official = await context.officialIdentity();
  if (!selfie || !official?.photoDocumentId) return result('review', 'no_official_photo');
  const [selfieBytes, photoBytes] = await Promise.all([
    context.readDocument(selfie.documentId),
    context.readDocument(official.photoDocumentId),
  ]);
  const sent = await sendOnce(context, 'fm', (verificationId) =>
    context.provider.matchFaces(
      { firstImage: selfieBytes, secondImage: photoBytes, verificationId },
      { userId: context.userId },
    ),
  );
  if (isResult(sent)) return sent;
  const { data } = sent.value;
  const score = data.face_match_score === undefined ? null : Number(data.face_match_score);
  const common = {
    verificationId: sent.verificationId,
    referenceId: String(data.ref_id),
    score,
    details: { source: official.source },
  };
  if (data.status !== 'SUCCESS') return result('review', `face_${data.status.toLowerCase()}`, common);
  return score !== null && score >= context.settings.faceMatchMinScore
    ? pass(common)
    : result('review', 'face_mismatch', common);
}

export const CHECK_RUNNERS: Record<
  CheckType,
  (context: CheckContext) => Promise<CheckResult | PendingResult>
> = {
  pan: checkPan,
  duplicate_pan: checkDuplicatePan,
  bank_account: checkBankAccount,
  ifsc: checkIfsc,
  liveliness: checkLiveliness,
  face_match: checkFaceMatch,
  identity_match: checkIdentityMatch,
};
