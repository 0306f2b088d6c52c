import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../../shared/src/api/client';
import { CONSENTS_KEY } from '../../journey/profile';
import type { Consent } from '../../journey/profile';
import { CONSENT_NOTICES } from './notices';
import type { ConsentPurpose } from './notices';

/** The purpose's consent in force (granted, not withdrawn), if any. */
export function activeConsent(consents: Consent[], purpose: ConsentPurpose): Consent | undefined {
  return consents.find((consent) => consent.purpose === purpose && consent.withdrawnAt === null);
}

/** The purpose's newest record, in force or withdrawn (the list comes newest first). */
export function latestConsent(consents: Consent[], purpose: ConsentPurpose): Consent | undefined {
  return consents.find((consent) => consent.purpose === purpose);
}

/**
 * Grants consent for a purpose with the version of the notice this app shows (notices.ts), so the record
 * names the text the customer read. `grant.mutate('digilocker_fetch')`.
 */
export function useGrantConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (purpose: ConsentPurpose) =>
      (
        await call(
          api.POST('/v1/consents', {
            body: { purpose, noticeVersion: CONSENT_NOTICES[purpose].version },
          }),
        )
      ).data,
    onSettled: () => client.invalidateQueries({ queryKey: CONSENTS_KEY }),
  });
}

/** Withdraws the purpose's consent in force (DELETE /v1/consents/{purpose}). */
export function useWithdrawConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (purpose: ConsentPurpose) =>
      (await call(api.DELETE('/v1/consents/{purpose}', { params: { path: { purpose } } }))).data,
    onSettled: () => client.invalidateQueries({ queryKey: CONSENTS_KEY }),
  });
}
