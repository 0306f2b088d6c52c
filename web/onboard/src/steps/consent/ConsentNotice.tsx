import { useEffect, useId, useRef, useState } from 'react';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import { useConsents } from '../../journey/profile';
import type { Consent } from '../../journey/profile';
import { useFormatDateTime } from '../../lib/dates';
import { useProblemText } from '../../../../shared/src/lib/problems';
import '../../styles/consent.css';
import { consentMessages } from './messages';
import { CONSENT_NOTICES } from './notices';
import type { ConsentPurpose } from './notices';
import { activeConsent, latestConsent, useGrantConsent, useWithdrawConsent } from './useGrantConsent';

export interface ConsentNoticeProps {
  purpose: ConsentPurpose;
  /** Marks the purpose "Required" (the journey cannot go on without it) rather than "Optional". */
  required?: boolean;
  /** Called once the customer agreed and the consent is recorded. */
  onGranted?: (consent: Consent) => void;
  /** Heading level of the notice's title within the page (2 on the consent step; 3 inside another step's section). */
  headingLevel?: 2 | 3;
}

/**
 * One purpose's consent: the notice text and its version, the customer's current state (agreed when and to
 * which version, or withdrawn when), and the action that fits: agree, agree again, or withdraw after reading
 * what withdrawing changes. A region named by the notice's title, so a screen reader (and a test) can find it.
 */
export function ConsentNotice({
  purpose,
  required = false,
  onGranted,
  headingLevel = 2,
}: ConsentNoticeProps) {
  const t = useT(consentMessages);
  const { locale } = useLocale();
  const text = useProblemText();
  const formatTime = useFormatDateTime();
  const consents = useConsents();
  const grant = useGrantConsent();
  const withdraw = useWithdrawConsent();
  const [confirming, setConfirming] = useState(false);
  // After an action its button is gone: focus goes to what changed, so keyboard users are not dropped.
  const [focusTarget, setFocusTarget] = useState<'confirm' | 'state' | null>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const stateRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    (focusTarget === 'confirm' ? confirmRef : stateRef).current?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const id = useId();
  const notice = CONSENT_NOTICES[purpose];
  const copy = notice.text[locale];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SectionHeading = headingLevel === 2 ? 'h3' : 'h4';

  const list = consents.data ?? [];
  const active = activeConsent(list, purpose);
  const latest = latestConsent(list, purpose);
  const current = active?.noticeVersion === notice.version;

  let state: string;
  if (active && current)
    state = t('granted', { time: formatTime(active.grantedAt), version: active.noticeVersion });
  else if (active)
    state = t('outdated', { time: formatTime(active.grantedAt), version: active.noticeVersion });
  else if (latest?.withdrawnAt)
    state = t('withdrawn', {
      time: formatTime(latest.withdrawnAt),
      granted: formatTime(latest.grantedAt),
      version: latest.noticeVersion,
    });
  else state = t('notGiven');

  const agreeLabel = active ? t('agreeUpdated') : latest ? t('agreeAgain') : t('agree');
  const error = grant.error ?? withdraw.error;

  return (
    <section className={`consent-card${active ? ' consent-active' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="consent-head">
        <Heading id={`${id}-title`} className="consent-title">
          {copy.title}
        </Heading>
        <span className={`badge ${required ? 'badge-required' : 'badge-optional'}`}>
          {required ? t('required') : t('optional')}
        </span>
      </div>
      <p>{copy.summary}</p>
      {/* The required notice is open until agreed; optional ones are layered: summary first, full text a click away. */}
      <details className="consent-notice" open={required && !current}>
        <summary>{t('readNotice')}</summary>
        {copy.sections.map((section) => (
          <div key={section.heading}>
            <SectionHeading className="consent-section-heading">{section.heading}</SectionHeading>
            <p>{section.text}</p>
          </div>
        ))}
      </details>
      <p className="consent-version">{t('version', { version: notice.version })}</p>
      <p
        ref={stateRef}
        tabIndex={-1}
        role="status"
        className={`consent-state${active ? ' consent-state-active' : ''}`}
      >
        <span aria-hidden="true">{active ? '✓ ' : latest?.withdrawnAt ? '✕ ' : ''}</span>
        {consents.data ? state : ''}
      </p>
      <FormAlert message={error ? text.problem(error) : undefined} />
      {confirming && active ? (
        <div className="consent-withdraw" role="group" aria-labelledby={`${id}-withdraw`}>
          <p id={`${id}-withdraw`} ref={confirmRef} tabIndex={-1} className="consent-withdraw-title">
            {t('withdrawTitle')}
          </p>
          <p>{copy.withdrawEffect}</p>
          <div className="button-row">
            <Button
              isPending={withdraw.isPending}
              onPress={() =>
                withdraw.mutate(purpose, {
                  onSuccess: () => {
                    setConfirming(false);
                    setFocusTarget('state');
                  },
                })
              }
            >
              {withdraw.isPending ? t('withdrawing') : t('withdrawConfirm')}
            </Button>
            <Button
              variant="secondary"
              onPress={() => {
                setConfirming(false);
                setFocusTarget('state');
              }}
            >
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {!current && (
            <Button
              isPending={grant.isPending}
              onPress={() => {
                withdraw.reset();
                grant.mutate(purpose, {
                  onSuccess: (consent) => {
                    setFocusTarget('state');
                    onGranted?.(consent);
                  },
                });
              }}
            >
              {grant.isPending ? t('agreeing') : agreeLabel}
            </Button>
          )}
          {active && (
            <Button
              variant="secondary"
              onPress={() => {
                grant.reset();
                setConfirming(true);
                setFocusTarget('confirm');
              }}
            >
              {t('withdraw')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
