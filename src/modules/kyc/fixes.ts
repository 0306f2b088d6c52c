import { SECTIONS } from '../profile/sections.js';
import type { Section } from '../profile/sections.js';

/**
 * Where the customer fixes what a case in `action_required` asks for: a profile section, the selfie, or the
 * official identity (DigiLocker or Secure-Share, the onboarding app's Aadhaar step).
 */
export const FIX_PARTS = [...SECTIONS, 'selfie', 'aadhaar'] as const;
export type FixPart = (typeof FIX_PARTS)[number];

const isFixPart = (value: string): value is FixPart => (FIX_PARTS as readonly string[]).includes(value);

/**
 * The part each reason code is fixed in: the checks' codes (kyc-checks.md) and a reviewer's
 * REVIEW_REASON_CODES. A code not listed (suspected_fraud, duplicate_identity, provider trouble) is for a
 * person to settle, unless its `section/` prefix names a part.
 */
const CODE_PARTS: Record<string, FixPart> = {
  pan_invalid: 'panDetails',
  pan_name_mismatch: 'panDetails',
  pan_dob_mismatch: 'panDetails',
  pan_inoperative: 'panDetails',
  bank_account_invalid: 'bankDetails',
  bank_account_rejected: 'bankDetails',
  bank_name_mismatch: 'bankDetails',
  bank_verification_failed: 'bankDetails',
  ifsc_invalid: 'bankDetails',
  selfie_missing: 'selfie',
  face_mismatch: 'selfie',
  face_unchecked: 'selfie',
  liveliness: 'selfie',
  ipv_location_missing: 'selfie',
  ipv_location_outside_india: 'selfie',
  ipv_challenge_invalid: 'selfie',
  no_official_identity: 'aadhaar',
  no_official_photo: 'aadhaar',
  no_official_address: 'aadhaar',
  identity_name_partial_match: 'panDetails',
  identity_name_mismatch: 'panDetails',
  identity_dob_mismatch: 'panDetails',
  identity_aadhaar_mismatch: 'aadhaar',
  identity_gender_mismatch: 'profileDetails',
  identity_address_mismatch: 'addressDetails',
  // A reviewer's reasons.
  documents_unclear: 'dematDetails',
  name_mismatch: 'panDetails',
  date_of_birth_mismatch: 'panDetails',
  address_unverified: 'aadhaar',
  bank_account_unverified: 'bankDetails',
  identity_mismatch: 'aadhaar',
};

/** `panDetails/pan_invalid`, `documents_unclear`, `face_<status>`, `liveliness_<outcome>` → its part, or null. */
export function partOfReason(reason: string): FixPart | null {
  const slash = reason.indexOf('/');
  const section = slash > 0 ? reason.slice(0, slash) : '';
  const code = slash > 0 ? reason.slice(slash + 1) : reason;
  if (Object.prototype.hasOwnProperty.call(CODE_PARTS, code)) return CODE_PARTS[code]!;
  if (code.startsWith('face_') || code.startsWith('liveliness')) return 'selfie';
  return isFixPart(section) ? section : null;
}

export interface Fix {
  reason: string;
  part: FixPart | null;
  /** The customer changed `part` since the case asked for changes (it waits for the next submission). */
  changed: boolean;
}

/** Each reason with its part, and whether that part is among those changed since the request. */
export function fixesOf(reasons: readonly string[], changedParts: ReadonlySet<string>): Fix[] {
  return reasons.map((reason) => {
    const part = partOfReason(reason);
    return { reason, part, changed: part !== null && changedParts.has(part) };
  });
}

/**
 * A section as the customer gave it: without entry and document ids (an entry saved again, or the same file
 * uploaded again, gets new ones) and without a document's signed link (a new one at every read). A document
 * is still compared by its content's SHA-256.
 */
function customerContent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(customerContent);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '_id' && key !== 'url')
      .map(([key, item]) => [key, customerContent(item)]),
  );
}

/** The profile sections whose content differs between two profiles: one saved and put back does not. */
export function sectionsDiffering(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Section[] {
  return SECTIONS.filter(
    (section) =>
      JSON.stringify(customerContent(before[section] ?? null)) !==
      JSON.stringify(customerContent(after[section] ?? null)),
  );
}

/** The history event fields `requestIn` reads. */
interface HistoryEvent {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface ResubmissionRequest {
  requestedAt: Date;
  resubmittedAt: Date | null;
  reasons: string[];
  /**
   * The profile sections the resubmission changed against the profile the request was about (recorded on
   * the resubmission's event); null while the case waits, or for a resubmission made before they were.
   */
  changedSections: string[] | null;
}

/**
 * The latest time a case asked for changes (its last transition to `action_required`, whose event keeps
 * the reasons), and when the customer submitted again after it; undefined when it never asked.
 */
export function requestIn(events: readonly HistoryEvent[]): ResubmissionRequest | undefined {
  const transitions = events.filter((event) => event.type === 'transition');
  let index = -1;
  transitions.forEach((event, at) => {
    if (event.toStatus === 'action_required') index = at;
  });
  if (index < 0) return undefined;
  const request = transitions[index]!;
  const resubmission = transitions
    .slice(index + 1)
    .find((event) => event.fromStatus === 'action_required' && event.toStatus === 'submitted');
  const reasons = Array.isArray(request.data['reasons'])
    ? request.data['reasons'].filter((reason): reason is string => typeof reason === 'string')
    : [];
  const differing = resubmission?.data['changedSections'];
  return {
    requestedAt: request.createdAt,
    resubmittedAt: resubmission?.createdAt ?? null,
    reasons,
    changedSections: Array.isArray(differing)
      ? differing.filter((section): section is string => typeof section === 'string')
      : null,
  };
}
