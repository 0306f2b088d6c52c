import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { QueryState, TableWrap, useAdminProblem } from './common';
import { useDateFormat } from '../components/dates';
import { webhookMessages } from './webhook-messages';
import { DELIVERY_STATUS_LABEL as STATUS_LABEL } from './webhook-labels';

/** One delivery: what was sent when, every attempt with the receiver's answer, and redeliver. */
export default function WebhookDeliveryPage({ params }: { params: Record<string, string | undefined> }) {
  const id = params['id'] ?? '';
  const t = useT(webhookMessages);
  const date = useDateFormat();
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const delivery = useQuery({
    queryKey: ['admin', 'webhooks', 'delivery', id],
    queryFn: () =>
      call(api.GET('/v1/admin/webhooks/deliveries/{id}', { params: { path: { id } } })).then(
        (body) => body.data,
      ),
  });
  const redeliver = useMutation({
    mutationFn: () =>
      call(api.POST('/v1/admin/webhooks/deliveries/{id}/redeliver', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
  const data = delivery.data;
  return (
    <div className="admin-page">
      <p>
        <Link href="/admin/webhooks">{t('back')}</Link>
      </p>
      <h1>{t('detailTitle', { id })}</h1>
      <QueryState
        isPending={delivery.isPending}
        error={delivery.error}
        onRetry={() => void delivery.refetch()}
      >
        {data && (
          <>
            <section className="card admin-section" aria-labelledby="delivery-summary">
              <h2 id="delivery-summary">{t('summary')}</h2>
              <dl className="admin-facts">
                <dt>{t('eventType')}</dt>
                <dd>
                  <code>{data.type}</code>
                </dd>
                <dt>{t('status')}</dt>
                <dd>
                  <span className={`admin-badge admin-badge-${data.status}`}>
                    {t(STATUS_LABEL[data.status])}
                  </span>
                </dd>
                <dt>{t('attempts')}</dt>
                <dd>{data.attempts}</dd>
                <dt>{t('nextAttempt')}</dt>
                <dd>{data.nextAttemptAt ? date(data.nextAttemptAt) : '—'}</dd>
                <dt>{t('created')}</dt>
                <dd>{date(data.createdAt)}</dd>
                <dt>{t('delivered')}</dt>
                <dd>{data.deliveredAt ? date(data.deliveredAt) : '—'}</dd>
                <dt>{t('user')}</dt>
                <dd>
                  <code>{data.userId ?? '—'}</code>
                </dd>
                <dt>{t('case')}</dt>
                <dd>
                  <code>{data.caseId ?? '—'}</code>
                </dd>
                <dt>{t('lastError')}</dt>
                <dd className="admin-wrap">{data.lastError ?? '—'}</dd>
              </dl>
              <p className="hint">{t('redeliverHint')}</p>
              <div className="admin-actions">
                <Button isPending={redeliver.isPending} onPress={() => redeliver.mutate()}>
                  {t('redeliver')}
                </Button>
              </div>
              <p role="status" className={redeliver.isSuccess ? 'notice' : 'visually-hidden'}>
                {redeliver.isSuccess ? t('redelivered') : ''}
              </p>
              {redeliver.error ? (
                <p role="alert" className="form-alert">
                  {problem(redeliver.error)}
                </p>
              ) : null}
            </section>
            {data.attemptLog.length === 0 ? (
              <p>{t('noAttempts')}</p>
            ) : (
              <TableWrap label={t('attemptsCaption')}>
                <table className="admin-table">
                  <caption>{t('attemptsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('attemptedAt')}</th>
                      <th scope="col">{t('statusCode')}</th>
                      <th scope="col">{t('duration')}</th>
                      <th scope="col">{t('lastError')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.attemptLog.map((attempt) => (
                      <tr key={attempt.attemptedAt}>
                        <th scope="row">{date(attempt.attemptedAt)}</th>
                        <td>{attempt.statusCode ?? t('noAnswer')}</td>
                        <td>{t('durationMs', { ms: attempt.durationMs })}</td>
                        <td className="admin-wrap">{attempt.error ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
