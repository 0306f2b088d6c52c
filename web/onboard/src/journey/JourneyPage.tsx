import { Link, Redirect, useLocation } from 'wouter';
import { useT } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { everConsented, useDigilockerStatus, useSecureSharePrefill } from '../steps/aadhaar/queries';
import { STEP_COMPONENTS } from '../steps/registry';
import { journeyMessages } from './messages';
import { useConsents, useKycStatus, useProfile } from './profile';
import { StepShell } from './StepShell';
import { isStepId, nextIncompleteStep, stepAfter } from './steps';
import type { JourneyState, StepId } from './steps';

/** Statuses in which the profile is locked: the journey sends the customer to the status page. */
const LOCKED = [
  'submitted',
  'verifying',
  'needs_review',
  'approved',
  'rejected',
  'esign_pending',
  'esign_expired',
  'completed',
];

export function JourneyPage({ step }: { step: string }) {
  const t = useT(journeyMessages);
  const text = useProblemText();
  const [, navigate] = useLocation();
  const profile = useProfile();
  const consents = useConsents();
  const status = useKycStatus();
  const digilocker = useDigilockerStatus({
    enabled: everConsented(consents.data, 'digilocker_fetch'),
  });
  const prefill = useSecureSharePrefill({
    enabled: everConsented(consents.data, 'secure_share_prefill'),
  });

  if (profile.error || consents.error) {
    return (
      <p role="alert" className="form-alert">
        {text.problem(profile.error ?? consents.error)}
      </p>
    );
  }
  if (!profile.data || !consents.data) return <p role="status">{t('loading')}</p>;
  const state: JourneyState = {
    profile: profile.data,
    consents: consents.data,
    status: status.data,
    aadhaar: {
      digilockerStatus: digilocker.data?.status ?? null,
      prefillAppliedAt: prefill.data?.appliedAt ?? null,
    },
  };
  if (!isStepId(step)) {
    // Where to continue depends on the Aadhaar answers too: wait for them rather than send everyone there.
    if (status.isLoading || digilocker.isLoading || prefill.isLoading)
      return <p role="status">{t('loading')}</p>;
    // A redirect in an effect: navigating while rendering updates the router during another component's render.
    return <Redirect to={`/steps/${nextIncompleteStep(state)}`} replace />;
  }
  if (status.data && LOCKED.includes(status.data.status)) {
    return (
      <div className="card">
        <p>{t('locked')}</p>
        <Link href="/status">{t('goStatus')}</Link>
      </div>
    );
  }
  const Step = STEP_COMPONENTS[step as StepId];
  const onSaved = () => {
    // Fixing what a decision asked for, or changing one part of a finished application (Review's Edit
    // links): back to review to submit, not on through every step.
    const backToReview =
      step !== 'review' &&
      (status.data?.status === 'action_required' || nextIncompleteStep(state) === 'review');
    const next = backToReview ? 'review' : stepAfter(step);
    navigate(next ? `/steps/${next}` : '/status');
  };
  return (
    <StepShell step={step} state={state}>
      {/* A new profile version (saved in another window, or a conflict reloaded it) restarts the form from it. */}
      <Step key={profile.data.__v} profile={profile.data} state={state} onSaved={onSaved} />
    </StepShell>
  );
}
