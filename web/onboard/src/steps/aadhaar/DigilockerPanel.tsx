import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { KYC_STATUS_KEY } from '../../journey/profile';
import type { Consent } from '../../journey/profile';
import { useFocusWhenShown } from '../../../../shared/src/lib/focus';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { IdentitySummary } from './IdentitySummary';
import { ConsentNotice as InlineConsent } from '../consent/ConsentNotice';
import { aadhaarMessages } from './messages';
import { DIGILOCKER_KEY, DIGILOCKER_OPEN, everConsented, useDigilockerStatus } from './queries';

/** Where DigiLocker sends the browser back: this step, which then polls the status. */
export const RETURN_PATH = '/onboard/steps/aadhaar?digilocker=return';

/**
 * DigiLocker: consent, then out to DigiLocker and back to this step with `?digilocker=return`, where
 * the status is polled until DigiLocker has answered; the result, or why there is none, with a retry.
 */
export function DigilockerPanel({
  consents,
  returning,
  onContinue,
}: {
  consents: Consent[];
  returning: boolean;
  onContinue: () => void;
}) {
  const t = useT(aadhaarMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const consented = consents.some(
    (consent) => consent.purpose === 'digilocker_fetch' && consent.withdrawnAt === null,
  );
  const status = useDigilockerStatus({
    poll: returning,
    enabled: everConsented(consents, 'digilocker_fetch'),
  });
  const start = useMutation({
    mutationFn: async () =>
      (await call(api.POST('/v1/digilocker/session', { body: { returnPath: RETURN_PATH } }))).data,
    // DigiLocker's own page; it sends the browser back to this step when the customer is done.
    onSuccess: (session) => window.location.assign(session.url),
  });
  const data = status.data;
  const fetched = data?.status === 'fetched';
  useEffect(() => {
    // A case that asks for changes counts a fetched Aadhaar as changed (its status lists it).
    if (fetched) void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
  }, [fetched, client]);
  // The consent given inline is gone with its button: focus goes to the next step's hint.
  const hintRef = useFocusWhenShown<HTMLParagraphElement>(consented);

  if (fetched && data.identity) {
    return (
      <div className="form">
        <h2>{t('fetchedTitle')}</h2>
        <IdentitySummary identity={data.identity} />
        <p className="notice" role="status">
          {t('done')}
        </p>
        <div className="button-row">
          <Button onPress={onContinue}>{t('continue')}</Button>
        </div>
      </div>
    );
  }
  if (!consented)
    return (
      <InlineConsent
        purpose="digilocker_fetch"
        required
        headingLevel={2}
        // A first consent: nothing was started yet, so there is no status to ask for.
        onGranted={() => {
          if (!everConsented(consents, 'digilocker_fetch')) client.setQueryData(DIGILOCKER_KEY, null);
        }}
      />
    );

  const startButton = (label: 'goDigilocker' | 'tryAgain' | 'startAgain', variant?: 'secondary') => (
    <Button variant={variant} onPress={() => start.mutate()} isPending={start.isPending || start.isSuccess}>
      {start.isPending || start.isSuccess ? t('redirecting') : t(label)}
    </Button>
  );
  const startError = <FormAlert message={start.error ? text.problem(start.error) : undefined} />;

  if (status.isLoading || (returning && data && DIGILOCKER_OPEN.includes(data.status))) {
    return (
      <p role="status" className="waiting">
        {t('waiting')}
      </p>
    );
  }
  if (data && DIGILOCKER_OPEN.includes(data.status)) {
    return (
      <div className="form">
        <div className="outcome" role="status">
          <h2>{t('pendingTitle')}</h2>
          <p>{t('pending')}</p>
        </div>
        {startError}
        <div className="button-row">
          <Button variant="secondary" onPress={() => void status.refetch()}>
            {t('checkAgain')}
          </Button>
          {startButton('startAgain')}
        </div>
      </div>
    );
  }
  const ended =
    data?.status === 'not_available'
      ? {
          title: t('notAvailableTitle'),
          body: data.documentStatus === 'AADHAAR_NOT_LINKED' ? t('notLinked') : t('notAvailable'),
        }
      : data?.status === 'failed'
        ? { title: t('failedTitle'), body: t('failed') }
        : data?.status === 'expired'
          ? { title: t('expiredTitle'), body: t('expired') }
          : undefined;
  return (
    <div className="form">
      {ended && (
        <div className="outcome outcome-problem" role="alert">
          <h2>{ended.title}</h2>
          <p>{ended.body}</p>
        </div>
      )}
      {status.error && returning ? <FormAlert message={text.problem(status.error)} /> : null}
      {!ended && (
        <p tabIndex={-1} ref={hintRef}>
          {t('digilockerHint')}
        </p>
      )}
      {startError}
      <div className="button-row">{startButton(ended ? 'tryAgain' : 'goDigilocker')}</div>
    </div>
  );
}
