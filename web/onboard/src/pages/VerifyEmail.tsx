import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { isSignedIn } from '../../../shared/src/api/session';
import { FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { PROFILE_KEY } from '../journey/profile';
import { useProblemText } from '../../../shared/src/lib/problems';
import { accountMessages } from './account-messages';
import { isTokenRefusal, useHashToken } from '../../../shared/src/lib/hash-token';
import '../styles/summary-and-status.css';

/** The page the verification email links to: `/onboard/verify-email#token=…`; no sign-in needed. */
export function VerifyEmail() {
  const t = useT(accountMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const token = useHashToken();
  const heading = useRef<HTMLHeadingElement>(null);
  // A query, not a mutation: the token is single use, and the query runs once however often React
  // mounts the page (development's double effects, a re-render).
  const verify = useQuery({
    queryKey: ['verify-email', token],
    enabled: token !== undefined,
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async () => call(api.POST('/v1/auth/email/verify', { body: { token: token! } })),
  });
  useEffect(() => {
    heading.current?.focus();
    document.title = `${t('verifyTitle')} · Pehchan KYC`;
  }, [t]);
  useEffect(() => {
    if (verify.isSuccess) void client.invalidateQueries({ queryKey: PROFILE_KEY });
  }, [verify.isSuccess, client]);

  const next = isSignedIn() ? (
    <Link href="/steps/">{t('continue')}</Link>
  ) : (
    <Link href="/">{t('toSignIn')}</Link>
  );
  return (
    <div className="card narrow account-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('verifyTitle')}
      </h1>
      {token === undefined && <FormAlert message={t('noToken')} />}
      {verify.isPending && token !== undefined && <p role="status">{t('verifying')}</p>}
      {verify.isSuccess && (
        <p className="notice" role="status">
          {t('verified')}
        </p>
      )}
      {verify.error && (
        <FormAlert message={isTokenRefusal(verify.error) ? t('verifyFailed') : text.problem(verify.error)} />
      )}
      {!verify.isPending || token === undefined ? <p>{next}</p> : null}
    </div>
  );
}
