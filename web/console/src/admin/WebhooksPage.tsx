import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { useT } from '../../../shared/src/i18n/i18n';
import { Pager, QueryState, TableWrap, useCursorPages } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';
import type { Delivery } from './types';
import { DELIVERY_STATUS_LABEL as STATUS_LABEL } from './webhook-labels';
import { webhookMessages } from './webhook-messages';

type DeliveryStatus = Delivery['status'];
type EventType = Delivery['type'];

const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed'];
// Every event type once: a type the service adds and this list misses is a type error.
const EVENT_TYPE_SET: Record<EventType, true> = {
  'kyc.submitted': true,
  'kyc.approved': true,
  'kyc.rejected': true,
  'kyc.needs_review': true,
  'kyc.action_required': true,
  'kyc.check.completed': true,
  'kyc.rekyc_started': true,
  'kyc.case_reopened': true,
  'kyc.esign_pending': true,
  'kyc.esign_expired': true,
  'kyc.completed': true,
  'kyc_link.opened': true,
  'kyc_link.completed': true,
  'consent.withdrawn': true,
  'user.erasure_requested': true,
  'user.erasure_completed': true,
};
const EVENT_TYPES = Object.keys(EVENT_TYPE_SET) as EventType[];

export default function WebhooksPage() {
  const t = useT(webhookMessages);
  const tc = useT(commonMessages);
  const date = useDateFormat();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [eventType, setEventType] = useState<EventType | ''>('');
  const pages = useCursorPages();
  const deliveries = useQuery({
    queryKey: ['admin', 'webhooks', status, eventType, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/v1/admin/webhooks/deliveries', {
          params: {
            query: {
              ...(status ? { status } : {}),
              ...(eventType ? { eventType } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
              limit: 50,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <fieldset className="admin-filters">
        <legend>{t('filters')}</legend>
        <div className="field">
          <label htmlFor="delivery-status">{t('status')}</label>
          <select
            id="delivery-status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as DeliveryStatus | '');
              pages.reset();
            }}
          >
            <option value="">{tc('any')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(STATUS_LABEL[value])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="delivery-type">{t('eventType')}</label>
          <select
            id="delivery-type"
            value={eventType}
            onChange={(event) => {
              setEventType(event.target.value as EventType | '');
              pages.reset();
            }}
          >
            <option value="">{tc('any')}</option>
            {EVENT_TYPES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <QueryState
        isPending={deliveries.isPending}
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
      >
        {deliveries.data?.data.length === 0 ? (
          <p>{tc('none')}</p>
        ) : (
          <TableWrap label={t('listCaption')}>
            <table className="admin-table">
              <caption>{t('listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('eventType')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('attempts')}</th>
                  <th scope="col">{t('nextAttempt')}</th>
                  <th scope="col">{t('created')}</th>
                  <th scope="col">{t('lastError')}</th>
                  <th scope="col">{t('details')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data?.data.map((delivery) => (
                  <tr key={delivery.id}>
                    <th scope="row">
                      <code>{delivery.type}</code>
                    </th>
                    <td>
                      <span className={`admin-badge admin-badge-${delivery.status}`}>
                        {t(STATUS_LABEL[delivery.status])}
                      </span>
                    </td>
                    <td>{delivery.attempts}</td>
                    <td>{date(delivery.nextAttemptAt)}</td>
                    <td>{date(delivery.createdAt)}</td>
                    <td className="admin-wrap">{delivery.lastError ?? ''}</td>
                    <td>
                      <Link
                        href={`/admin/webhooks/${delivery.id}`}
                        aria-label={t('detailsOf', { type: delivery.type, id: delivery.id })}
                      >
                        {t('details')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager
          page={pages.page}
          nextCursor={deliveries.data?.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      </QueryState>
    </div>
  );
}
