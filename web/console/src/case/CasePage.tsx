import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { accessClaims } from '../../../shared/src/api/session';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { AssigneeName } from '../components/case-badges';
import { statusMessages } from '../labels';
import { AssignControl } from './AssignControl';
import { ChecksTable } from './ChecksTable';
import { Comparison } from './Comparison';
import { DecisionPanel } from './DecisionPanel';
import { Documents } from './Documents';
import { IpvEvidence } from './IpvEvidence';
import { History } from './History';
import { IdentityNumbers } from './IdentityNumbers';
import { LastRequest } from './LastRequest';
import { caseMessages } from './messages';
import { Notes } from './Notes';
import { SnapshotView } from './Snapshot';
import type { CaseView, Holder } from './types';

/** Claim or release: the holder is the one who decides (an admin may reassign). */
function HoldButtons({ view, caseId, holder }: { view: CaseView; caseId: string; holder: Holder }) {
  const t = useT(caseMessages);
  const text = useProblemText();
  const queryClient = useQueryClient();
  const hold = useMutation({
    mutationFn: (action: 'claim' | 'release') =>
      call(
        api.POST(
          action === 'claim' ? '/v1/review/cases/{caseId}/claim' : '/v1/review/cases/{caseId}/release',
          { params: { path: { caseId } } },
        ),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['review-case', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['review-cases'] });
    },
  });
  if (view.readOnly || view.case.status !== 'needs_review') return null;
  const mine = holder?.id === accessClaims()?.userId;
  return (
    <>
      {!holder && (
        <Button variant="secondary" isPending={hold.isPending} onPress={() => hold.mutate('claim')}>
          {t('claim')}
        </Button>
      )}
      {mine && (
        <Button variant="secondary" isPending={hold.isPending} onPress={() => hold.mutate('release')}>
          {t('release')}
        </Button>
      )}
      <FormAlert message={hold.error ? text.problem(hold.error) : undefined} />
      <span role="status" className="notice">
        {hold.isSuccess ? t(hold.variables === 'claim' ? 'claimed' : 'released') : ''}
      </span>
    </>
  );
}

/** A case as a reviewer works it: the evidence on the left, notes and the decision on the right. */
export default function CasePage({ params }: { params: Record<string, string | undefined> }) {
  const t = useT(caseMessages);
  const tStatus = useT(statusMessages);
  const text = useProblemText();
  const caseId = params['id'] ?? '';
  const heading = useRef<HTMLHeadingElement>(null);
  const [focused, setFocused] = useState(false);
  const query = useQuery({
    queryKey: ['review-case', caseId],
    queryFn: async () =>
      (await call(api.GET('/v1/review/cases/{caseId}', { params: { path: { caseId } } }))).data as CaseView,
    // Every view is audited and re-signs the document links: no refetch on focus.
    refetchOnWindowFocus: false,
  });
  const view = query.data;
  useEffect(() => {
    if (view && !focused) {
      heading.current?.focus();
      setFocused(true);
    }
  }, [view, focused]);

  return (
    <div className="case-page">
      <p>
        <Link href="/">{t('back')}</Link>
      </p>
      <FormAlert message={query.error ? text.problem(query.error) : undefined} />
      {query.isPending && <p role="status">{t('loading')}</p>}
      {view && (
        <>
          <div className="case-head">
            <h1 ref={heading} tabIndex={-1}>
              {t('title', { number: view.case.number ?? '' })}
            </h1>
            <span className="badge">{tStatus(view.case.status)}</span>
            <span>
              {t('holder')}: <AssigneeName assignee={view.assignee} />
            </span>
            <span>
              {t('customerId')}: <code className="case-customer">{view.userId}</code>
            </span>
            <HoldButtons view={view} caseId={caseId} holder={view.assignee} />
            <AssignControl view={view} caseId={caseId} />
          </div>
          {view.readOnly && <p className="hint">{t('readOnly')}</p>}
          <div className="case-columns">
            <div>
              <LastRequest view={view} />
              <Comparison view={view} />
              <IdentityNumbers view={view} caseId={caseId} />
              <Documents view={view} />
              <IpvEvidence snapshot={view.snapshot} />
              <ChecksTable view={view} />
              <SnapshotView snapshot={view.snapshot} />
            </div>
            <div>
              <DecisionPanel view={view} caseId={caseId} holder={view.assignee} />
              <Notes view={view} caseId={caseId} />
              <History view={view} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
