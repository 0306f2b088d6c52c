import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { accountMessages } from './account-messages';
import { isTokenRefusal, useHashToken } from '../../../shared/src/lib/hash-token';
import '../styles/summary-and-status.css';

function ForgotPassword({ onFocusTarget }: { onFocusTarget: (node: HTMLHeadingElement | null) => void }) {
  const t = useT(accountMessages);
  const { problem } = useProblemText();
  const forgot = useMutation({
    mutationFn: async (email: string) => call(api.POST('/v1/auth/password/forgot', { body: { email } })),
  });
  const { errors, edit } = useServerFormErrors(forgot.error);
  return (
    <>
      <h1 ref={onFocusTarget} tabIndex={-1}>
        {t('forgotTitle')}
      </h1>
      <p>{t('forgotIntro')}</p>
      {forgot.isSuccess ? (
        <p className="notice" role="status">
          {t('sent')}
        </p>
      ) : (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={errors}
          onSubmit={(event) => {
            event.preventDefault();
            forgot.mutate(String(new FormData(event.currentTarget).get('email') ?? '').trim());
          }}
        >
          <FormAlert message={forgot.error ? problem(forgot.error) : undefined} />
          <TextField
            name="email"
            type="email"
            label={t('email')}
            autoComplete="username"
            onChange={() => edit('email')}
            isRequired
          />
          <Button type="submit" isPending={forgot.isPending}>
            {forgot.isPending ? t('sending') : t('sendLink')}
          </Button>
        </Form>
      )}
      <p>
        <Link href="/">{t('toSignIn')}</Link>
      </p>
    </>
  );
}

function NewPassword({
  token,
  onFocusTarget,
  onAskAgain,
}: {
  token: string;
  onFocusTarget: (node: HTMLHeadingElement | null) => void;
  onAskAgain: () => void;
}) {
  const t = useT(accountMessages);
  const { problem } = useProblemText();
  const reset = useMutation({
    mutationFn: async (form: FormData) =>
      call(
        api.POST('/v1/auth/password/reset', {
          body: {
            token,
            password: String(form.get('password') ?? ''),
            confirmedPassword: String(form.get('confirmedPassword') ?? ''),
          },
        }),
      ),
  });
  const mismatch =
    reset.error instanceof ProblemError &&
    (reset.error.problem.errors ?? []).some((item) => item.code === 'password_mismatch');
  const { errors, edit } = useServerFormErrors(reset.error, {
    more: { confirmedPassword: mismatch ? t('passwordMismatch') : undefined },
  });
  const refused = isTokenRefusal(reset.error);
  return (
    <>
      <h1 ref={onFocusTarget} tabIndex={-1}>
        {t('resetTitle')}
      </h1>
      {reset.isSuccess ? (
        <>
          <p className="notice" role="status">
            {t('changed')}
          </p>
          <p>
            <Link href="/">{t('toSignIn')}</Link>
          </p>
        </>
      ) : refused ? (
        <>
          <FormAlert message={t('resetFailed')} />
          <Button variant="secondary" onPress={onAskAgain}>
            {t('askAgain')}
          </Button>
        </>
      ) : (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={errors}
          onSubmit={(event) => {
            event.preventDefault();
            reset.mutate(new FormData(event.currentTarget));
          }}
        >
          <p>{t('resetIntro')}</p>
          <FormAlert message={reset.error ? problem(reset.error) : undefined} />
          <TextField
            name="password"
            type="password"
            label={t('newPassword')}
            description={t('passwordHint')}
            autoComplete="new-password"
            onChange={() => edit('password')}
            isRequired
          />
          <TextField
            name="confirmedPassword"
            type="password"
            label={t('confirmPassword')}
            autoComplete="new-password"
            onChange={() => edit('confirmedPassword')}
            isRequired
          />
          <Button type="submit" isPending={reset.isPending}>
            {reset.isPending ? t('saving') : t('savePassword')}
          </Button>
        </Form>
      )}
    </>
  );
}

/**
 * `/onboard/reset-password`: without a token, the "forgot password" form; with the emailed
 * `#token=…`, the form for the new password.
 */
export function ResetPassword() {
  const t = useT(accountMessages);
  const hashToken = useHashToken();
  // "Ask for a new link" after a refused token goes back to the first form.
  const [dismissed, setDismissed] = useState<string>();
  const token = hashToken !== dismissed ? hashToken : undefined;
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${token ? t('resetTitle') : t('forgotTitle')} · Pehchan KYC`;
  }, [t, token]);
  const focusTarget = (node: HTMLHeadingElement | null) => {
    heading.current = node;
  };
  return (
    <div className="card narrow account-page">
      {token ? (
        <NewPassword
          key={token}
          token={token}
          onFocusTarget={focusTarget}
          onAskAgain={() => setDismissed(token)}
        />
      ) : (
        <ForgotPassword onFocusTarget={focusTarget} />
      )}
    </div>
  );
}
