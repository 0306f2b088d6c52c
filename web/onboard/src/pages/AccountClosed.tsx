import { useEffect, useRef } from 'react';
import { Link, Redirect } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';
import type { paths } from '../../../../openapi/schema';
import { useT } from '../../../shared/src/i18n/i18n';
import { useFormatDate } from '../lib/dates';
import { myDataMessages } from './my-data-messages';
import '../styles/summary-and-status.css';

type ErasureResponse = paths['/v1/me/erasure']['post']['responses'][202]['content']['application/json'];

/** What the erasure answered, carried to this page in the history entry (it survives a reload). */
export type ErasureOutcome = Pick<ErasureResponse['data'], 'status' | 'holdUntil'>;

/**
 * `/onboard/account-closed`: where the customer lands, signed out, after closing their account. Only
 * the navigation from the Your data page brings an outcome; without one there is nothing to report.
 */
export function AccountClosed() {
  const t = useT(myDataMessages);
  const formatDate = useFormatDate();
  const outcome = useHistoryState<ErasureOutcome | null>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!outcome) return;
    heading.current?.focus();
    document.title = `${t('closedTitle')} · Pehchan KYC`;
  }, [t, outcome]);
  if (!outcome) return <Redirect to="/" replace />;
  return (
    <div className="card narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('closedTitle')}
      </h1>
      <p className="notice" role="status">
        {outcome.status === 'held' && outcome.holdUntil
          ? t('closedHeld', { date: formatDate(outcome.holdUntil) })
          : t('closedErased')}
      </p>
      <p>
        <Link href="/">{t('toSignIn')}</Link>
      </p>
    </div>
  );
}
