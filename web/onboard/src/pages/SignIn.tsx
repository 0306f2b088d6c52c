import { useMutation } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { startSession } from '../../../shared/src/api/session';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../shared/src/lib/problems';
import { authMessages } from './auth-messages';

/** Signs in with email and password; the refresh token arrives as an httpOnly cookie. */
export async function signIn(email: string, password: string): Promise<void> {
  const issued = await call(api.POST('/v1/auth/login', { body: { email, password } }));
  if (!('token' in issued)) throw new Error('Customer accounts have no second factor');
  startSession(issued);
}

export function SignIn() {
  const t = useT(authMessages);
  const text = useProblemText();
  const login = useMutation({
    mutationFn: (form: FormData) => signIn(String(form.get('email')), String(form.get('password'))),
  });
  const { errors, edit } = useServerFormErrors(login.error);
  return (
    <div className="card narrow">
      <h1>{t('welcomeTitle')}</h1>
      <p>{t('welcomeIntro')}</p>
      <h2>{t('signInTitle')}</h2>
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
      <p>
        <Link href="/reset-password">{t('forgot')}</Link>
      </p>
      <p>
        {t('noAccount')} <Link href="/signup">{t('toSignUp')}</Link>
      </p>
    </div>
  );
}
