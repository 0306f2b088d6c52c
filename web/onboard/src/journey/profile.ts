import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../../../openapi/schema';
import { api, call } from '../../../shared/src/api/client';

type ProfileResponse = paths['/v1/user/getDetails']['get']['responses'][200]['content']['application/json'];
export type Profile = ProfileResponse['data'];
export type UpdateDataBody = NonNullable<
  paths['/v1/data/update_data']['put']['requestBody']
>['content']['application/json'];
export type KycStatus =
  paths['/v1/kyc/status']['get']['responses'][200]['content']['application/json']['data'];
export type Consent =
  paths['/v1/consents']['get']['responses'][200]['content']['application/json']['data'][number];

export const PROFILE_KEY = ['profile'] as const;
export const KYC_STATUS_KEY = ['kyc-status'] as const;
export const CONSENTS_KEY = ['consents'] as const;

export function useProfile() {
  return useQuery({
    queryKey: PROFILE_KEY,
    queryFn: async () => (await call(api.GET('/v1/user/getDetails'))).data,
  });
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
    onSuccess: (profile) => client.setQueryData(PROFILE_KEY, profile),
    onError: (error) => {
      if ((error as { problem?: { code?: string } }).problem?.code === 'version_conflict') {
        void client.invalidateQueries({ queryKey: PROFILE_KEY });
      }
    },
  });
}
