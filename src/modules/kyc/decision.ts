import type { CaseStatus } from '../../db/schema/index.js';
import type { CheckReasonCode } from './reasons.js';
import type { CheckRow } from './repository.js';

export interface Decision {
  status: Extract<CaseStatus, 'approved' | 'needs_review' | 'action_required'>;
  /** `section/code` for what the customer must fix, plain codes for what a reviewer must look at. */
  reasons: string[];
}

/**
 * The automatic decision once every check has finished. Nothing is approved unless every check
 * passed, the selfie matched an official photo (the face match check) and the address came from an
 * official source; a failure the customer can fix asks them to (unless the customer declared being politically exposed,
 * which always goes to a human); anything else goes to a human.
 */
export function decide(
  checks: CheckRow[],
  facts: { hasOfficialAddress: boolean; pepDeclared: boolean },
): Decision {
  const fixable = checks.filter(
    (check) => check.outcome === 'fail' && typeof check.details.fixableSection === 'string',
  );
  // A politically exposed customer always goes to a person (enhanced due diligence), whatever else is found.
  if (fixable.length > 0 && !facts.pepDeclared) {
    return {
      status: 'action_required',
      reasons: fixable.map((check) => `${String(check.details.fixableSection)}/${check.reason}`),
    };
  }
  const doubtful = checks.filter((check) => check.outcome !== 'pass' && !fixable.includes(check));
  // A check that compares several things (identity_match) lists a reason for each disagreement.
  const reasons = doubtful.flatMap((check) =>
    Array.isArray(check.details.reasons) && check.details.reasons.length > 0
      ? (check.details.reasons as string[])
      : [check.reason ?? `${check.type}_${check.outcome}`],
  );
  reasons.push(...fixable.map((check) => `${String(check.details.fixableSection)}/${check.reason}`));
  if (!facts.hasOfficialAddress) reasons.push('no_official_address' satisfies CheckReasonCode);
  if (facts.pepDeclared) reasons.push('pep_declared' satisfies CheckReasonCode);
  return reasons.length === 0 ? { status: 'approved', reasons: [] } : { status: 'needs_review', reasons };
}
