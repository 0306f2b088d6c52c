import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../../../openapi/schema';
import { api, call } from '../../../shared/src/api/client';
import { useConsents } from '../journey/profile';

type DigilockerStatus =
  paths['/v1/digilocker/status']['get']['responses'][200]['content']['application/json']['data'];
export type OfficialIdentity = NonNullable<DigilockerStatus['identity']>;
export type OfficialAddress = NonNullable<OfficialIdentity['addressDetails']>;

export const OFFICIAL_IDENTITY_KEY = ['official-identity', 'digilocker'] as const;

/**
 * The Aadhaar identity DigiLocker fetched for the customer, or null when there is none (no DigiLocker
 * request yet answers 404; a request not fetched has no identity). Steps prefill from it and say so.
 * `isLoading` (not `isPending`) tells whether to wait: the query does not run without the consent.
 */
export function useDigilockerIdentity() {
  // Without a DigiLocker consent, ever, there can be no request: not asking spares a 404.
  const consents = useConsents();
  const everConsented = consents.data?.some((consent) => consent.purpose === 'digilocker_fetch') ?? false;
  return useQuery({
    queryKey: OFFICIAL_IDENTITY_KEY,
    enabled: everConsented,
    queryFn: async (): Promise<OfficialIdentity | null> => {
      const result = await api.GET('/v1/digilocker/status');
      if (result.response.status === 404) return null;
      return (await call(Promise.resolve(result))).data.identity;
    },
  });
}
