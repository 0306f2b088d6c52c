import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../../shared/src/api/client';
import { useT } from '../../../shared/src/i18n/i18n';
import { QueryState, TableWrap } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';
import { InvestigationHolds } from './InvestigationHolds';
import { privacyMessages } from './privacy-messages';
import type { ErasureRequest, LegalHold } from './types';

type RequestStatus = ErasureRequest['status'];
type HoldState = 'active' | 'released';

const STATUS_LABEL = {
  held: 'status_held',
  completed: 'status_completed',
} as const satisfies Record<RequestStatus, string>;
const STATUSES = Object.keys(STATUS_LABEL) as RequestStatus[];
const SOURCE_LABEL = {
  customer: 'source_customer',
  draft_retention: 'source_draft_retention',
} as const satisfies Record<ErasureRequest['source'], string>;
const REASON_LABEL = { kyc_record: 'reason_kyc_record' } as const satisfies Record<
  LegalHold['reason'],
  string
>;
const STATE_LABEL = { active: 'state_active', released: 'state_released' } as const;
const STATES = Object.keys(STATE_LABEL) as HoldState[];

/** The customers' DPDP erasure requests, the legal holds that keep KYC records, and investigation holds. */
export default function DataRequestsPage() {
  const t = useT(privacyMessages);
  const tc = useT(commonMessages);
  const date = useDateFormat();
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [state, setState] = useState<HoldState | ''>('');
  const requests = useQuery({
    queryKey: ['admin', 'erasure-requests', status],
    queryFn: () =>
      call(api.GET('/v1/admin/erasure-requests', { params: { query: status ? { status } : {} } })).then(
        (body) => body.data,
      ),
    placeholderData: keepPreviousData,
  });
  const holds = useQuery({
    queryKey: ['admin', 'legal-holds', state],
    queryFn: () =>
      call(api.GET('/v1/admin/legal-holds', { params: { query: state ? { state } : {} } })).then(
        (body) => body.data,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      <section className="admin-group" aria-labelledby="erasure-requests-title">
        <h2 id="erasure-requests-title">{t('requestsTitle')}</h2>
        <fieldset className="admin-filters">
          <legend>{t('requestsFilters')}</legend>
          <div className="field">
            <label htmlFor="erasure-status">{t('status')}</label>
            <select
              id="erasure-status"
              value={status}
              onChange={(event) => setStatus(event.target.value as RequestStatus | '')}
            >
              <option value="">{tc('any')}</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(STATUS_LABEL[value])}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <QueryState
          isPending={requests.isPending}
          error={requests.error}
          onRetry={() => void requests.refetch()}
        >
          {requests.data?.length === 0 ? (
            <p>{t('noRequests')}</p>
          ) : (
            <TableWrap label={t('requestsCaption')}>
              <table className="admin-table">
                <caption>{t('requestsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('customer')}</th>
                    <th scope="col">{t('requestedAt')}</th>
                    <th scope="col">{t('source')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('holdUntil')}</th>
                    <th scope="col">{t('completedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.data?.map((request) => (
                    <tr key={request.id}>
                      <th scope="row">
                        <code>{request.userId}</code>
                      </th>
                      <td>{date(request.requestedAt)}</td>
                      <td>{t(SOURCE_LABEL[request.source])}</td>
                      <td>
                        <span className={`admin-badge admin-badge-${request.status}`}>
                          {t(STATUS_LABEL[request.status])}
                        </span>
                      </td>
                      <td>{date(request.holdUntil, 'date')}</td>
                      <td>{date(request.completedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </QueryState>
      </section>

      <section className="admin-group" aria-labelledby="legal-holds-title">
        <h2 id="legal-holds-title">{t('holdsTitle')}</h2>
        <fieldset className="admin-filters">
          <legend>{t('holdsFilters')}</legend>
          <div className="field">
            <label htmlFor="hold-state">{t('state')}</label>
            <select
              id="hold-state"
              value={state}
              onChange={(event) => setState(event.target.value as HoldState | '')}
            >
              <option value="">{tc('any')}</option>
              {STATES.map((value) => (
                <option key={value} value={value}>
                  {t(STATE_LABEL[value])}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <QueryState isPending={holds.isPending} error={holds.error} onRetry={() => void holds.refetch()}>
          {holds.data?.length === 0 ? (
            <p>{t('noHolds')}</p>
          ) : (
            <TableWrap label={t('holdsCaption')}>
              <table className="admin-table">
                <caption>{t('holdsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('customer')}</th>
                    <th scope="col">{t('reason')}</th>
                    <th scope="col">{t('from')}</th>
                    <th scope="col">{t('until')}</th>
                    <th scope="col">{t('state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {holds.data?.map((hold) => (
                    <tr key={hold.id}>
                      <th scope="row">
                        <code>{hold.userId}</code>
                      </th>
                      <td>{t(REASON_LABEL[hold.reason])}</td>
                      <td>{date(hold.relationshipEndedAt, 'date')}</td>
                      <td>{date(hold.holdUntil, 'date')}</td>
                      <td>
                        {hold.releasedAt ? (
                          <span className="admin-badge admin-badge-released">
                            {t('releasedOn', { date: date(hold.releasedAt, 'date') })}
                          </span>
                        ) : (
                          <span className="admin-badge admin-badge-active">{t('state_active')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </QueryState>
      </section>

      <InvestigationHolds />
    </div>
  );
}
