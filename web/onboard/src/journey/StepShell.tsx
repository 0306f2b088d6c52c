import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../../shared/src/i18n/i18n';
import { StepFixes } from './Fixes';
import { journeyMessages } from './messages';
import { STEP_IDS, isStepComplete } from './steps';
import type { JourneyState, StepId } from './steps';

/**
 * The frame of every step: the progress list (each step a link, the current one marked for screen
 * readers), the step's heading, which takes focus when the step opens, and the step's form.
 */
export function StepShell({
  step,
  state,
  children,
}: {
  step: StepId;
  state: JourneyState;
  children: ReactNode;
}) {
  const t = useT(journeyMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  const index = STEP_IDS.indexOf(step);
  // Focus goes to the heading when a step opens, not when the language changes under the customer.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  useEffect(() => {
    document.title = `${t(`step.${step}`)} · Pehchan KYC`;
  }, [step, t]);
  return (
    <div className="step">
      <nav aria-label={t('progressLabel')} className="progress">
        <p className="progress-count">{t('progress', { current: index + 1, total: STEP_IDS.length })}</p>
        <progress max={STEP_IDS.length} value={index + 1} aria-hidden="true" />
        <ol className="progress-steps">
          {STEP_IDS.map((id) => {
            const complete = isStepComplete(id, state);
            return (
              <li key={id} className={complete ? 'done' : undefined}>
                <Link href={`/steps/${id}`} aria-current={id === step ? 'step' : undefined}>
                  {t(`step.${id}`)}
                  {complete && <span className="visually-hidden"> ({t('complete')})</span>}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="step-body" aria-labelledby="step-heading">
        <h1 id="step-heading" ref={heading} tabIndex={-1}>
          {t(`step.${step}`)}
        </h1>
        {step !== 'review' && <StepFixes status={state.status} step={step} />}
        {children}
      </section>
    </div>
  );
}
