import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { isSignedIn } from '../../../shared/src/api/session';
import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { exchangeLinkToken, linkContext } from './link-session';
import { linkMessages } from './messages';
import '../styles/summary-and-status.css';

type Refusal = 'expired' | 'used' | 'revoked' | 'notFound';
const REFUSALS: Record<string, Refusal> = {
  link_expired: 'expired',
  link_used: 'used',
  link_revoked: 'revoked',
  link_not_found: 'notFound',
};

/** The link's token: everything after `#` (`#token=…` is accepted too). */
function readToken(): string | undefined {
  const hash = window.location.hash.slice(1);
  const token = hash.startsWith('token=') ? hash.slice('token='.length) : hash;
  if (!token) return undefined;
  try {
    return decodeURIComponent(token);
  } catch {
    return token; // a stray `%`: the server answers it as an unknown link
  }
}

/** A fragment that can be a link's token: not an in-page anchor such as the skip link's `#main`. */
const LINK_TOKEN = /^(token=)?kl_/;

/**
 * `/onboard/link#<token>`: a host application's KYC link. The token is exchanged for a session once,
 * taken out of the address bar at once, and the customer continues in the journey, in the link's language.
 */
export function LinkLanding() {
  const t = useT(linkMessages);
  const text = useProblemText();
  const { setLocale } = useLocale();
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const [token] = useState(readToken);
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    if (!token) {
      // Back on this page (a reload, the back button) with the link's session still open: carry on.
      if (isSignedIn() && linkContext()) navigate('/steps/', { replace: true });
      else setError(new ProblemError({ status: 404, code: 'link_not_found' }));
      return;
    }
    let current = true;
    exchangeLinkToken(token).then(
      (link) => {
        if (!current) return;
        // Whatever this browser showed before belongs to another session.
        client.clear();
        setLocale(link.locale);
        navigate('/steps/', { replace: true });
      },
      (reason: unknown) => {
        if (current) setError(reason);
      },
    );
    return () => {
      current = false;
    };
  }, [token, navigate, setLocale, client]);

  // Another link pasted into this tab changes only the fragment: read it afresh.
  useEffect(() => {
    const reload = () => {
      if (LINK_TOKEN.test(window.location.hash.slice(1))) window.location.reload();
    };
    window.addEventListener('hashchange', reload);
    return () => window.removeEventListener('hashchange', reload);
  }, []);

  useEffect(() => {
    document.title = `${t('title')} · Pehchan KYC`;
    if (error) heading.current?.focus();
  }, [error, t]);

  if (!error) {
    return (
      <div className="card narrow">
        <h1>{t('title')}</h1>
        <p role="status">{t('opening')}</p>
      </div>
    );
  }
  const refusal = error instanceof ProblemError ? REFUSALS[error.problem.code] : undefined;
  return (
    <div className="card narrow link-refused">
      <h1 ref={heading} tabIndex={-1}>
        {refusal ? t(`${refusal}Title`) : t('failedTitle')}
      </h1>
      <p role="alert">{refusal ? t(refusal) : text.problem(error)}</p>
      {/* Opened again in the browser that still has the link's session (a bookmark, the mail again). */}
      {refusal === 'used' && isSignedIn() && linkContext() && <Link href="/steps/">{t('continue')}</Link>}
    </div>
  );
}
