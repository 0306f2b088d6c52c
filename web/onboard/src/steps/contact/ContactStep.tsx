import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../api/client';
import { Button, FormAlert, TextField } from '../../components/fields';
import { useT } from '../../i18n/i18n';
import { PROFILE_KEY } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { ProblemError, useProblemText } from '../../lib/problems';
import { codeMessages, contactMessages } from './messages';

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

function MobileCheck({ mobile, verified }: { mobile: string; verified: boolean }) {
  const t = useT(contactMessages);
  const tCode = useT(codeMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const [waitSeconds, setWaitSeconds] = useState(0);
  const send = useMutation({
    mutationFn: () => call(api.POST('/v1/auth/mobile/otp')),
    onSuccess: (sent) => setWaitSeconds(sent.resendAfterSeconds),
  });
  const verify = useMutation({
    mutationFn: (code: string) => call(api.POST('/v1/auth/mobile/verify', { body: { code } })),
    onSuccess: () => client.invalidateQueries({ queryKey: PROFILE_KEY }),
  });
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = window.setTimeout(() => setWaitSeconds((seconds) => seconds - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [waitSeconds]);

  const codeError = (() => {
    if (!(verify.error instanceof ProblemError)) return undefined;
    const reason = verify.error.problem.errors?.find((item) => item.field === '/code')?.code;
    return reason && reason in codeMessages.en ? tCode(reason as keyof typeof codeMessages.en) : undefined;
  })();

  if (verified) {
    return (
      <section className="contact-check" aria-labelledby="mobile-title">
        <h2 id="mobile-title">{t('mobileTitle')}</h2>
        <p className="notice" role="status">
          {t('mobileVerified', { mobile })}
        </p>
      </section>
    );
  }
  return (
    <section className="contact-check" aria-labelledby="mobile-title">
      <h2 id="mobile-title">{t('mobileTitle')}</h2>
      <FormAlert message={send.error ? text.problem(send.error) : undefined} />
      {send.isSuccess && <p role="status">{t('mobileSent', { mobile })}</p>}
      <Button
        variant={send.isSuccess ? 'secondary' : 'primary'}
        onPress={() => send.mutate()}
        isPending={send.isPending}
        isDisabled={waitSeconds > 0}
      >
        {send.isSuccess ? t('mobileSendAgain') : t('mobileSend')}
      </Button>
      {waitSeconds > 0 && <p className="hint">{t('mobileWait', { seconds: waitSeconds })}</p>}
      {send.isSuccess && (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={codeError ? { code: codeError } : {}}
          onSubmit={(event) => {
            event.preventDefault();
            verify.mutate(String(new FormData(event.currentTarget).get('code') ?? '').trim());
          }}
        >
          <FormAlert message={verify.error && !codeError ? text.problem(verify.error) : undefined} />
          <TextField
            name="code"
            label={t('code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            isRequired
          />
          <Button type="submit" isPending={verify.isPending}>
            {verify.isPending ? t('verifying') : t('verify')}
          </Button>
        </Form>
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
