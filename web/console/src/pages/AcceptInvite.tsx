import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { isTokenRefusal, useHashToken } from '../../../shared/src/lib/hash-token';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { acceptInviteMessages } from './accept-invite-messages';

function PasswordForm({ token }: { token: string }) {
  const t = useT(acceptInviteMessages);
  const { problem } = useProblemText();
  const accept = useMutation({
    mutationFn: async (form: FormData) =>
      call(
        api.POST('/v1/auth/invite/accept', {
          body: {
            token,
            password: String(form.get('password') ?? ''),
            confirmedPassword: String(form.get('confirmedPassword') ?? ''),
          },
        }),
      ),
  });
  const problems = accept.error instanceof ProblemError ? (accept.error.problem.errors ?? []) : [];
  const mismatch = problems.some((item) => item.code === 'password_mismatch');
  const { errors, edit } = useServerFormErrors(accept.error, {
    more: { confirmedPassword: mismatch ? t('passwordMismatch') : undefined },
  });

  if (accept.isSuccess)
    return (
      <>
        <p className="notice" role="status">
          {t('accepted')}
        </p>
        <p>
          <Link href="/">{t('toSignIn')}</Link>
        </p>
      </>
    );
  if (isTokenRefusal(accept.error))
    return (
      <>
        <FormAlert
          message={problems.some((item) => item.code === 'token_expired') ? t('expired') : t('refused')}
        />
        <p>
          <Link href="/">{t('toSignIn')}</Link>
        </p>
      </>
    );
  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        accept.mutate(new FormData(event.currentTarget));
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={accept.error && problems.length === 0 ? problem(accept.error) : undefined} />
      <TextField
        name="password"
        type="password"
        label={t('password')}
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
      <Button type="submit" isPending={accept.isPending}>
        {accept.isPending ? t('saving') : t('save')}
      </Button>
    </Form>
  );
}

/**
 * `/console/accept-invite#token=…`, the link in the staff invitation mail: the invited person sets
 * the password, then signs in (where the first sign-in enrols the second factor). Open without a
 * session, like the sign-in.
 */
export function AcceptInvite() {
  const t = useT(acceptInviteMessages);
  const token = useHashToken();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="card narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      {token ? <PasswordForm key={token} token={token} /> : <FormAlert message={t('noToken')} />}
    </div>
  );
}
