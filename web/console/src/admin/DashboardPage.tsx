import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, call } from '../../../shared/src/api/client';
import { Button } from '../../../shared/src/components/fields';
import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { CASE_STATUSES, statusMessages } from '../labels';
import { ChartFigure, HorizontalBars, StackedBars } from './charts';
import { QueryState, useDateFormat } from './common';
import { dashboardMessages } from './dashboard-messages';

// Loaded only when an admin opens the dashboard (React.lazy in routes.tsx): the charting library
// stays out of the console's first screen.

const DAY_MS = 86_400_000;
const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function rangeOf(fromDay: string, toDay: string) {
  const from = new Date(`${fromDay}T00:00:00`);
  const to = new Date(`${toDay}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

export default function DashboardPage() {
  const t = useT(dashboardMessages);
  const tStatus = useT(statusMessages);
  const { locale } = useLocale();
  const date = useDateFormat();
  const number = (value: number) => new Intl.NumberFormat(locale === 'hi' ? 'hi-IN' : 'en-IN').format(value);
  const [days, setDays] = useState(() => ({
    from: localDay(new Date(Date.now() - 29 * DAY_MS)),
    to: localDay(new Date()),
  }));
  const dashboard = useQuery({
    queryKey: ['admin', 'dashboard', days],
    queryFn: () =>
      call(api.GET('/v1/admin/dashboard', { params: { query: rangeOf(days.from, days.to) } })).then(
        (body) => body.data,
      ),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setDays({ from: String(data.get('from')), to: String(data.get('to')) });
  };

  const data = dashboard.data;
  const statusSeries = CASE_STATUSES.map((status) => ({ key: status, label: tStatus(status) }));
  const perDay =
    data?.casesPerDay.map((day) => ({
      day: date(day.day, 'date'),
      ...Object.fromEntries(CASE_STATUSES.map((status) => [status, day.counts[status] ?? 0])),
    })) ?? [];
  const totalCases = perDay.reduce(
    (sum, day) => sum + CASE_STATUSES.reduce((daySum, status) => daySum + Number(day[status] ?? 0), 0),
    0,
  );

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <form className="admin-filters" onSubmit={submit}>
        <fieldset>
          <legend>{t('range')}</legend>
          <div className="admin-filter-grid">
            <div className="field">
              <label htmlFor="dashboard-from">{t('from')}</label>
              <input id="dashboard-from" name="from" type="date" defaultValue={days.from} required />
            </div>
            <div className="field">
              <label htmlFor="dashboard-to">{t('to')}</label>
              <input id="dashboard-to" name="to" type="date" defaultValue={days.to} required />
            </div>
          </div>
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
              summary={t('casesSummary', { total: number(totalCases) })}
              table={
                <table className="admin-table">
                  <caption>{t('casesTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('day')}</th>
                      {statusSeries.map((series) => (
                        <th scope="col" key={series.key}>
                          {series.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {perDay.map((day) => (
                      <tr key={day.day}>
                        <th scope="row">{day.day}</th>
                        {CASE_STATUSES.map((status) => (
                          <td key={status}>{number(Number(day[status] ?? 0))}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            >
              {perDay.length === 0 ? (
                <p>{t('empty')}</p>
              ) : (
                <StackedBars data={perDay} categoryKey="day" series={statusSeries} />
              )}
            </ChartFigure>

            <ChartFigure
              title={t('decisionsTitle')}
              summary={t('decisionsSummary', {
                automatic: number(data.decisions.automatic),
                human: number(data.decisions.human),
              })}
              table={
                <CountTable
                  caption={t('decisionsTitle')}
                  labelHeading={t('kind')}
                  countHeading={t('count')}
                  rows={[
                    { label: t('automatic'), value: data.decisions.automatic },
                    { label: t('human'), value: data.decisions.human },
                  ]}
                  format={number}
                />
              }
            >
              <HorizontalBars
                data={[
                  { label: t('automatic'), value: data.decisions.automatic },
                  { label: t('human'), value: data.decisions.human },
                ]}
              />
            </ChartFigure>

            <section className="card admin-chart" aria-labelledby="turnaround-title">
              <h2 id="turnaround-title">{t('turnaroundTitle')}</h2>
              <dl className="admin-stats">
                <div>
                  <dt>{t('p50')}</dt>
                  <dd>
                    {data.turnaround.p50Hours === null
                      ? t('noValue')
                      : t('hours', { hours: number(data.turnaround.p50Hours) })}
                  </dd>
                </div>
                <div>
                  <dt>{t('p90')}</dt>
                  <dd>
                    {data.turnaround.p90Hours === null
                      ? t('noValue')
                      : t('hours', { hours: number(data.turnaround.p90Hours) })}
                  </dd>
                </div>
              </dl>
            </section>

            <RankedChart
              title={t('reviewReasonsTitle')}
              labelHeading={t('reason')}
              rows={data.topReviewReasons.map((row) => ({ label: row.code, value: row.count }))}
              format={number}
            />
            <RankedChart
              title={t('actionReasonsTitle')}
              labelHeading={t('reason')}
              rows={data.topActionRequiredReasons.map((row) => ({ label: row.code, value: row.count }))}
              format={number}
            />
            <RankedChart
              title={t('providerErrorsTitle')}
              labelHeading={t('endpoint')}
              rows={data.providerErrors.map((row) => ({ label: row.endpoint, value: row.count }))}
              format={number}
            />
          </div>
        )}
      </QueryState>
    </div>
  );
}

interface Row {
  label: string;
  value: number;
}

function CountTable({
  caption,
  labelHeading,
  countHeading,
  rows,
  format,
}: {
  caption: string;
  labelHeading: string;
  countHeading: string;
  rows: Row[];
  format: (value: number) => string;
}) {
  return (
    <table className="admin-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col">{countHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{format(row.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A "top N" list as horizontal bars, largest first. */
function RankedChart({
  title,
  labelHeading,
  rows,
  format,
}: {
  title: string;
  labelHeading: string;
  rows: Row[];
  format: (value: number) => string;
}) {
  const t = useT(dashboardMessages);
  const top = rows[0];
  return (
    <ChartFigure
      title={title}
      summary={
        top ? t('barsSummary', { count: rows.length, top: top.label, value: format(top.value) }) : t('empty')
      }
      table={
        <CountTable
          caption={title}
          labelHeading={labelHeading}
          countHeading={t('count')}
          rows={rows}
          format={format}
        />
      }
    >
      {rows.length === 0 ? <p>{t('empty')}</p> : <HorizontalBars data={rows} />}
    </ChartFigure>
  );
}
