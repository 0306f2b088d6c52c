import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { Button, FormAlert } from '../../components/fields';
import { useT } from '../../i18n/i18n';
import { CONSENTS_KEY } from '../../journey/profile';
import { useProblemText } from '../../lib/problems';
import { consentNotices } from './messages';

/** The version of the notice texts in messages.ts; change it whenever their wording changes. */
export const AADHAAR_NOTICE_VERSION = '2026-12-03';

type Purpose = 'digilocker_fetch' | 'secure_share_prefill';

/**
 * The consent notice for one purpose, shown where it is needed, and its grant (POST /v1/consents with
 * the notice's version). A stand-in for the shared ConsentNotice (steps/consent), with its props, so
 * that either can take the other's place.
 */
export function InlineConsent({
  purpose,
  headingLevel = 2,
  onGranted,
}: {
  purpose: Purpose;
  required?: boolean;
  headingLevel?: 2 | 3;
  onGranted?: () => void;
}) {
  const t = useT(consentNotices);
  const text = useProblemText();
  const client = useQueryClient();
  const grant = useMutation({
    mutationFn: async () =>
      call(api.POST('/v1/consents', { body: { purpose, noticeVersion: AADHAAR_NOTICE_VERSION } })),
    onSuccess: () => {
      onGranted?.();
      return client.invalidateQueries({ queryKey: CONSENTS_KEY });
    },
  });
  const headingId = `consent-${purpose}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="consent-inline" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('title')}</Heading>
      <p>{t(purpose)}</p>
      <p className="field-hint">{t('version', { version: AADHAAR_NOTICE_VERSION })}</p>
      <FormAlert message={grant.error ? text.problem(grant.error) : undefined} />
      <Button onPress={() => grant.mutate()} isPending={grant.isPending}>
        {grant.isPending ? t('agreeing') : t('agree')}
      </Button>
    </section>
  );
}
