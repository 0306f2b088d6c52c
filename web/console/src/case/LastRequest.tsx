import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { Reason } from '../reasons';
import { lastRequestMessages } from './last-request-messages';
import type { CaseView } from './types';

type Fix = NonNullable<CaseView['lastRequest']>['reasons'][number];

/** A reason's state in words (never colour alone): changed, not changed, or a person's to settle. */
const stateOf = (fix: Fix) => (fix.part === null ? 'team' : fix.changed ? 'changed' : 'unchanged');

/**
 * What the case last asked the customer to change (a reviewer or the checks), and for each reason whether
 * the customer changed its part before submitting again (or since, while the case still waits for them).
 */
export function LastRequest({ view }: { view: CaseView }) {
  const t = useT(lastRequestMessages);
  const date = useDateFormat();
  const request = view.lastRequest;
  if (!request) return null;
  const when = (at: string) => <time dateTime={at}>{date(at, 'seconds')}</time>;
  return (
    <section className="panel last-request" aria-labelledby="last-request-title">
      <h2 id="last-request-title">{t('title')}</h2>
      <dl>
        <dt>{t('requested')}</dt>
        <dd>{when(request.requestedAt)}</dd>
        <dt>{t('resubmitted')}</dt>
        <dd>{request.resubmittedAt ? when(request.resubmittedAt) : t('notResubmitted')}</dd>
      </dl>
      <h3 id="last-request-reasons">{t('reasons')}</h3>
      <ul aria-labelledby="last-request-reasons">
        {request.reasons.map((fix) => {
          const state = stateOf(fix);
          return (
            <li key={fix.reason}>
              <span className="last-request-reason">
                <Reason code={fix.reason} />
              </span>
              {fix.part && <span className="hint">{t('fixedIn', { part: t(fix.part) })}</span>}
              <span className={`badge fix-${state}`}>{t(state)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
