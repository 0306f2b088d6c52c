/* What every KYC check runner shares: its context, its result and the way it calls the provider. */
import type { CheckOutcome } from '../../db/schema/index.js';
import {
  CashfreeDuplicateError,
  CashfreeError,
  CashfreeIndeterminateError,
  newVerificationId,
} from '../../providers/cashfree/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { IpvSnapshot } from '../liveliness/ipv-service.js';
import type { OfficialIdentity } from '../official-identity/service.js';
import type { Section } from '../profile/sections.js';
import type { CheckReason } from './reasons.js';
import type { ProfileView } from '../profile/schemas.js';

/** The profile as it was submitted, plus the selfie that had passed liveliness then and its IPV evidence. */
export interface CaseSnapshot {
  profile: Omit<ProfileView, 'userImage' | 'kycStatus' | 'verifiedStatus' | 'verifiedAt'>;
  selfie: {
    documentId: string;
    score: number | null;
    verificationId: string | null;
    /** Absent in snapshots taken before the evidence was recorded. */
    ipv?: IpvSnapshot | null;
  } | null;
}

export interface CheckResult {
  outcome: CheckOutcome;
  /** Stable reason code (reasons.ts); null for a plain pass. */
  reason: CheckReason | null;
  /** For a failure the customer can fix: the section to fix. */
  fixableSection?: Section;
  verificationId?: string | null;
  referenceId?: string | null;
  score?: number | null;
  details?: Record<string, unknown>;
}

/** The provider has not finished (bank account async): look again later with the same id. */
export interface PendingResult {
  pending: true;
  verificationId: string;
}

export interface CheckSettings {
  nameMatchPass: string[];
  nameMatchReview: string[];
  faceMatchMinScore: number;
}

export interface CheckContext {
  caseId: string;
  userId: string;
  snapshot: CaseSnapshot;
  /** Our verification id of an earlier attempt of this check, if it was sent before (a resumed job). */
  previousVerificationId: string | null;
  provider: CashfreeClient;
  settings: CheckSettings;
  otherCasesWithSamePan: () => Promise<number>;
  officialIdentity: () => Promise<OfficialIdentity | undefined>;
  readDocument: (documentId: string) => Promise<Buffer>;
  /** Stores our verification id on the check before the provider is called. */
  rememberVerificationId: (verificationId: string) => Promise<void>;
}

export const pass = (extra: Partial<CheckResult> = {}): CheckResult => ({
  outcome: 'pass',
  reason: null,
  ...extra,
});
export const result = (
  outcome: CheckOutcome,
  reason: CheckReason,
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  outcome,
  reason,
  ...extra,
});

/** How a name-match class maps to an outcome, by configuration. */
export function nameMatchOutcome(
  matchResult: string | null | undefined,
  settings: CheckSettings,
): CheckOutcome {
  if (matchResult && settings.nameMatchPass.includes(matchResult)) return 'pass';
  if (matchResult && settings.nameMatchReview.includes(matchResult)) return 'review';
  return 'fail';
}

/**
 * Sends a paid verification whose endpoint has no status lookup. If an earlier attempt of this
 * check was already sent (a job resumed after a crash), the same id is reused: Cashfree then
 * answers 409 instead of charging twice, and the unknown result sends the case to review.
 */
export async function sendOnce<T>(
  context: CheckContext,
  prefix: string,
  call: (verificationId: string) => Promise<T>,
): Promise<{ value: T; verificationId: string } | CheckResult> {
  const verificationId = context.previousVerificationId ?? newVerificationId(prefix);
  if (!context.previousVerificationId) await context.rememberVerificationId(verificationId);
  return sendAs(verificationId, call);
}

/** One call under an id already remembered on the check, its provider failures read as sendOnce reads them. */
export async function sendAs<T>(
  verificationId: string,
  call: (verificationId: string) => Promise<T>,
): Promise<{ value: T; verificationId: string } | CheckResult> {
  try {
    return { value: await call(verificationId), verificationId };
  } catch (error) {
    if (error instanceof CashfreeDuplicateError || error instanceof CashfreeIndeterminateError) {
      return result('indeterminate', 'provider_outcome_unknown', { verificationId });
    }
    if (error instanceof CashfreeError && !error.retryable && !error.outcomeUnknown) {
      return result('review', `provider_refused:${error.code}`, { verificationId });
    }
    throw error; // outage: the job retries later, the case stays verifying
  }
}

export const isResult = (value: unknown): value is CheckResult =>
  typeof value === 'object' && value !== null && 'outcome' in value;
