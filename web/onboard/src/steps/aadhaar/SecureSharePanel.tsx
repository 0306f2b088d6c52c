import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox, Form, Radio, RadioGroup } from 'react-aria-components';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import type { Translate } from '../../../../shared/src/i18n/i18n';
import { KYC_STATUS_KEY, PROFILE_KEY } from '../../journey/profile';
import type { Consent } from '../../journey/profile';
import { ProblemError, useProblemText } from '../../../../shared/src/lib/problems';
import { IdentitySummary } from './IdentitySummary';
import { ConsentNotice as InlineConsent } from '../consent/ConsentNotice';
import { MobileCheck } from '../contact/MobileCheck';
import { aadhaarMessages, mobileMessages } from './messages';
import { PREFILL_KEY, everConsented, useSecureSharePrefill } from './queries';
import type { Prefill } from './queries';

type Field = Prefill['fields'][number];
type MessageKey = Parameters<Translate<keyof typeof aadhaarMessages.en>>[0];

const known = (key: string): key is MessageKey => key in aadhaarMessages.en;

/** A field pointer or a scope in words; an unknown one as the server names it. */
function nameOf(t: Translate<MessageKey>, prefix: 'field.' | 'scope.', value: string): string {
  const key = `${prefix}${value}`;
  return known(key) ? t(key) : value;
}

function confidenceText(t: Translate<MessageKey>, confidence: number | null): string {
  if (confidence === null) return t('ssNoConfidence');
  // Cashfree's score runs from 0 to 1.
  const percent = Math.round(confidence * 100);
  return t('ssConfidence', { percent });
}

/**
 * Secure-Share 1-Click: consent, a session, the customer's confirmation in Cashfree's 1-Click (its
 * auth code exchanged for the details), then each proposed field with its source and confidence, the
 * customer choosing between disagreeing sources, and the chosen fields applied to the profile.
 */
export function SecureSharePanel({
  consents,
  mobileNo,
  onContinue,
}: {
  consents: Consent[];
  mobileNo: string;
  onContinue: () => void;
}) {
  const t = useT(aadhaarMessages);
  const tMobile = useT(mobileMessages);
  const text = useProblemText();
  const client = useQueryClient();
  const consented = consents.some(
    (consent) => consent.purpose === 'secure_share_prefill' && consent.withdrawnAt === null,
  );
  const prefill = useSecureSharePrefill({
    enabled: everConsented(consents, 'secure_share_prefill'),
  });
  const [again, setAgain] = useState(false);
  const [codeError, setCodeError] = useState<string>();

  const session = useMutation({
    mutationFn: async () => (await call(api.POST('/v1/secure-share/session'))).data,
  });
  const complete = useMutation({
    mutationFn: async (authCode: string) =>
      (await call(api.POST('/v1/secure-share/complete', { body: { authCode } }))).data,
    onSuccess: (view) => {
      client.setQueryData(PREFILL_KEY, view);
      session.reset();
      setAgain(false);
    },
  });

  if (!consented)
    return (
      <InlineConsent
        purpose="secure_share_prefill"
        required
        headingLevel={2}
        // A first consent: nothing was started yet, so there is no proposal to ask for.
        onGranted={() => {
          if (!everConsented(consents, 'secure_share_prefill')) client.setQueryData(PREFILL_KEY, null);
        }}
      />
    );
  if (prefill.isLoading) return <p role="status">{t('ssFetching')}</p>;
  const view = prefill.data;

  if (view && !again) {
    return view.appliedAt ? (
      <AppliedView view={view} onContinue={onContinue} onAgain={() => setAgain(true)} />
    ) : (
      <PrefillReview view={view} onContinue={onContinue} />
    );
  }

  if (session.error instanceof ProblemError && session.error.problem.code === 'contacts_unverified') {
    return (
      <div className="outcome">
        <MobileCheck
          mobile={mobileNo}
          verified={false}
          title={tMobile('title')}
          onVerified={() => session.mutate()}
        />
        <p>{tMobile('why', { mobile: mobileNo })}</p>
      </div>
    );
  }

  if (!session.data) {
    return (
      <div className="form">
        <p>{t('secureShareHint')}</p>
        <FormAlert message={session.error ? text.problem(session.error) : undefined} />
        <div className="button-row">
          <Button onPress={() => session.mutate()} isPending={session.isPending}>
            {session.isPending ? t('ssStarting') : t('ssStart')}
          </Button>
        </div>
      </div>
    );
  }

  const completeErrors = text.fields(complete.error);
  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={{
        ...(completeErrors.authCode ? { authCode: completeErrors.authCode } : {}),
        ...(codeError ? { authCode: codeError } : {}),
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const authCode = String(new FormData(event.currentTarget).get('authCode') ?? '').trim();
        if (!authCode) return setCodeError(t('ssCodeMissing'));
        setCodeError(undefined);
        complete.mutate(authCode);
      }}
    >
      <section aria-labelledby="ss-confirm" className="outcome">
        <h2 id="ss-confirm">{t('ssConfirmTitle')}</h2>
        <p>{t('ssConfirm', { mobile: mobileNo })}</p>
      </section>
      <FormAlert message={complete.error ? text.problem(complete.error) : undefined} />
      <TextField
        name="authCode"
        label={t('ssCode')}
        description={t('ssCodeHint')}
        autoComplete="one-time-code"
        onChange={() => setCodeError(undefined)}
        isRequired
      />
      <div className="button-row">
        <Button type="submit" isPending={complete.isPending}>
          {complete.isPending ? t('ssFetching') : t('ssSubmitCode')}
        </Button>
        {complete.error ? (
          <Button variant="secondary" onPress={() => session.mutate()}>
            {t('startAgain')}
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

function AppliedView({
  view,
  onContinue,
  onAgain,
}: {
  view: Prefill;
  onContinue: () => void;
  onAgain: () => void;
}) {
  const t = useT(aadhaarMessages);
  const { locale } = useLocale();
  const date = new Date(view.appliedAt ?? view.createdAt).toLocaleDateString(
    locale === 'hi' ? 'hi-IN' : 'en-IN',
    { day: 'numeric', month: 'long', year: 'numeric' },
  );
  return (
    <div className="form">
      <p className="notice" role="status">
        {t('ssAppliedBefore', { date })}
      </p>
      {view.identity && <IdentitySummary identity={view.identity} />}
      <div className="button-row">
        <Button onPress={onContinue}>{t('continue')}</Button>
        <Button variant="secondary" onPress={onAgain}>
          {t('ssAgain')}
        </Button>
      </div>
    </div>
  );
}

function PrefillReview({ view, onContinue }: { view: Prefill; onContinue: () => void }) {
  const t = useT(aadhaarMessages);
  const text = useProblemText();
  const client = useQueryClient();
  // The Aadhaar number is not a profile field: it shows in the identity summary, masked.
  const fields = view.fields.filter((field) => field.field !== '/aadhaar');
  const [selected, setSelected] = useState(
    () => new Set(fields.filter((field) => !field.conflict).map((field) => field.field)),
  );
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();

  const apply = useMutation({
    mutationFn: async (sent: string[]) => {
      const chosen = fields.filter((field) => sent.includes(field.field));
      return (
        await call(
          api.POST('/v1/secure-share/apply', {
            body: {
              fields: sent,
              choices: chosen
                .filter((field) => field.conflict && choices[field.field])
                .map((field) => ({ field: field.field, scope: choices[field.field]! })),
            },
          }),
        )
      ).data;
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: PROFILE_KEY });
      // A case that asks for changes counts the applied details as changed (its status lists them).
      void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
    },
  });

  if (fields.length === 0) {
    return (
      <div className="form">
        <p className="outcome" role="status">
          {t('ssNothing')}
        </p>
        {view.identity && <IdentitySummary identity={view.identity} />}
      </div>
    );
  }

  if (apply.data) {
    const result = apply.data;
    return (
      <div className="form">
        <div className="notice" role="status">
          <h2>{t('ssAppliedTitle')}</h2>
          <p>{t('ssApplied', { count: result.applied.length })}</p>
          {result.drafted.length > 0 && <p>{t('ssDrafted', { count: result.drafted.length })}</p>}
        </div>
        {result.skipped.length > 0 && (
          <div>
            <p>{t('ssSkipped')}</p>
            <ul>
              {result.skipped.map((skip) => (
                <li key={skip.field}>
                  {nameOf(t, 'field.', skip.field)}: {t(`reason.${skip.reason}`)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {view.identity && <IdentitySummary identity={view.identity} />}
        <div className="button-row">
          <Button
            // The journey marks the step complete from the proposal's appliedAt: read it first.
            onPress={() => void client.invalidateQueries({ queryKey: PREFILL_KEY }).then(onContinue)}
          >
            {t('continue')}
          </Button>
        </div>
      </div>
    );
  }

  // The server names a refused value by its pointer in the profile (/panDetails/panNumber) or by
  // its place in the request (/fields/0); either way the message goes beside that field.
  const serverErrors = text.fields(apply.error);
  const sent = apply.variables ?? [];
  const errorOf = (pointer: string): string | undefined =>
    serverErrors[pointer.slice(1).split('/').join('.')] ??
    (sent.includes(pointer) ? serverErrors[`fields.${sent.indexOf(pointer)}`] : undefined);

  const toggle = (field: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(field);
      else next.delete(field);
      return next;
    });

  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected.size === 0) return setProblem(t('ssNoneChosen'));
        const unresolved = fields.find(
          (field) => field.conflict && selected.has(field.field) && !choices[field.field],
        );
        if (unresolved)
          return setProblem(t('ssChooseMissing', { field: nameOf(t, 'field.', unresolved.field) }));
        setProblem(undefined);
        apply.mutate(fields.filter((field) => selected.has(field.field)).map((field) => field.field));
      }}
    >
      <h2>{t('ssReviewTitle')}</h2>
      <p>{t('ssReviewHint')}</p>
      <FormAlert message={problem ?? (apply.error ? text.problem(apply.error) : undefined)} />
      <ul className="prefill-fields">
        {fields.map((field) => (
          <ProposedField
            key={field.field}
            field={field}
            error={errorOf(field.field)}
            isSelected={selected.has(field.field)}
            onSelect={(on) => toggle(field.field, on)}
            choice={choices[field.field]}
            onChoose={(scope) => {
              setChoices((current) => ({ ...current, [field.field]: scope }));
              toggle(field.field, true);
            }}
          />
        ))}
      </ul>
      {view.identity && <IdentitySummary identity={view.identity} />}
      <div className="button-row">
        <Button type="submit" isPending={apply.isPending}>
          {apply.isPending ? t('ssApplying') : t('ssApply')}
        </Button>
      </div>
    </Form>
  );
}

function ProposedField({
  field,
  error,
  isSelected,
  onSelect,
  choice,
  onChoose,
}: {
  field: Field;
  error: string | undefined;
  isSelected: boolean;
  onSelect: (on: boolean) => void;
  choice: string | undefined;
  onChoose: (scope: string) => void;
}) {
  const t = useT(aadhaarMessages);
  const name = nameOf(t, 'field.', field.field);
  const candidates = field.conflict ? (field.candidates ?? []) : [];
  const errorId = `prefill-error-${field.field.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <li className="prefill-field">
      <Checkbox
        className="checkbox"
        isSelected={isSelected}
        onChange={onSelect}
        aria-describedby={error ? errorId : undefined}
      >
        {t('ssUse', { field: name })}
      </Checkbox>
      {candidates.length > 0 ? (
        <RadioGroup
          className="field choices"
          aria-label={t('ssChoose', { field: name })}
          value={choice ?? null}
          onChange={onChoose}
        >
          <p className="field-hint">{t('ssConflict')}</p>
          <div className="choice-list">
            {candidates.map((candidate) => (
              <Radio key={candidate.scope} value={candidate.scope} className="choice">
                <span>
                  <strong>{String(candidate.value)}</strong>
                  <br />
                  <span className="field-hint">
                    {t('ssSource', { source: nameOf(t, 'scope.', candidate.scope) })} ·{' '}
                    {confidenceText(t, candidate.confidence)}
                  </span>
                </span>
              </Radio>
            ))}
          </div>
        </RadioGroup>
      ) : (
        <p className="prefill-value">
          <strong>{String(field.value)}</strong>
          <br />
          <span className="field-hint">
            {t('ssSource', { source: nameOf(t, 'scope.', field.scope) })} ·{' '}
            {confidenceText(t, field.confidence)}
          </span>
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </li>
  );
}
