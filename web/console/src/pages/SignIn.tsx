import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { startStaffSession } from '../staff-session';
import { signInMessages } from './sign-in-messages';

type Step = { kind: 'password' } | { kind: 'code'; mfaToken: string } | { kind: 'enroll'; mfaToken: string };

/** Moves focus to the step's heading when the step changes, so a screen reader hears where it is. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** Email and password; staff are then asked for the second factor (or to enrol it first). */
export function SignIn() {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  if (step.kind === 'code')
    return <CodeStep mfaToken={step.mfaToken} onRestart={() => setStep({ kind: 'password' })} />;
  if (step.kind === 'enroll')
    return <EnrollStep mfaToken={step.mfaToken} onRestart={() => setStep({ kind: 'password' })} />;
  return <PasswordStep onChallenge={setStep} />;
}

function PasswordStep({ onChallenge }: { onChallenge: (step: Step) => void }) {
  const t = useT(signInMessages);
  const text = useProblemText();
  const login = useMutation({
    mutationFn: async (form: FormData) => {
      const answer = await call(
        api.POST('/v1/auth/login', {
          body: { email: String(form.get('email')), password: String(form.get('password')) },
        }),
      );
      if ('token' in answer) return startStaffSession(answer);
      onChallenge(
        'mfaEnrollmentRequired' in answer
          ? { kind: 'enroll', mfaToken: answer.mfaToken }
          : { kind: 'code', mfaToken: answer.mfaToken },
      );
    },
  });
  const { errors, edit } = useServerFormErrors(login.error);
  return (
    <div className="card narrow">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <Form
        className="form"
        validationBehavior="aria"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate(new FormData(event.currentTarget));
        }}
      >
        <FormAlert message={login.error ? text.problem(login.error) : undefined} />
        <TextField
          name="email"
          type="email"
          label={t('email')}
          autoComplete="username"
          onChange={() => edit('email')}
          isRequired
        />
        <TextField
          name="password"
          type="password"
          label={t('password')}
          autoComplete="current-password"
          onChange={() => edit('password')}
          isRequired
        />
        <Button type="submit" isPending={login.isPending}>
          {login.isPending ? t('signingIn') : t('signIn')}
        </Button>
      </Form>
    </div>
  );
}

/** The code form shared by sign-in and enrolment: POST /v1/auth/mfa/verify, then the session starts. */
function CodeForm({
  mfaToken,
  label,
  onRestart,
}: {
  mfaToken: string;
  label: string;
  onRestart: () => void;
}) {
  const t = useT(signInMessages);
  const text = useProblemText();
  const verify = useMutation({
    mutationFn: async (code: string) =>
      startStaffSession(await call(api.POST('/v1/auth/mfa/verify', { body: { mfaToken, code } }))),
  });
  // The sign-in step lasts 5 minutes: after that only starting again helps.
  const expired = verify.error instanceof ProblemError && verify.error.problem.code === 'invalid_mfa_token';
  const { errors, edit } = useServerFormErrors(verify.error);
  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        verify.mutate(String(new FormData(event.currentTarget).get('code')).trim());
      }}
    >
      <FormAlert message={verify.error ? text.problem(verify.error) : undefined} />
      <TextField
        name="code"
        label={label}
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck="false"
        onChange={() => edit('code')}
        isRequired
      />
      <div className="button-row">
        <Button type="submit" isPending={verify.isPending}>
          {verify.isPending ? t('verifying') : t('verify')}
        </Button>
        <Button variant={expired ? 'primary' : 'secondary'} onPress={onRestart}>
          {t('back')}
        </Button>
      </div>
    </Form>
  );
}

function CodeStep({ mfaToken, onRestart }: { mfaToken: string; onRestart: () => void }) {
  const t = useT(signInMessages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('codeTitle')}
      </h1>
      <p>{t('codeIntro')}</p>
      <CodeForm mfaToken={mfaToken} label={t('code')} onRestart={onRestart} />
    </div>
  );
}

/** First sign-in: a new TOTP key (QR and text), the recovery codes shown once, then a first code. */
function EnrollStep({ mfaToken, onRestart }: { mfaToken: string; onRestart: () => void }) {
  const t = useT(signInMessages);
  const text = useProblemText();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const enroll = useMutation({
    mutationFn: () => call(api.POST('/v1/auth/mfa/enroll', { body: { mfaToken } })),
  });
  const { mutate } = enroll;
  const asked = useRef(false);
  // Once per step: enrolling again would replace the key the person may already have scanned.
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    mutate();
  }, [mutate]);
  const enrolment = enroll.data;
  return (
    <div className="card">
      <h1 ref={heading} tabIndex={-1}>
        {t('enrollTitle')}
      </h1>
      <p>{t('enrollIntro')}</p>
      {enroll.isPending && <p role="status">{t('enrolling')}</p>}
      {enroll.error && (
        <>
          <FormAlert message={text.problem(enroll.error)} />
          <Button onPress={onRestart}>{t('back')}</Button>
        </>
      )}
      {enrolment && (
        <>
          <div className="enrolment">
            <img src={enrolment.qrCodeDataUrl} alt={t('qr')} width={200} height={200} />
            <div>
              <h2>{t('secret')}</h2>
              <code className="secret" data-testid="totp-secret">
                {enrolment.secret}
              </code>
            </div>
          </div>
          <h2>{t('recoveryTitle')}</h2>
          <p>{t('recoveryIntro')}</p>
          <ol className="recovery-codes">
            {enrolment.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <CodeForm mfaToken={mfaToken} label={t('firstCode')} onRestart={onRestart} />
        </>
      )}
    </div>
  );
}
