import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { KYC_STATUS_KEY } from '../journey/profile';
import { statusMessages } from './status-messages';

const ESIGN_KEY = ['kyc', 'esign'];

/** The e-sign state of the customer's case (shared by the status banner and the e-sign block). */
export function useEsign(enabled: boolean) {
  return useQuery({
    queryKey: ESIGN_KEY,
    queryFn: async () => (await call(api.GET('/v1/kyc/esign'))).data,
    enabled,
    // Right after approval the form is being prepared in the background: the page follows it.
    refetchInterval: (query) =>
      query.state.data?.required && query.state.data.status === 'approved' ? 3000 : false,
  });
}

/**
 * The account opening form after approval: the link to sign it with Aadhaar e-sign, a new link once
 * one expired, and the signed form to download. Reading the e-sign state makes the service ask
 * Cashfree, so a customer back from signing sees `completed` without waiting for the poll.
 */
export function Esign({ status }: { status: string }) {
  const t = useT(statusMessages);
  const text = useProblemText();
  const { locale } = useLocale();
  const client = useQueryClient();
  const esign = useEsign(true);
  const current = esign.data?.status;
  useEffect(() => {
    if (current && current !== status) void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
  }, [client, current, status]);
  const resend = useMutation({
    mutationFn: async () => (await call(api.POST('/v1/kyc/esign/resend'))).data,
    onSuccess: (data) => {
      client.setQueryData(ESIGN_KEY, data);
      void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
    },
  });
  const download = useMutation({
    mutationFn: async () => {
      const { data, response } = await api.GET('/v1/kyc/account-opening-form', { parseAs: 'blob' });
      if (!response.ok || !data) throw new Error(String(response.status));
      const url = URL.createObjectURL(data as Blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'account-opening-form.pdf';
      anchor.click();
      URL.revokeObjectURL(url);
    },
  });
  const data = esign.data;
  if (!data) return esign.error ? <FormAlert message={text.problem(esign.error)} /> : null;
  // This installation does not ask for the form to be signed: approval is the end.
  if (!data.required && data.status === 'approved') return null;
  const date = (value: string) =>
    new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', { dateStyle: 'medium' }).format(
      new Date(value),
    );

  if (data.status === 'esign_pending' && data.signingLink)
    return (
      <section className="actions-block">
        <p>{t('esignIntro')}</p>
        {data.expiresAt && <p>{t('esignExpires', { date: date(data.expiresAt) })}</p>}
        <a href={data.signingLink} className="button button-primary button-link">
          {t('esignSign')}
        </a>
      </section>
    );
  if (data.status === 'esign_expired' || data.status === 'approved')
    return (
      <section className="actions-block">
        <FormAlert message={resend.error ? text.problem(resend.error) : undefined} />
        <Button onPress={() => resend.mutate()} isPending={resend.isPending}>
          {t('esignResend')}
        </Button>
      </section>
    );
  if (data.status === 'completed')
    return (
      <section className="actions-block">
        <FormAlert message={download.error ? t('esignDownloadFailed') : undefined} />
        <Button variant="secondary" onPress={() => download.mutate()} isPending={download.isPending}>
          {t('esignDownload')}
        </Button>
      </section>
    );
  return null;
}
