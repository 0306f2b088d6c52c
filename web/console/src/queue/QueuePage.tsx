import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { accessClaims } from '../../../shared/src/api/session';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import type { Translate } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { Age, AssigneeName, SlaBadge } from '../components/case-badges';
import { CASE_STATUSES, statusMessages } from '../labels';
import type { CaseStatus } from '../labels';
import { Reasons } from '../reasons';
import { queueMessages } from './messages';
import { ReasonFilter } from './ReasonFilter';

const ASSIGNED = ['any', 'me', 'unassigned'] as const;
const QUEUE_REFRESH_MS = 30_000;
type Assigned = (typeof ASSIGNED)[number];
const PAGE_SIZE = 20;

function isStatus(value: string | null): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value ?? '');
}

/** A day picked in the filter (local time) as the instant it starts, or the next day's start. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/**
 * The filters live in the address, so a reload or a shared link shows the same list; the search term
 * does not: it may be a PAN, an email or a mobile number, which must not sit in the browser's history.
 */
function useFilters() {
  const [search, setSearch] = useSearchParams();
  const [q, setQ] = useState('');
  const requested = search.get('status');
  const assigned = search.get('assigned');
  const filters = {
    status: isStatus(requested) ? requested : ('needs_review' as CaseStatus),
    reason: search.get('reason') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    assigned: (ASSIGNED as readonly string[]).includes(assigned ?? '') ? (assigned as Assigned) : 'any',
    order: search.get('order') === 'newest' ? ('newest' as const) : ('oldest' as const),
    q,
  };
  const update = (changes: Partial<Record<keyof typeof filters, string>>) => {
    const { q: term, ...next } = { ...filters, ...changes };
    setQ(term);
    const entries = Object.entries(next).filter(
      ([key, value]) =>
        value !== '' && !(key === 'assigned' && value === 'any') && !(key === 'order' && value === 'oldest'),
    );
    setSearch(new URLSearchParams(entries));
  };
  return [filters, update] as const;
}

function Filters({
  filters,
  onApply,
  t,
}: {
  filters: ReturnType<typeof useFilters>[0];
  onApply: (changes: Record<string, string>) => void;
  t: Translate<keyof (typeof queueMessages)['en']>;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      q: String(form.get('q') ?? '').trim(),
      reason: String(form.get('reason') ?? '').trim(),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
      assigned: String(form.get('assigned') ?? 'any'),
      order: String(form.get('order') ?? 'oldest'),
    });
  };
  // Keyed by the applied filters: clearing them resets the inputs too.
  return (
    <form
      key={JSON.stringify(filters)}
      className="queue-filters"
      role="search"
      aria-label={t('filters')}
      onSubmit={submit}
    >
      <div className="field wide">
        <label htmlFor="queue-q">{t('search')}</label>
        <input id="queue-q" name="q" type="search" defaultValue={filters.q} aria-describedby="queue-q-hint" />
        <span id="queue-q-hint" className="hint">
          {t('searchHint')}
        </span>
      </div>
      <ReasonFilter defaultValue={filters.reason} label={t('reason')} hint={t('reasonHint')} />
      <div className="field">
        <label htmlFor="queue-from">{t('submittedFrom')}</label>
        <input id="queue-from" name="from" type="date" defaultValue={filters.from} />
      </div>
      <div className="field">
        <label htmlFor="queue-to">{t('submittedTo')}</label>
        <input id="queue-to" name="to" type="date" defaultValue={filters.to} />
      </div>
      <div className="field">
        <label htmlFor="queue-assigned">{t('assigned')}</label>
        <select id="queue-assigned" name="assigned" defaultValue={filters.assigned}>
          {ASSIGNED.map((value) => (
            <option key={value} value={value}>
              {t(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-order">{t('order')}</label>
        <select id="queue-order" name="order" defaultValue={filters.order}>
          <option value="oldest">{t('oldest')}</option>
          <option value="newest">{t('newest')}</option>
        </select>
      </div>
      <div className="button-row">
        <Button type="submit">{t('apply')}</Button>
        <Button
          variant="secondary"
          onPress={() => onApply({ q: '', reason: '', from: '', to: '', assigned: 'any', order: 'oldest' })}
        >
          {t('clear')}
        </Button>
      </div>
    </form>
  );
}

/** The cases by status with counts, filtered and searched, oldest first, a page at a time. */
export default function QueuePage() {
  const t = useT(queueMessages);
  const tStatus = useT(statusMessages);
  const text = useProblemText();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useFilters();
  const [cursor, setCursor] = useState<string | undefined>();
  const [notice, setNotice] = useState<string>();
  const me = accessClaims()?.userId;

  const query = {
    status: filters.status,
    limit: PAGE_SIZE,
    order: filters.order,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(dayStart(filters.from) ? { submittedFrom: dayStart(filters.from) } : {}),
    ...(dayStart(filters.to, 1) ? { submittedTo: dayStart(filters.to, 1) } : {}),
    ...(filters.assigned !== 'any' ? { assigned: filters.assigned } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const cases = useQuery({
    queryKey: ['review-cases', query],
    queryFn: () => call(api.GET('/v1/review/cases', { params: { query } })),
    placeholderData: keepPreviousData,
    // Cases submitted, claimed, decided or assigned by others show up without a reload while the tab is open.
    refetchInterval: QUEUE_REFRESH_MS,
  });
  const hold = useMutation({
    mutationFn: ({ caseId, action }: { caseId: string; number: number; action: 'claim' | 'release' }) =>
      call(
        api.POST(
          action === 'claim' ? '/v1/review/cases/{caseId}/claim' : '/v1/review/cases/{caseId}/release',
          { params: { path: { caseId } } },
        ),
      ),
    onSuccess: (_data, { number, action }) => {
      setNotice(t(action === 'claim' ? 'claimed' : 'released', { number }));
      void queryClient.invalidateQueries({ queryKey: ['review-cases'] });
      void queryClient.invalidateQueries({ queryKey: ['review-case'] });
    },
    onError: () => {
      setNotice(undefined);
      void queryClient.invalidateQueries({ queryKey: ['review-cases'] });
    },
  });
  const apply = (changes: Record<string, string>) => {
    setCursor(undefined);
    setNotice(undefined);
    hold.reset();
    setFilters(changes);
  };
  const date = useDateFormat();
  const rows = cases.data?.data ?? [];

  return (
    <div className="queue">
      <h1>{t('title')}</h1>
      <nav aria-label={t('statuses')}>
        <ul className="status-tabs">
          {CASE_STATUSES.map((each) => (
            <li key={each}>
              <Link
                href={`/?${new URLSearchParams({ status: each })}`}
                aria-current={each === filters.status ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  apply({ status: each });
                }}
              >
                {tStatus(each)} <span className="count">{cases.data?.counts[each] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Filters filters={filters} onApply={apply} t={t} />
      <FormAlert message={cases.error ? text.problem(cases.error) : undefined} />
      <FormAlert message={hold.error ? text.problem(hold.error) : undefined} />
      <p role="status" className="notice">
        {notice}
      </p>
      {cases.isPending && <p role="status">{t('loading')}</p>}
      {cases.data && rows.length === 0 && <p>{t('none')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-label={tStatus(filters.status)} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{tStatus(filters.status)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseNumber')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('pan')}</th>
                <th scope="col">{t('externalId')}</th>
                <th scope="col">{t('reasons')}</th>
                <th scope="col">{t('submitted')}</th>
                <th scope="col">{t('age')}</th>
                <th scope="col">{t('sla')}</th>
                <th scope="col">{t('holder')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => {
                const mine = item.assignee?.id === me;
                return (
                  <tr key={item.caseId}>
                    <th scope="row">
                      <Link href={`/cases/${item.caseId}`} aria-label={t('open', { number: item.number })}>
                        #{item.number}
                      </Link>
                    </th>
                    <td>{item.name ?? '—'}</td>
                    <td className="mono">{item.panMasked ?? '—'}</td>
                    <td>{item.externalId ?? '—'}</td>
                    <td>
                      <Reasons codes={item.reasons} />
                    </td>
                    <td>{item.submittedAt ? date(item.submittedAt) : '—'}</td>
                    <td>
                      <Age hours={item.ageHours} />
                    </td>
                    <td>
                      <SlaBadge sla={item.sla} />
                    </td>
                    <td>
                      <AssigneeName assignee={item.assignee} />
                    </td>
                    <td>
                      {item.status === 'needs_review' && !item.assignee && (
                        <Button
                          variant="secondary"
                          aria-label={t('claimCase', { number: item.number })}
                          isPending={hold.isPending && hold.variables?.caseId === item.caseId}
                          onPress={() =>
                            hold.mutate({ caseId: item.caseId, number: item.number, action: 'claim' })
                          }
                        >
                          {t('claim')}
                        </Button>
                      )}
                      {mine && (
                        <Button
                          variant="secondary"
                          aria-label={t('releaseCase', { number: item.number })}
                          isPending={hold.isPending && hold.variables?.caseId === item.caseId}
                          onPress={() =>
                            hold.mutate({ caseId: item.caseId, number: item.number, action: 'release' })
                          }
                        >
                          {t('release')}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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
