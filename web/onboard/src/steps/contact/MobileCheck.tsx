import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { useFocusWhenShown } from '../../../../shared/src/lib/focus';
import { PROFILE_KEY } from '../../journey/profile';
import { ProblemError, useProblemText } from '../../../../shared/src/lib/problems';
import { codeMessages, contactMessages } from './messages';

/**
 * The mobile number confirmed with the code sent by SMS: used by the contact step, and by Secure-Share,
 * which finds the customer's details by a verified mobile number (`onVerified` carries on there).
 */
export function MobileCheck({
  mobile,
  verified,
  title,
  onVerified,
}: {
  mobile: string;
  verified: boolean;
  title?: string;
  onVerified?: () => void;
}) {
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
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PROFILE_KEY });
      onVerified?.();
    },
  });
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = window.setTimeout(() => setWaitSeconds((seconds) => seconds - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [waitSeconds]);

  // Sending disables its button and verifying replaces the form: focus goes to what each said.
  const sentRef = useFocusWhenShown<HTMLParagraphElement>(send.isSuccess);
  const verifiedRef = useFocusWhenShown<HTMLParagraphElement>(verified);

  const codeError = (() => {
    if (!(verify.error instanceof ProblemError)) return undefined;
    const reason = verify.error.problem.errors?.find((item) => item.field === '/code')?.code;
    return reason && reason in codeMessages.en ? tCode(reason as keyof typeof codeMessages.en) : undefined;
  })();

  const heading = (
    <h2 id="mobile-title" tabIndex={-1}>
      {title ?? t('mobileTitle')}
    </h2>
  );
  if (verified) {
    return (
      <section className="contact-check" aria-labelledby="mobile-title">
        {heading}
        <p className="notice" role="status" tabIndex={-1} ref={verifiedRef}>
          {t('mobileVerified', { mobile })}
        </p>
      </section>
    );
  }
  return (
    <section className="contact-check" aria-labelledby="mobile-title">
      {heading}
      <FormAlert message={send.error ? text.problem(send.error) : undefined} />
      {send.isSuccess && (
        <p role="status" tabIndex={-1} ref={sentRef}>
          {t('mobileSent', { mobile })}
        </p>
      )}
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
            onChange={() => verify.reset()}
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
