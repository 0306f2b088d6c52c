import type { Consent, KycStatus, Profile } from './profile';

/** The journey's steps in order; each is a page at /onboard/steps/<id>. */
export const STEP_IDS = [
  'contact',
  'consent',
  'pan',
  'aadhaar',
  'personal',
  'address',
  'bank',
  'demat',
  'nomination',
  'fatca',
  'pep',
  'trading',
  'selfie',
  'review',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

export interface JourneyState {
  profile: Profile;
  consents: Consent[];
  status: KycStatus | undefined;
  /** What the Aadhaar step depends on: the latest DigiLocker request and Secure-Share prefill, if any. */
  aadhaar?: { digilockerStatus: string | null; prefillAppliedAt: string | null };
}

const activeConsent = (consents: Consent[], purpose: string) =>
  consents.some((consent) => consent.purpose === purpose && consent.withdrawnAt === null);

/**
 * Whether a step's part of the profile is saved. Aadhaar has no section of its own: it is done once
 * DigiLocker fetched the Aadhaar or a Secure-Share prefill was applied.
 */
export function isStepComplete(step: StepId, { profile, consents, status, aadhaar }: JourneyState): boolean {
  switch (step) {
    case 'contact':
      return profile.emailVerified && profile.mobileVerified;
    case 'consent':
      return activeConsent(consents, 'kyc_verification');
    case 'pan':
      return profile.panDetails !== null;
    case 'aadhaar':
      return aadhaar?.digilockerStatus === 'fetched' || Boolean(aadhaar?.prefillAppliedAt);
    case 'personal':
      return profile.profileDetails !== null;
    case 'address':
      return profile.addressDetails !== null;
    case 'bank':
      return profile.bankDetails.length > 0;
    case 'demat':
      return profile.dematDetails.length > 0;
    case 'nomination':
      return profile.nominationDetails !== null;
    case 'fatca':
      return profile.fatcaDetails !== null;
    case 'pep':
      return profile.pepDetails !== null;
    case 'trading':
      return profile.tradingPreferences !== null;
    case 'selfie':
      return profile.userImage !== null;
    case 'review':
      return status !== undefined && status.status !== 'draft' && status.status !== 'action_required';
  }
}

/** The first step not yet complete: where "continue" takes the customer. */
export function nextIncompleteStep(state: JourneyState): StepId {
  return STEP_IDS.find((step) => !isStepComplete(step, state)) ?? 'review';
}

export function stepAfter(step: StepId): StepId | undefined {
  return STEP_IDS[STEP_IDS.indexOf(step) + 1];
}
