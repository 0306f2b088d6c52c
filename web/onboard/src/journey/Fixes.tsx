import { Link } from 'wouter';
import { useT } from '../../../shared/src/i18n/i18n';
import { statusMessages } from '../pages/status-messages';
import { fixesMessages } from './fixes-messages';
import { journeyMessages } from './messages';
import type { KycStatus } from './profile';
import { fixesOf, reasonMessages } from './reasons';
import type { StepId } from './steps';
import '../styles/summary-and-status.css';

/** The message a reviewer left for the customer, under its caption. */
export function ReviewerMessage({ message }: { message: string }) {
  const t = useT(statusMessages);
  return (
    <figure className="reviewer">
      <figcaption>
        <strong>{t('reviewerTitle')}</strong>
      </figcaption>
      <blockquote className="reviewer-message">{message}</blockquote>
    </figure>
  );
}

/**
 * On Review, while the case asks for changes: what is still to fix (each with its step), what the customer
 * has changed since the request, and what a person settles, with the reviewer's message. The server says
 * which part fixes each reason and whether it was changed (GET /v1/kyc/status `fixes`).
 */
export function ReviewFixes({ status }: { status: KycStatus | undefined }) {
  const t = useT(fixesMessages);
  const tr = useT(reasonMessages);
  const tj = useT(journeyMessages);
  if (status?.status !== 'action_required') return null;
  const fixes = fixesOf(status);
  const still = fixes.filter((fix) => fix.step !== undefined && !fix.changed);
  const changed = fixes.filter((fix) => fix.step !== undefined && fix.changed);
  const team = fixes.filter((fix) => fix.step === undefined);
  return (
    <>
      <section className="fixes" aria-labelledby="fixes-still-title">
        <h2 id="fixes-still-title">{t('stillTitle')}</h2>
        {still.length > 0 ? (
          <>
            <p>{t('stillIntro')}</p>
            <ul className="reasons">
              {still.map((fix) => (
                <li key={`${fix.key}:${fix.step}`}>
                  {tr(fix.key)}{' '}
                  <Link href={`/steps/${fix.step}`}>{t('fixIn', { step: tj(`step.${fix.step!}`) })}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('allChanged')}</p>
        )}
        {status.userMessage && <ReviewerMessage message={status.userMessage} />}
      </section>
      {changed.length > 0 && (
        <section className="fixes" aria-labelledby="fixes-changed-title">
          <h2 id="fixes-changed-title">{t('changedTitle')}</h2>
          <p>{t('changedIntro')}</p>
          <ul className="reasons">
            {changed.map((fix) => (
              <li key={`${fix.key}:${fix.step}`}>
                {tr(fix.key)}{' '}
                <Link href={`/steps/${fix.step}`}>{t('changedIn', { step: tj(`step.${fix.step!}`) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {team.length > 0 && (
        <section className="fixes" aria-labelledby="fixes-team-title">
          <h2 id="fixes-team-title">{t('teamTitle')}</h2>
          <p>{t('teamIntro')}</p>
          <ul className="reasons">
            {team.map((fix) => (
              <li key={fix.key}>{tr(fix.key)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** On a step page, while the case asks for changes: the reasons this step fixes, each said to be still to fix or changed. */
export function StepFixes({ status, step }: { status: KycStatus | undefined; step: StepId }) {
  const t = useT(fixesMessages);
  const tr = useT(reasonMessages);
  if (status?.status !== 'action_required') return null;
  const here = fixesOf(status).filter((fix) => fix.step === step);
  if (here.length === 0) return null;
  return (
    <section className="fixes" aria-labelledby="fixes-step-title">
      <h2 id="fixes-step-title">{t('stepTitle')}</h2>
      <ul className="reasons">
        {here.map((fix) => (
          <li key={fix.key}>
            {tr(fix.key)} <strong>({fix.changed ? t('stateChanged') : t('stateStill')})</strong>
          </li>
        ))}
      </ul>
      {status.userMessage && <ReviewerMessage message={status.userMessage} />}
    </section>
  );
}
