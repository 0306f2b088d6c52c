import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { downloadAuditExport } from './audit-export';
import { auditMessages } from './audit-messages';
import { Pager, QueryState, TableWrap, useAdminProblem, useCursorPages } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';

const TARGET_LABEL = {
  case: 'target_case',
  staff: 'target_staff',
  api_key: 'target_api_key',
  webhook_delivery: 'target_webhook_delivery',
  template: 'target_template',
  audit_log: 'target_audit_log',
  privacy: 'target_privacy',
} as const;
type TargetType = keyof typeof TARGET_LABEL;
const TARGET_TYPES = Object.keys(TARGET_LABEL) as TargetType[];

const ROLE_LABEL = { reviewer: 'role_reviewer', admin: 'role_admin' } as const;

export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetType?: TargetType;
  targetId?: string;
  from?: string;
  to?: string;
}

/** A date picked in the form (the reader's local day) as the instant it starts. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();
/** `to` is exclusive on the server: the day after the one picked, so the picked day is included. */
function endOfDay(day: string): string {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

function filtersOf(form: HTMLFormElement): AuditFilters {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const filters: AuditFilters = {};
  if (text('actorId')) filters.actorId = text('actorId');
  if (text('action')) filters.action = text('action');
  if (text('targetType')) filters.targetType = text('targetType') as TargetType;
  if (text('targetId')) filters.targetId = text('targetId');
  if (text('from')) filters.from = startOfDay(text('from'));
  if (text('to')) filters.to = endOfDay(text('to'));
  return filters;
}

export default function AuditPage() {
  const t = useT(auditMessages);
  const tc = useT(commonMessages);
  const date = useDateFormat();
  const problem = useAdminProblem();
  const [filters, setFilters] = useState<AuditFilters>({});
  const pages = useCursorPages();
  const staff = useQuery({
    queryKey: ['admin', 'staff'],
    queryFn: () => call(api.GET('/v1/admin/staff')).then((body) => body.data),
  });
  const entries = useQuery({
    queryKey: ['admin', 'audit', filters, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/v1/admin/audit', {
          params: { query: { ...filters, ...(pages.cursor ? { cursor: pages.cursor } : {}), limit: 50 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: (format: 'csv' | 'json') => downloadAuditExport(format, filters),
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(filtersOf(event.currentTarget));
    pages.reset();
  };

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="admin-filters" onSubmit={apply} onReset={() => (setFilters({}), pages.reset())}>
        <fieldset>
          <legend>{t('filters')}</legend>
          <div className="admin-filter-grid">
            <div className="field">
              <label htmlFor="audit-actor">{t('actor')}</label>
              <select id="audit-actor" name="actorId" defaultValue="">
                <option value="">{tc('any')}</option>
                {staff.data?.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name} ({member.email})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-action">{t('action')}</label>
              <input
                id="audit-action"
                name="action"
                pattern="[a-z][a-z0-9_]{0,63}"
                aria-describedby="audit-action-hint"
              />
              <span id="audit-action-hint" className="hint">
                {t('actionHint')}
              </span>
            </div>
            <div className="field">
              <label htmlFor="audit-target-type">{t('targetType')}</label>
              <select id="audit-target-type" name="targetType" defaultValue="">
                <option value="">{tc('any')}</option>
                {TARGET_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(TARGET_LABEL[type])}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-target-id">{t('targetId')}</label>
              <input
                id="audit-target-id"
                name="targetId"
                pattern="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                aria-describedby="audit-target-id-hint"
              />
              <span id="audit-target-id-hint" className="hint">
                {t('targetIdHint')}
              </span>
            </div>
            <div className="field">
              <label htmlFor="audit-from">{t('from')}</label>
              <input id="audit-from" name="from" type="date" />
            </div>
            <div className="field">
              <label htmlFor="audit-to">{t('to')}</label>
              <input id="audit-to" name="to" type="date" />
            </div>
          </div>
          <div className="admin-actions">
            <Button type="submit">{tc('apply')}</Button>
            <Button type="reset" variant="secondary">
              {tc('clear')}
            </Button>
          </div>
        </fieldset>
      </form>

      <section className="card admin-section" aria-labelledby="audit-export-title">
        <h2 id="audit-export-title">{t('exportTitle')}</h2>
        <p className="hint">{t('exportHint')}</p>
        <div className="admin-actions">
          <Button
            variant="secondary"
            isPending={exportFile.isPending}
            onPress={() => exportFile.mutate('csv')}
          >
            {t('exportCsv')}
          </Button>
          <Button
            variant="secondary"
            isPending={exportFile.isPending}
            onPress={() => exportFile.mutate('json')}
          >
            {t('exportJson')}
          </Button>
        </div>
        <p role="status" className={exportFile.isSuccess ? 'notice' : 'visually-hidden'}>
          {exportFile.data ? t('exported', { file: exportFile.data.file }) : ''}
          {exportFile.data?.truncated ? ` ${t('truncated')}` : ''}
        </p>
        <FormAlert message={exportFile.error ? problem(exportFile.error) : undefined} />
      </section>

      <QueryState isPending={entries.isPending} error={entries.error} onRetry={() => void entries.refetch()}>
        {entries.data?.data.length === 0 ? (
          <p>{tc('none')}</p>
        ) : (
          <TableWrap label={t('listCaption')}>
            <table className="admin-table">
              <caption>{t('listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('actor')}</th>
                  <th scope="col">{t('action')}</th>
                  <th scope="col">{t('targetType')}</th>
                  <th scope="col">{t('details')}</th>
                  <th scope="col">{t('ip')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data?.data.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{date(entry.at)}</th>
                    <td>
                      {entry.actor.name ?? t('erased')}
                      <br />
                      <span className="hint">
                        {entry.actor.role === 'admin' || entry.actor.role === 'reviewer'
                          ? tc(ROLE_LABEL[entry.actor.role])
                          : entry.actor.role}
                      </span>
                    </td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      {t(TARGET_LABEL[entry.targetType])}
                      <br />
                      <code className="hint">{entry.targetId}</code>
                    </td>
                    <td className="admin-wrap">
                      {Object.entries(entry.details)
                        .map(([key, value]) => `${key}: ${String(value)}`)
                        .join('; ')}
                    </td>
                    <td>{entry.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager
          page={pages.page}
          nextCursor={entries.data?.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      </QueryState>
    </div>
  );
}
