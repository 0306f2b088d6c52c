/*
 * identity_match: the official identity (DigiLocker or Secure-Share Aadhaar) must be the applicant's.
 * Name (Cashfree's name match), date of birth, gender, the Aadhaar linked to the PAN and the permanent
 * address are compared; any disagreement, or anything that cannot be compared, goes to a reviewer
 * with a reason code per field. The rules and thresholds are in docs/kyc-checks.md.
 */
import { newVerificationId } from '../../providers/cashfree/index.js';
import {
  compareAddress,
  compareDateOfBirth,
  compareGender,
  nameMatchClass,
} from '../official-identity/compare.js';
import { aadhaarLast4 } from '../official-identity/parse.js';
import { isResult, nameMatchOutcome, pass, result, sendAs } from './check-kit.js';
import type { CheckContext, CheckResult } from './check-kit.js';
import type { CheckReasonCode } from './reasons.js';

/** Our ids of the two paid calls, kept together on the check so that a resumed job reuses both. */
function verificationIds(context: CheckContext): { nameMatch: string; pan360: string; joined: string } {
  const [nameMatch, pan360] = context.previousVerificationId?.split(' ') ?? [];
  const ids = {
    nameMatch: nameMatch ?? newVerificationId('nm'),
    pan360: pan360 ?? newVerificationId('pan360'),
  };
  return { ...ids, joined: `${ids.nameMatch} ${ids.pan360}` };
}

export async function checkIdentityMatch(context: CheckContext): Promise<CheckResult> {
  const official = await context.officialIdentity();
  if (!official) return result('review', 'no_official_identity');
  const { panDetails, profileDetails, addressDetails } = context.snapshot.profile;
  const pan = panDetails!;
  const ids = verificationIds(context);
  if (!context.previousVerificationId) await context.rememberVerificationId(ids.joined);
  const reasons: CheckReasonCode[] = [];
  const details: Record<string, unknown> = { source: official.source };
  let score: number | null = null;
  let referenceId: string | null = null;

  // Name: the PAN name (which the pan check verifies against the department's record) against the Aadhaar name.
  if (!official.name) {
    reasons.push('identity_name_unknown');
  } else {
    const sent = await sendAs(ids.nameMatch, (verificationId) =>
      context.provider.matchNames(
        { name1: pan.name, name2: official.name!, verificationId },
        { userId: context.userId },
      ),
    );
    if (isResult(sent)) return { ...sent, verificationId: ids.joined };
    const { data } = sent.value;
    const raw = Number(data.score);
    score = Number.isFinite(raw) ? (raw > 1 ? raw / 100 : raw) : 0;
    referenceId = String(data.reference_id);
    const matchClass = nameMatchClass(score);
    details.nameMatch = matchClass;
    const outcome = nameMatchOutcome(matchClass, context.settings);
    if (outcome === 'review') reasons.push('identity_name_partial_match');
    if (outcome === 'fail') reasons.push('identity_name_mismatch');
  }

  // Date of birth: the one the pan check verified against the Aadhaar's.
  const dateOfBirth = compareDateOfBirth(pan.dateOfBirth, official.dateOfBirth);
  details.dateOfBirth = dateOfBirth;
  if (dateOfBirth === 'unknown') reasons.push('identity_dob_unknown');
  if (dateOfBirth === 'year_only') reasons.push('identity_dob_year_only');
  if (dateOfBirth === 'differs' || dateOfBirth === 'year_differs') reasons.push('identity_dob_mismatch');

  // The Aadhaar linked to the PAN (PAN 360 gives its masked number and the holder's gender).
  const sent = await sendAs(ids.pan360, (verificationId) =>
    context.provider.verifyPanAdvance(
      { pan: pan.panNumber, name: pan.name, verificationId },
      { userId: context.userId },
    ),
  );
  if (isResult(sent)) return { ...sent, verificationId: ids.joined };
  const panAnswer = sent.value.data;
  const linkedLast4 = aadhaarLast4(panAnswer.masked_aadhaar_number);
  details.aadhaarLast4 =
    linkedLast4 && official.aadhaarLast4
      ? linkedLast4 === official.aadhaarLast4
        ? 'equal'
        : 'differs'
      : 'unknown';
  if (details.aadhaarLast4 === 'differs') reasons.push('identity_aadhaar_mismatch');

  // Gender, where both sides know it: the submitted one and the PAN's, each against the Aadhaar's.
  const genders = [
    compareGender(profileDetails?.gender, official.gender),
    compareGender(panAnswer.gender ?? undefined, official.gender),
  ];
  details.gender = genders.includes('differs') ? 'differs' : genders.includes('equal') ? 'equal' : 'unknown';
  if (details.gender === 'differs') reasons.push('identity_gender_mismatch');

  // The permanent address against the official one (without one, the decision asks a reviewer anyway).
  if (official.address && addressDetails) {
    const address = compareAddress(addressDetails, official.address);
    details.addressPincode = address.pincode;
    details.addressSimilarity = address.similarity;
    if (!address.agrees) reasons.push('identity_address_mismatch');
  }

  const common = { verificationId: ids.joined, referenceId, score, details: { ...details, reasons } };
  return reasons.length === 0 ? pass(common) : result('review', reasons[0]!, common);
}
