import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../../../../openapi/schema';
import { api, call } from '../../../../shared/src/api/client';
import { ProblemError } from '../../../../shared/src/lib/problems';

export type DigilockerStatus =
  paths['/v1/digilocker/status']['get']['responses'][200]['content']['application/json']['data'];
export type Prefill =
  paths['/v1/secure-share/prefill']['get']['responses'][200]['content']['application/json']['data'];
export type OfficialIdentity = NonNullable<DigilockerStatus['identity']>;

export const DIGILOCKER_KEY = ['digilocker-status'] as const;
export const PREFILL_KEY = ['secure-share-prefill'] as const;

/** DigiLocker has not finished with the customer yet: the status is worth asking again. */
export const DIGILOCKER_OPEN = ['pending', 'authenticated'];

/** Nothing started yet is an answer, not an error: 404 reads as null. */
async function orNone<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status === 404) return null;
    throw error;
  }
}

/**
 * The latest DigiLocker request; polled every 2 s while DigiLocker is open when `poll` is set. Asked only
 * once the customer ever consented (`enabled`): before that there is none, and a 404 is a console error.
 */
export function useDigilockerStatus(options: { poll?: boolean; enabled: boolean }) {
  return useQuery({
    enabled: options.enabled,
    queryKey: DIGILOCKER_KEY,
    queryFn: async () => orNone(call(api.GET('/v1/digilocker/status')).then((answer) => answer.data)),
    refetchInterval: (query) =>
      options.poll && DIGILOCKER_OPEN.includes(query.state.data?.status ?? '') ? 2000 : false,
    retry: false,
    // Set to null when the consent is first given; a minute later it is asked again.
    staleTime: 60_000,
  });
}

/** The latest Secure-Share prefill proposal, null when there is none; asked as the status above. */
export function useSecureSharePrefill(options: { enabled: boolean }) {
  return useQuery({
    enabled: options.enabled,
    queryKey: PREFILL_KEY,
    queryFn: async () => orNone(call(api.GET('/v1/secure-share/prefill')).then((answer) => answer.data)),
    retry: false,
    // Set to null when the consent is first given; a minute later it is asked again.
    staleTime: 60_000,
  });
}

/** Whether the customer ever gave this consent (withdrawn or not): only then can a request exist. */
export function everConsented(consents: { purpose: string }[] | undefined, purpose: string): boolean {
  return consents?.some((consent) => consent.purpose === purpose) ?? false;
}
