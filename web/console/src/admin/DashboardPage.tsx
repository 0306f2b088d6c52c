import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { api, call } from '../../../shared/src/api/client';
import { Button } from '../../../shared/src/components/fields';
import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { CASE_STATUSES, statusMessages } from '../labels';
import { Reason, useReasonText } from '../reasons';
import { ChartFigure, StackedBars } from './charts';
import type { StackedSeries } from './charts';
import { QueryState } from './common';
import { dashboardMessages } from './dashboard-messages';

// Loaded only when an admin opens the dashboard (a lazy route): the charting library stays out of
// the console's first screen.

const DAY_MS = 86_400_000;
/** The service counts in UTC days, YYYY-MM-DD. */
const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const DECISION_KINDS = ['approved', 'rejected', 'action_required'] as const;
const ERROR_KINDS = ['failed', 'error', 'indeterminate'] as const;

function useNumbers() {
  const { locale } = useLocale();
  const tag = locale === 'hi' ? 'hi-IN' : 'en-IN';
  const number = useCallback(
    (value: number, digits = 0) =>
      new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value),
    [tag],
  );
  const day = useCallback(
    (value: string) =>
      new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${value}T00:00:00Z`),
      ),
    [tag],
  );
  return { number, day };
}

export default function DashboardPage() {
  const t = useT(dashboardMessages);
  const tStatus = useT(statusMessages);
  const { number, day } = useNumbers();
  const [range, setRange] = useState(() => ({
    from: utcDay(new Date(Date.now() - 29 * DAY_MS)),
    to: utcDay(new Date()),
  }));
  const dashboard = useQuery({
    queryKey: ['admin', 'dashboard', range],
    queryFn: () =>
      call(api.GET('/v1/admin/dashboard', { params: { query: range } })).then((body) => body.data),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setRange({ from: String(data.get('from')), to: String(data.get('to')) });
  };

  const data = dashboard.data;
  const statusSeries: StackedSeries[] = CASE_STATUSES.map((status) => ({
    key: status,
    label: tStatus(status),
  }));
  const decisionSeries: StackedSeries[] = DECISION_KINDS.map((kind) => ({ key: kind, label: tStatus(kind) }));
  const errorSeries: StackedSeries[] = ERROR_KINDS.map((kind) => ({ key: kind, label: t(`error_${kind}`) }));

  const perDay = data?.casesPerDay.map((row) => ({ day: day(row.day), ...row.counts })) ?? [];
  const totalCases = perDay.reduce(
    (sum, row) => sum + CASE_STATUSES.reduce((daySum, status) => daySum + row[status], 0),
    0,
  );
  const decisions = data
    ? [
        { kind: t('automatic'), ...data.decisions.automatic },
        { kind: t('human'), ...data.decisions.human },
      ]
    : [];
  const hours = (value: number | null) =>
    value === null ? t('noValue') : t('hours', { hours: number(value, value < 1 ? 2 : 1) });

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <form className="admin-filters" onSubmit={submit}>
        <fieldset>
          <legend>{t('range')}</legend>
          <div className="admin-filter-grid">
            <div className="field">
              <label htmlFor="dashboard-from">{t('from')}</label>
              <input id="dashboard-from" name="from" type="date" defaultValue={range.from} required />
            </div>
            <div className="field">
              <label htmlFor="dashboard-to">{t('to')}</label>
              <input id="dashboard-to" name="to" type="date" defaultValue={range.to} required />
            </div>
          </div>
          <p className="hint">{t('utcHint')}</p>
          <div className="admin-actions">
            <Button type="submit">{t('show')}</Button>
          </div>
        </fieldset>
      </form>
      <QueryState
        isPending={dashboard.isPending}
        error={dashboard.error}
        onRetry={() => void dashboard.refetch()}
      >
        {data && (
          <div className="admin-dashboard">
            <ChartFigure
              title={t('casesTitle')}
              isEmpty={totalCases === 0}
              summary={t('casesSummary', { total: number(totalCases) })}
              table={
                <DataTable
                  caption={t('casesTitle')}
                  headings={[t('day'), ...statusSeries.map((series) => series.label)]}
                  rows={perDay.map((row) => [row.day, ...CASE_STATUSES.map((status) => number(row[status]))])}
                />
              }
            >
              <StackedBars data={perDay} categoryKey="day" series={statusSeries} />
            </ChartFigure>

            <ChartFigure
              title={t('decisionsTitle')}
              isEmpty={data.decisions.automatic.total + data.decisions.human.total === 0}
              summary={t('decisionsSummary', {
                automatic: number(data.decisions.automatic.total),
                human: number(data.decisions.human.total),
              })}
              table={
                <DataTable
                  caption={t('decisionsTitle')}
                  headings={[t('kind'), ...decisionSeries.map((series) => series.label), t('total')]}
                  rows={decisions.map((row) => [
                    row.kind,
                    ...DECISION_KINDS.map((kind) => number(row[kind])),
                    number(row.total),
                  ])}
                />
              }
            >
              <StackedBars data={decisions} categoryKey="kind" series={decisionSeries} horizontal />
            </ChartFigure>

            <section className="card admin-chart" aria-labelledby="turnaround-title">
              <h2 id="turnaround-title">{t('turnaroundTitle')}</h2>
              <p>{t('turnaroundCases', { cases: number(data.turnaround.cases) })}</p>
              {data.turnaround.cases > 0 && (
                <dl className="admin-stats">
                  <div>
                    <dt>{t('p50')}</dt>
                    <dd>{hours(data.turnaround.p50Hours)}</dd>
                  </div>
                  <div>
                    <dt>{t('p90')}</dt>
                    <dd>{hours(data.turnaround.p90Hours)}</dd>
                  </div>
                </dl>
              )}
            </section>

            <ReasonChart
              title={t('reviewReasonsTitle')}
              labelHeading={t('reason')}
              rows={data.topReviewReasons}
            />
            <ReasonChart
              title={t('actionReasonsTitle')}
              labelHeading={t('reason')}
              rows={data.topActionRequiredReasons}
            />

            <ChartFigure
              title={t('providerErrorsTitle')}
              isEmpty={data.providerErrors.length === 0}
              summary={
                data.providerErrors.length === 0
                  ? t('empty')
                  : t('providerSummary', {
                      calls: number(data.providerErrors.reduce((sum, row) => sum + row.calls, 0)),
                      errors: number(data.providerErrors.reduce((sum, row) => sum + row.errors, 0)),
                    })
              }
              table={
                <DataTable
                  caption={t('providerErrorsTitle')}
                  headings={[t('endpoint'), t('calls'), ...errorSeries.map((series) => series.label)]}
                  rows={data.providerErrors.map((row) => [
                    row.endpoint,
                    number(row.calls),
                    ...ERROR_KINDS.map((kind) => number(row[kind])),
                  ])}
                />
              }
            >
              {data.providerErrors.length === 0 ? (
                <p>{t('empty')}</p>
              ) : (
                <StackedBars
                  data={data.providerErrors}
                  categoryKey="endpoint"
                  series={errorSeries}
                  horizontal
                />
              )}
            </ChartFigure>
          </div>
        )}
      </QueryState>
    </div>
  );
}

/** The numbers behind a chart; the first cell of each row names it. */
function DataTable({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: ReactNode[][];
}) {
  return (
    <table className="admin-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headings.map((heading) => (
            <th scope="col" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([first, ...rest], index) => (
          <tr key={index}>
            <th scope="row">{first}</th>
            {rest.map((cell, column) => (
              <td key={column}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A "top 10" of reason codes as bars in words, largest first; the table gives each code as well. */
function ReasonChart({
  title,
  labelHeading,
  rows,
}: {
  title: string;
  labelHeading: string;
  rows: { reason: string; cases: number }[];
}) {
  const t = useT(dashboardMessages);
  const { number } = useNumbers();
  const reasonText = useReasonText();
  const bars = rows.map((row) => ({ label: reasonText(row.reason), value: row.cases }));
  const top = bars[0];
  return (
    <ChartFigure
      title={title}
      summary={
        top ? t('barsSummary', { count: rows.length, top: top.label, value: number(top.value) }) : t('empty')
      }
      table={
        <DataTable
          caption={title}
          headings={[labelHeading, t('cases')]}
          rows={rows.map((row) => [<Reason code={row.reason} />, number(row.cases)])}
        />
      }
    >
      {rows.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <StackedBars
          data={bars}
          categoryKey="label"
          series={[{ key: 'value', label: t('cases') }]}
          horizontal
        />
      )}
    </ChartFigure>
  );
}
