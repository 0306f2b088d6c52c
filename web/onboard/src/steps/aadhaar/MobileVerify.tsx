import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../api/client';
import { Button, FormAlert, TextField } from '../../components/fields';
import { useT } from '../../i18n/i18n';
import { PROFILE_KEY } from '../../journey/profile';
import { useProblemText } from '../../lib/problems';
import { mobileMessages } from './messages';

/**
 * Secure-Share works for a verified mobile number only: the code sent by SMS, entered here, then
 * `onVerified` carries on where the customer was.
 */
export function MobileVerify({ mobileNo, onVerified }: { mobileNo: string; onVerified: () => void }) {
  const t = useT(mobileMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const [codeError, setCodeError] = useState<string>();
  const send = useMutation({
    mutationFn: async () => call(api.POST('/v1/auth/mobile/otp')),
  });
  const verify = useMutation({
    mutationFn: async (code: string) => call(api.POST('/v1/auth/mobile/verify', { body: { code } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: PROFILE_KEY });
      onVerified();
    },
  });
  const serverError = verify.error ? text.fields(verify.error).code : undefined;
  return (
    <section className="outcome" aria-labelledby="mobile-verify">
      <h2 id="mobile-verify">{t('title')}</h2>
      <p>{t('why', { mobile: mobileNo })}</p>
      {!send.isSuccess ? (
        <>
          <FormAlert message={send.error ? text.problem(send.error) : undefined} />
          <Button onPress={() => send.mutate()} isPending={send.isPending}>
            {send.isPending ? t('sending') : t('send')}
          </Button>
        </>
      ) : (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={codeError || serverError ? { code: (codeError ?? serverError)! } : {}}
          onSubmit={(event) => {
            event.preventDefault();
            const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
            if (!/^[0-9]{6}$/.test(code)) return setCodeError(t('badCode'));
            setCodeError(undefined);
            verify.mutate(code);
          }}
        >
          <p role="status">{t('sent', { mobile: mobileNo })}</p>
          <FormAlert message={verify.error && !serverError ? text.problem(verify.error) : undefined} />
          <TextField
            name="code"
            label={t('code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            onChange={() => setCodeError(undefined)}
            isRequired
          />
          <div className="button-row">
            <Button type="submit" isPending={verify.isPending}>
              {t('verify')}
            </Button>
            <Button variant="secondary" onPress={() => send.mutate()}>
              {t('resend')}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
