import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { PROFILE_KEY } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { contactMessages } from './messages';
import { MobileCheck } from './MobileCheck';

/** While the email is unverified the profile is read again this often: the link is opened in another tab. */
const EMAIL_POLL_MS = 3000;

function EmailCheck({ email, verified }: { email: string; verified: boolean }) {
  const t = useT(contactMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const resend = useMutation({ mutationFn: () => call(api.POST('/v1/auth/email/verify/request')) });
  useEffect(() => {
    if (verified) return;
    const timer = window.setInterval(
      () => void client.invalidateQueries({ queryKey: PROFILE_KEY }),
      EMAIL_POLL_MS,
    );
    return () => window.clearInterval(timer);
  }, [verified, client]);
  return (
    <section className="contact-check" aria-labelledby="email-title">
      <h2 id="email-title">{t('emailTitle')}</h2>
      {verified ? (
        <p className="notice" role="status">
          {t('emailVerified', { email })}
        </p>
      ) : (
        <>
          <p>{t('emailPending', { email })}</p>
          <FormAlert message={resend.error ? text.problem(resend.error) : undefined} />
          {resend.isSuccess && <p role="status">{t('emailResent', { email })}</p>}
          <Button variant="secondary" onPress={() => resend.mutate()} isPending={resend.isPending}>
            {t('emailResend')}
          </Button>
        </>
      )}
    </section>
  );
}

/** Email and mobile confirmed before KYC can be submitted (KYC_REQUIRE_VERIFIED_CONTACTS). */
export function ContactStep({ profile, onSaved }: StepProps) {
  const t = useT(contactMessages);
  const done = profile.emailVerified && profile.mobileVerified;
  return (
    <div className="form">
      <p>{t('intro')}</p>
      <EmailCheck email={profile.email} verified={profile.emailVerified} />
      <MobileCheck mobile={profile.mobileNo} verified={profile.mobileVerified} />
      {done && <Button onPress={onSaved}>{t('continue')}</Button>}
    </div>
  );
}
