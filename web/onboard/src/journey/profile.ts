import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../../../openapi/schema';
import { api, call } from '../../../shared/src/api/client';

type ProfileResponse = paths['/v1/user/getDetails']['get']['responses'][200]['content']['application/json'];
type GeneratedUpdateDataBody = NonNullable<
  paths['/v1/data/update_data']['put']['requestBody']
>['content']['application/json'];

/*
 * The four account-opening declarations as the steps send them. The service takes their closed lists
 * (relationships, ID types, segments, income ranges) as strings it validates, so the generated request
 * type says `string`; these narrow them to the lists the steps offer, and stay assignable to it.
 */
export type NomineeRelationship =
  | 'spouse'
  | 'son'
  | 'daughter'
  | 'father'
  | 'mother'
  | 'brother'
  | 'sister'
  | 'grandparent'
  | 'grandchild'
  | 'other';
export type NomineeIdType = 'pan' | 'aadhaar_last4' | 'driving_licence' | 'passport';
export interface Nominee {
  name: string;
  relationship: NomineeRelationship;
  dateOfBirth: string;
  allocationPercent?: number;
  guardian?: { name: string; relationship: string; address: string };
  idType?: NomineeIdType;
  /** Masked when read back. */
  idNumber?: string;
}
export type NominationDetails =
  | { optOut: false; nominees: Nominee[] }
  | { optOut: true; /** Stamped by the service. */ optOutDeclaredAt?: string };
export type NoTinReason = 'not_issued' | 'not_required' | 'other';
export interface TaxResidency {
  country: string;
  tin?: string;
  noTinReason?: NoTinReason;
}
export interface FatcaDetails {
  taxResidentOutsideIndia: boolean;
  taxResidencies?: TaxResidency[];
  countryOfBirth: string;
  cityOfBirth: string;
  nationality: string;
}
export interface PepDetails {
  politicallyExposed: boolean;
  relatedToPoliticallyExposed: boolean;
}
export type TradingSegment = 'cash' | 'fno' | 'currency' | 'commodity';
export type IncomeRange =
  'below_1_lakh' | '1_5_lakh' | '5_10_lakh' | '10_25_lakh' | '25_lakh_1_crore' | 'above_1_crore';
export type IncomeProofType = 'bank_statement' | 'salary_slip' | 'itr';
export interface TradingPreferences {
  segments: TradingSegment[];
  incomeRange: IncomeRange;
  /** Sent as a `data:` URI or a saved document's id, as the demat step's client master copy. */
  incomeProof?: { documentType: IncomeProofType; document: string };
}
export type Profile = ProfileResponse['data'];
export type UpdateDataBody = GeneratedUpdateDataBody & {
  nominationDetails?: NominationDetails;
  fatcaDetails?: FatcaDetails;
  pepDetails?: PepDetails;
  tradingPreferences?: TradingPreferences;
};
export type KycStatus =
  paths['/v1/kyc/status']['get']['responses'][200]['content']['application/json']['data'];
export type Consent =
  paths['/v1/consents']['get']['responses'][200]['content']['application/json']['data'][number];

export const PROFILE_KEY = ['profile'] as const;
export const KYC_STATUS_KEY = ['kyc-status'] as const;
export const CONSENTS_KEY = ['consents'] as const;

export async function fetchProfile(): Promise<Profile> {
  return (await call(api.GET('/v1/user/getDetails'))).data;
}

export function useProfile() {
  return useQuery({ queryKey: PROFILE_KEY, queryFn: fetchProfile });
}

export function useKycStatus(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: KYC_STATUS_KEY,
    queryFn: async () => (await call(api.GET('/v1/kyc/status'))).data,
    // While checks run, the status page follows them; it stops once a decision is reached.
    refetchInterval: (query) =>
      options.poll && ['submitted', 'verifying'].includes(query.state.data?.status ?? '') ? 2000 : false,
  });
}

export function useConsents() {
  return useQuery({
    queryKey: CONSENTS_KEY,
    queryFn: async () => (await call(api.GET('/v1/consents'))).data,
  });
}

/**
 * Saves some sections of the profile (save-as-you-go: each step saves its own section). Sends the version
 * it last read as If-Match, so an edit made meanwhile in another window is refused, not overwritten.
 */
export function useSaveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (sections: UpdateDataBody) => {
      const current = client.getQueryData<Profile>(PROFILE_KEY);
      const headers: Record<string, string> = current ? { 'if-match': `"${current.__v}"` } : {};
      return (await call(api.PUT('/v1/data/update_data', { body: sections, headers }))).data;
    },
    onSuccess: (profile) => {
      client.setQueryData(PROFILE_KEY, profile);
      // While a case asks for changes, its status says which of them the customer has changed.
      void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
    },
    onError: (error) => {
      if ((error as { problem?: { code?: string } }).problem?.code === 'version_conflict') {
        void client.invalidateQueries({ queryKey: PROFILE_KEY });
      }
    },
  });
}
