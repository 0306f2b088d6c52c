import { useState } from 'react';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { caseMessages } from './messages';
import { RevealDialog } from './RevealDialog';
import type { RevealTarget } from './RevealDialog';
import type { CaseView, Snapshot, SubmittedProfile } from './types';

interface Row extends RevealTarget {
  masked: string;
}

function rowsOf(
  profile: Partial<SubmittedProfile>,
  t: ReturnType<typeof useT<keyof (typeof caseMessages)['en']>>,
): Row[] {
  const rows: Row[] = [];
  const pan = profile.panDetails?.panNumber;
  if (pan) rows.push({ field: 'panNumber', label: t('pan'), masked: pan });
  (profile.bankDetails ?? []).forEach((bank, index) => {
    if (bank.bankAccountNumber)
      rows.push({
        field: 'bankAccountNumber',
        index,
        label: t('bankAccount', { n: index + 1 }),
        masked: `${bank.bankAccountNumber}${bank.ifscCode ? ` · ${bank.ifscCode}` : ''}`,
      });
  });
  (profile.dematDetails ?? []).forEach((demat, index) => {
    if (demat.clientID || demat.dpID)
      rows.push({
        field: 'dematAccountNumber',
        index,
        label: t('dematAccount', { n: index + 1 }),
        masked: [demat.depository, demat.dpID, demat.clientID].filter(Boolean).join(' · '),
      });
  });
  return rows;
}

/** The identity numbers as the service sends them (masked), each with a Reveal that asks why. */
export function IdentityNumbers({ view, caseId }: { view: CaseView; caseId: string }) {
  const t = useT(caseMessages);
  const [target, setTarget] = useState<RevealTarget>();
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const rows = rowsOf(((view.snapshot ?? {}) as Snapshot).profile ?? {}, t);
  if (rows.length === 0) return null;
  const keyOf = (row: RevealTarget) => `${row.field}:${row.index ?? 0}`;
  return (
    <section className="panel" aria-labelledby="numbers-title">
      <h2 id="numbers-title">{t('identityNumbers')}</h2>
      <dl className="numbers">
        {rows.map((row) => (
          <div key={keyOf(row)} className="number-row">
            <dt>{row.label}</dt>
            <dd>
              <span className="mono">{revealed[keyOf(row)] ?? row.masked}</span>
              {!view.readOnly && !revealed[keyOf(row)] && (
                <Button
                  variant="secondary"
                  aria-label={t('revealLabel', { what: row.label })}
                  onPress={() => setTarget(row)}
                >
                  {t('reveal')}
                </Button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {target && (
        <RevealDialog
          caseId={caseId}
          target={target}
          onClose={() => setTarget(undefined)}
          onRevealed={(value) => setRevealed((current) => ({ ...current, [keyOf(target)]: value }))}
        />
      )}
    </section>
  );
}
