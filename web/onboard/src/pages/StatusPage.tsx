import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { journeyMessages } from '../journey/messages';
import { KYC_STATUS_KEY, useKycStatus } from '../journey/profile';
import type { KycStatus } from '../journey/profile';
import { ReviewerMessage } from '../journey/Fixes';
import { fixesOf, reasonMessages } from '../journey/reasons';
import { useProblemText } from '../../../shared/src/lib/problems';
import { completeLink, hostName, linkContext, returnToHost } from '../link/link-session';
import { Esign, useEsign } from './Esign';
import { statusMessages } from './status-messages';
import '../styles/summary-and-status.css';

type StatusKey = keyof typeof statusMessages.en;
type CheckState = 'waiting' | 'passed' | 'needs-look' | 'failed';

/** The checks in the order a customer thinks of them (the server's CHECK_TYPES order). */
const CHECK_ORDER = [
  'pan',
  'duplicate_pan',
  'bank_account',
  'ifsc',
  'liveliness',
  'face_match',
  'identity_match',
];
const BANNERS: Record<string, { key: StatusKey; tone: string }> = {
  draft: { key: 'draft', tone: '' },
  submitted: { key: 'verifying', tone: '' },
  verifying: { key: 'verifying', tone: '' },
  needs_review: { key: 'needs_review', tone: '' },
  action_required: { key: 'action_required', tone: 'attention' },
  approved: { key: 'approved', tone: 'ok' },
  esign_pending: { key: 'esign_pending', tone: 'attention' },
  esign_expired: { key: 'esign_expired', tone: 'attention' },
  completed: { key: 'completed', tone: 'ok' },
  rejected: { key: 'rejected', tone: 'bad' },
};

/** After approval: the account opening form to sign, re-send or download. */
const ESIGN_STATUSES = new Set(['approved', 'esign_pending', 'esign_expired', 'completed']);

function checkState(outcome: string | null): CheckState {
  if (outcome === null) return 'waiting';
  if (outcome === 'pass') return 'passed';
  if (outcome === 'fail') return 'failed';
  return 'needs-look';
}

const rank = (type: string) => {
  const index = CHECK_ORDER.indexOf(type);
  return index === -1 ? CHECK_ORDER.length : index;
};
const byOrder = (a: { type: string }, b: { type: string }) => rank(a.type) - rank(b.type);

function Checks({ checks }: { checks: KycStatus['checks'] }) {
  const t = useT(statusMessages);
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby="checks-title">
      <h2 id="checks-title">{t('checksTitle')}</h2>
      <ul className="checks">
        {[...checks].sort(byOrder).map((check) => {
          const state = checkState(check.outcome);
          const name = CHECK_ORDER.includes(check.type)
            ? t(`check.${check.type}` as StatusKey)
            : t('check.other');
          return (
            <li key={check.type} className="check">
              <span>{name}</span>
              {/* The state in words, with a symbol (CSS, silent for screen readers): never colour alone. */}
              <span className={`check-state ${state}`}>{t(`state.${state}`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Reasons({ status }: { status: KycStatus }) {
  const t = useT(statusMessages);
  const tr = useT(reasonMessages);
  const tj = useT(journeyMessages);
  // Each with the step the server says fixes it.
  const reasons = fixesOf(status);
  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t('reasonsTitle')}</h2>
      {reasons.length > 0 && (
        <ul className="reasons">
          {reasons.map((reason) => (
            <li key={`${reason.key}:${reason.step ?? ''}`}>
              {tr(reason.key)}{' '}
              {reason.step && (
                <Link href={`/steps/${reason.step}`}>{t('fixIn', { step: tj(`step.${reason.step}`) })}</Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {status.userMessage && <ReviewerMessage message={status.userMessage} />}
      <p>{t('resubmitIntro')}</p>
      <Link href="/steps/review" className="button button-primary button-link">
        {t('toReview')}
      </Link>
    </section>
  );
}

function Rekyc() {
  const t = useT(statusMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const rekyc = useMutation({
    mutationFn: async () => (await call(api.POST('/v1/kyc/rekyc'))).data,
    onSuccess: (status) => {
      client.setQueryData(KYC_STATUS_KEY, status);
      navigate('/steps/review');
    },
  });
  return (
    <section className="actions-block">
      <p>{t('rekycIntro')}</p>
      <FormAlert message={rekyc.error ? text.problem(rekyc.error) : undefined} />
      <Button variant="secondary" onPress={() => rekyc.mutate()} isPending={rekyc.isPending}>
        {rekyc.isPending ? t('rekycStarting') : t('rekyc')}
      </Button>
    </section>
  );
}

/** For a customer who came through a host's KYC link: back to the host with the signed result. */
function ReturnToHost({ status }: { status: string }) {
  const t = useT(statusMessages);
  const text = useProblemText();
  const link = linkContext();
  const complete = useMutation({
    mutationFn: completeLink,
    onSuccess: (redirectUrl) => returnToHost(redirectUrl, status),
  });
  if (!link) return null;
  const host = hostName(link);
  return (
    <section className="actions-block">
      <p>{t('returnIntro', { host })}</p>
      <FormAlert message={complete.error ? text.problem(complete.error) : undefined} />
      <Button onPress={() => complete.mutate()} isPending={complete.isPending}>
        {complete.isPending ? t('returning') : t('returnTo', { host })}
      </Button>
    </section>
  );
}

export function StatusPage() {
  const t = useT(statusMessages);
  const text = useProblemText();
  const { locale } = useLocale();
  const status = useKycStatus({ poll: true });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${t('title')} · Pehchan KYC`;
  }, [t]);

  const data = status.data;
  const esign = useEsign(data !== undefined && ESIGN_STATUSES.has(data.status));
  const banner = !data
    ? undefined
    : data.status === 'approved' && esign.data?.required === false
      ? { key: 'approvedNoEsign' as const, tone: 'ok' }
      : data.status === 'esign_expired' && esign.data?.signingFailed
        ? { key: 'esignFailed' as const, tone: 'attention' }
        : (BANNERS[data.status] ?? { key: 'unknownStatus' as const, tone: '' });
  const time = (value: string) =>
    new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(value));

  return (
    <div className="card status-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      {status.error && !data && <FormAlert message={text.problem(status.error)} />}
      {!data && !status.error && <p role="status">{t('loading')}</p>}
      {data && banner && (
        <>
          {data.number !== null && <p className="case-number">{t('caseNumber', { number: data.number })}</p>}
          {/* Read out when the status changes while the page polls. */}
          <div className={`status-banner ${banner.tone}`}>
            <p role="status">
              <strong>{t(banner.key)}</strong>
            </p>
            {data.updatedAt && <p>{t('updated', { time: time(data.updatedAt) })}</p>}
          </div>
          {data.status === 'draft' && (
            <Link href="/steps/" className="button button-primary button-link">
              {t('draftAction')}
            </Link>
          )}
          {data.status === 'action_required' && <Reasons status={data} />}
          {data.status === 'rejected' && data.userMessage && <ReviewerMessage message={data.userMessage} />}
          {ESIGN_STATUSES.has(data.status) && <Esign status={data.status} />}
          {(data.status === 'approved' || data.status === 'completed') && <Rekyc />}
          <ReturnToHost status={data.status} />
          <Checks checks={data.checks} />
        </>
      )}
    </div>
  );
}
