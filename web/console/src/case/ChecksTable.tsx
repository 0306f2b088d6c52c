import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { checkMessages, outcomeMessages } from '../labels';
import { Reason } from '../reasons';
import { caseMessages } from './messages';
import type { CaseView } from './types';

/**
 * Each check with its outcome, reason, score, provider reference ids and time: a table where the column has room,
 * one block per check (each value after its column's name, `data-label`) where it has not.
 */
export function ChecksTable({ view }: { view: CaseView }) {
  const t = useT(caseMessages);
  const tCheck = useT(checkMessages);
  const tOutcome = useT(outcomeMessages);
  const date = useDateFormat();
  const timeOf = (type: string) => view.case.checks.find((check) => check.type === type)?.updatedAt;
  return (
    <section className="panel checks" aria-labelledby="checks-title">
      <h2 id="checks-title">{t('checks')}</h2>
      <div className="table-scroll" role="region" aria-labelledby="checks-title" tabIndex={0}>
        <table className="data-table checks-table">
          <thead>
            <tr>
              <th scope="col">{t('check')}</th>
              <th scope="col">{t('outcome')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('scoreColumn')}</th>
              <th scope="col">{t('providerIds')}</th>
              <th scope="col">{t('time')}</th>
            </tr>
          </thead>
          <tbody>
            {view.checks.map((check) => {
              const at = timeOf(check.type);
              return (
                <tr key={check.type}>
                  <th scope="row">{tCheck(check.type)}</th>
                  <td data-label={t('outcome')}>
                    {check.outcome ? (
                      <span className={`badge outcome-${check.outcome}`}>{tOutcome(check.outcome)}</span>
                    ) : (
                      t('running')
                    )}
                  </td>
                  <td data-label={t('reason')}>{check.reason ? <Reason code={check.reason} /> : '—'}</td>
                  <td data-label={t('scoreColumn')}>{check.score ?? '—'}</td>
                  <td data-label={t('providerIds')}>
                    <span className="mono small">
                      {[check.verificationId, check.referenceId].filter(Boolean).join(' · ') || '—'}
                    </span>
                  </td>
                  <td data-label={t('time')}>{at ? date(at, 'seconds') : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
