import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import type { StepId } from '../../journey/steps';
import { reviewMessages } from './messages';

// The review's building blocks, shared by the original sections (ReviewStep) and the declarations
// (DeclarationsSummary).

/** A number shown by its last four characters only, read out as "ending in 1234". */
export function Masked({ value, label }: { value: string; label: (last4: string) => string }) {
  const last4 = value.slice(-4);
  return (
    <>
      <span aria-hidden="true">•••• {last4}</span>
      <span className="visually-hidden">{label(last4)}</span>
    </>
  );
}

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([term, detail]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SummarySection({
  step,
  complete,
  children,
}: {
  step: StepId;
  complete: boolean;
  children: ReactNode;
}) {
  const t = useT(reviewMessages);
  const tj = useT(journeyMessages);
  const title = tj(`step.${step}`);
  return (
    <section className="summary-section" aria-labelledby={`summary-${step}`}>
      <div className="summary-head">
        <h2 id={`summary-${step}`}>{title}</h2>
        <Link href={`/steps/${step}`} className="edit-link">
          {t('edit')}
          <span className="visually-hidden"> {title}</span>
        </Link>
      </div>
      {complete ? children : <p className="not-done">{t('notDone')}</p>}
    </section>
  );
}
