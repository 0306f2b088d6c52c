/*
 * The reviewer's side-by-side view: the official identity beside the submitted snapshot, field by
 * field with agreement marked, and the selfie beside the official photo with the face-match score.
 */
import type { CaseSnapshot } from '../kyc/check-kit.js';
import type { CheckRow } from '../kyc/repository.js';
import { compareAddress, compareDateOfBirth, compareGender } from '../official-identity/compare.js';
import { addressDetailsOf } from '../official-identity/parse.js';
import type { OfficialIdentity } from '../official-identity/service.js';

export type FieldAgreement = 'equal' | 'partial' | 'differs' | 'unknown';

export interface FieldComparison {
  field: 'name' | 'dateOfBirth' | 'gender' | 'aadhaarLast4' | 'address';
  submitted: unknown;
  official: unknown;
  agreement: FieldAgreement;
}

const squash = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();

/** Name agreement as the identity_match check found it (its name-match class), or plain equality before it ran. */
function nameAgreement(
  submitted: string,
  official: string | undefined,
  check: CheckRow | undefined,
): FieldAgreement {
  if (!official) return 'unknown';
  const matchClass = check?.details.nameMatch;
  if (matchClass === 'DIRECT_MATCH') return 'equal';
  if (matchClass === 'NO_MATCH') return 'differs';
  if (typeof matchClass === 'string') return 'partial';
  return squash(submitted) === squash(official) ? 'equal' : 'differs';
}

export function compareFields(
  snapshot: CaseSnapshot,
  official: OfficialIdentity,
  identityCheck: CheckRow | undefined,
): FieldComparison[] {
  const { panDetails, profileDetails, addressDetails } = snapshot.profile;
  const dob = compareDateOfBirth(panDetails!.dateOfBirth, official.dateOfBirth);
  const linked = identityCheck?.details.aadhaarLast4;
  const address =
    official.address && addressDetails ? compareAddress(addressDetails, official.address) : undefined;
  return [
    {
      field: 'name',
      submitted: panDetails!.name,
      official: official.name ?? null,
      agreement: nameAgreement(panDetails!.name, official.name, identityCheck),
    },
    {
      field: 'dateOfBirth',
      submitted: panDetails!.dateOfBirth,
      official: official.dateOfBirth ?? null,
      agreement: dob === 'year_only' ? 'partial' : dob === 'year_differs' ? 'differs' : dob,
    },
    {
      field: 'gender',
      submitted: profileDetails?.gender ?? null,
      official: official.gender ?? null,
      agreement: compareGender(profileDetails?.gender, official.gender),
    },
    {
      // The submitted side is the Aadhaar Cashfree's PAN 360 links to the PAN, compared by the check.
      field: 'aadhaarLast4',
      submitted: null,
      official: official.aadhaarLast4 ?? null,
      agreement: linked === 'equal' || linked === 'differs' ? linked : 'unknown',
    },
    {
      field: 'address',
      submitted: addressDetails ?? null,
      official: official.address ? addressDetailsOf(official.address) : null,
      agreement: !address
        ? 'unknown'
        : address.agrees
          ? 'equal'
          : address.pincode === 'equal'
            ? 'partial'
            : 'differs',
    },
  ];
}
