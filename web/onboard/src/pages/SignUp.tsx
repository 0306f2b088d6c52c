import { useMutation } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { authMessages } from './auth-messages';
import { signIn } from './SignIn';

export function SignUp() {
  const t = useT(authMessages);
  const { problem } = useProblemText();
  const register = useMutation({
    mutationFn: async (form: FormData) => {
      const value = (name: string) => String(form.get(name) ?? '');
      await call(
        api.POST('/v1/auth/register', {
          body: {
            name: value('name').trim(),
            email: value('email').trim(),
            mobileNo: value('mobileNo').trim(),
            password: value('password'),
            confirmedPassword: value('password'),
          },
        }),
      );
      await signIn(value('email').trim(), value('password'));
    },
  });
  // 409 email_taken names no field: it is the email's, so the email is marked as well as the form.
  const taken = register.error instanceof ProblemError && register.error.problem.code === 'email_taken';
  const { errors, edit } = useServerFormErrors(register.error, {
    more: { email: taken ? t('emailTaken') : undefined },
  });
  return (
    <div className="card narrow">
      <h1>{t('signUpTitle')}</h1>
      <Form
        className="form"
        validationBehavior="aria"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          register.mutate(new FormData(event.currentTarget));
        }}
      >
        <FormAlert message={register.error ? problem(register.error) : undefined} />
        <TextField
          name="name"
          label={t('name')}
          autoComplete="name"
          onChange={() => edit('name')}
          isRequired
        />
        <TextField
          name="email"
          type="email"
          label={t('email')}
          autoComplete="email"
          onChange={() => edit('email')}
          isRequired
        />
        <TextField
          name="mobileNo"
          type="tel"
          label={t('mobileNo')}
          description={t('mobileHint')}
          autoComplete="tel-national"
          inputMode="numeric"
          onChange={() => edit('mobileNo')}
          isRequired
        />
        <TextField
          name="password"
          type="password"
          label={t('password')}
          description={t('passwordHint')}
          autoComplete="new-password"
          onChange={() => edit('password')}
          isRequired
        />
        <Button type="submit" isPending={register.isPending}>
          {register.isPending ? t('signingUp') : t('signUp')}
        </Button>
      </Form>
      <p>
        {t('haveAccount')} <Link href="/">{t('toSignIn')}</Link>
      </p>
    </div>
  );
}
