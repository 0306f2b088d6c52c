import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { defineMessages, useLocale, useT } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { CASE_STATUSES, reasonMessages, reasonText, statusMessages } from '../labels';
import type { CaseStatus } from '../labels';

const messages = defineMessages(
  {
    title: 'Review queue',
    statuses: 'Cases by status',
    caseNumber: 'Case',
    name: 'Name',
    pan: 'PAN',
    reasons: 'Reasons',
    submitted: 'Submitted',
    none: 'No cases here.',
    loading: 'Loading cases…',
    next: 'Next page',
    first: 'First page',
    open: 'Open case {number}',
  },
  {
    title: 'समीक्षा कतार',
    statuses: 'स्थिति के अनुसार मामले',
    caseNumber: 'मामला',
    name: 'नाम',
    pan: 'PAN',
    reasons: 'कारण',
    submitted: 'जमा किया',
    none: 'यहाँ कोई मामला नहीं है।',
    loading: 'मामले लोड हो रहे हैं…',
    next: 'अगला पेज',
    first: 'पहला पेज',
    open: 'मामला {number} खोलें',
  },
);

function isStatus(value: string | null): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value ?? '');
}

/** The cases by status, oldest first, a page at a time. */
export default function QueuePage() {
  const t = useT(messages);
  const tStatus = useT(statusMessages);
  const tReason = useT(reasonMessages);
  const text = useProblemText();
  const { locale } = useLocale();
  const [search] = useSearchParams();
  const requested = search.get('status');
  const status: CaseStatus = isStatus(requested) ? requested : 'needs_review';
  const [cursor, setCursor] = useState<string | undefined>();
  const cases = useQuery({
    queryKey: ['review-cases', status, cursor],
    queryFn: () => call(api.GET('/v1/review/cases', { params: { query: { status, limit: 20, cursor } } })),
    placeholderData: keepPreviousData,
  });
  const dateTime = new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <div className="queue">
      <h1>{t('title')}</h1>
      <nav aria-label={t('statuses')}>
        <ul className="status-tabs">
          {CASE_STATUSES.map((each) => (
            <li key={each}>
              <Link
                href={`/?status=${each}`}
                aria-current={each === status ? 'page' : undefined}
                onClick={() => setCursor(undefined)}
              >
                {tStatus(each)} <span className="count">{cases.data?.counts[each] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormAlert message={cases.error ? text.problem(cases.error) : undefined} />
      {cases.isPending && <p role="status">{t('loading')}</p>}
      {cases.data && cases.data.data.length === 0 && <p>{t('none')}</p>}
      {cases.data && cases.data.data.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{tStatus(status)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseNumber')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('pan')}</th>
              <th scope="col">{t('reasons')}</th>
              <th scope="col">{t('submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.data.data.map((item) => (
              <tr key={item.caseId}>
                <th scope="row">
                  <Link href={`/cases/${item.caseId}`} aria-label={t('open', { number: item.number })}>
                    #{item.number}
                  </Link>
                </th>
                <td>{item.name ?? '—'}</td>
                <td className="mono">{item.panMasked ?? '—'}</td>
                <td>{item.reasons.map((code) => reasonText(tReason, code)).join(', ') || '—'}</td>
                <td>{item.submittedAt ? dateTime.format(new Date(item.submittedAt)) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="button-row">
        {cursor && (
          <Button variant="secondary" onPress={() => setCursor(undefined)}>
            {t('first')}
          </Button>
        )}
        {cases.data?.nextCursor && (
          <Button variant="secondary" onPress={() => setCursor(cases.data?.nextCursor ?? undefined)}>
            {t('next')}
          </Button>
        )}
      </div>
    </div>
  );
}
