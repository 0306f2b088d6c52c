import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import type { Translate } from '../../../../shared/src/i18n/i18n';
import { ReviewFixes } from '../../journey/Fixes';
import { journeyMessages } from '../../journey/messages';
import { KYC_STATUS_KEY, PROFILE_KEY } from '../../journey/profile';
import { SECTION_STEPS } from '../../journey/reasons';
import type { StepProps } from '../../journey/step-props';
import { STEP_IDS, isStepComplete } from '../../journey/steps';
import type { StepId } from '../../journey/steps';
import { ProblemError, useProblemText } from '../../../../shared/src/lib/problems';
import { calendarDateText } from '../../../../shared/src/lib/calendar-date';
import { postToHost } from '../../link/link-session';
import { addressMessages } from '../address/messages';
import { STATE_NAMES_HI } from '../address/states';
import { bankMessages } from '../bank/messages';
import { personalMessages } from '../personal/messages';
import { reviewMessages } from './messages';
import '../../styles/summary-and-status.css';
import { DeclarationsSummary } from './DeclarationsSummary';
import { Facts, Masked, SummarySection } from './summary-parts';

type ReviewKey = keyof typeof reviewMessages.en;

function Verified({ value, verified, t }: { value: string; verified: boolean; t: Translate<ReviewKey> }) {
  return (
    <>
      {value}{' '}
      <span className={verified ? 'verified' : 'not-done'}>
        {verified ? t('verified') : t('notVerified')}
      </span>
    </>
  );
}

/** Where the server's 409 answers point: the profile section or the thing that is missing → its step. */
function stepOfPointer(pointer: string): StepId | undefined {
  return SECTION_STEPS[pointer.split('/').filter(Boolean)[0] ?? ''];
}

function SubmitProblem({ error, t }: { error: unknown; t: Translate<ReviewKey> }) {
  const tj = useT(journeyMessages);
  const text = useProblemText();
  if (!(error instanceof ProblemError)) return <FormAlert message={text.problem(error)} />;
  const { code, errors = [] } = error.problem;
  // kyc_incomplete names the missing sections, contacts_unverified the unverified email or mobile.
  if (code === 'kyc_incomplete' || code === 'contacts_unverified') {
    const steps = STEP_IDS.filter((step) => errors.some((item) => stepOfPointer(item.field) === step));
    return (
      <div className="form-alert" role="alert">
        <p>{t('incompleteTitle')}</p>
        <ul>
          {steps.map((step) => (
            <li key={step}>
              <Link href={`/steps/${step}`}>{t('fix', { step: tj(`step.${step}`) })}</Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return <FormAlert message={text.problem(error)} />;
}

export function ReviewStep({ profile, state, onSaved }: StepProps) {
  const t = useT(reviewMessages);
  const tj = useT(journeyMessages);
  const tPersonal = useT(personalMessages);
  const tBank = useT(bankMessages);
  const { locale } = useLocale();
  const tAddress = useT(addressMessages);
  const stateName = (name: string) =>
    locale === 'hi' ? (STATE_NAMES_HI[name as keyof typeof STATE_NAMES_HI] ?? name) : name;
  const client = useQueryClient();
  const submit = useMutation({
    mutationFn: async () => (await call(api.POST('/v1/kyc/submit'))).data,
    onSuccess: (status) => {
      client.setQueryData(KYC_STATUS_KEY, status);
      void client.invalidateQueries({ queryKey: PROFILE_KEY });
      postToHost({ type: 'pehchan:submitted' });
      onSaved();
    },
  });

  const intl = locale === 'hi' ? 'hi-IN' : 'en-IN';
  const date = (value: string) => calendarDateText(intl, value, 'long');
  const money = (value: number) =>
    new Intl.NumberFormat(intl, { style: 'currency', currency: 'INR', maximumFractionDigits: 0 }).format(
      value,
    );
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  const translated = (value: string) =>
    Object.prototype.hasOwnProperty.call(reviewMessages.en, value) ? t(value as ReviewKey) : value;
  // The steps' own labels for the values chosen there; free text (occupation from a prefill) as it is.
  const occupation = (value: string) => {
    const key = `occupation.${value}`;
    return Object.prototype.hasOwnProperty.call(personalMessages.en, key)
      ? tPersonal(key as keyof typeof personalMessages.en)
      : value;
  };
  const accountType = (value: string) => (value === 'Current' ? tBank('current') : tBank('saving'));

  const complete = (step: StepId) => isStepComplete(step, state);
  // Aadhaar is not required to submit: without an official identity a person reviews the case instead.
  const missing = STEP_IDS.filter((step) => step !== 'review' && step !== 'aadhaar' && !complete(step));
  const again = state.status?.status === 'action_required';
  const { panDetails: pan, profileDetails: personal, addressDetails: address } = profile;

  return (
    <div className="review">
      <p>{again ? t('introAgain') : t('intro')}</p>
      <ReviewFixes status={state.status} />
      {missing.length > 0 && (
        <div className="missing" role="region" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('missingTitle')}</h2>
          <p>{t('missingIntro')}</p>
          <ul>
            {missing.map((step) => (
              <li key={step}>
                <Link href={`/steps/${step}`}>{tj(`step.${step}`)}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!complete('aadhaar') && (
        <p className="notice-warning" role="note">
          {t('aadhaarRecommended')} <Link href="/steps/aadhaar">{tj('step.aadhaar')}</Link>
        </p>
      )}

      <SummarySection step="contact" complete>
        <Facts
          rows={[
            [t('email'), <Verified value={profile.email} verified={profile.emailVerified} t={t} />],
            [t('mobileNo'), <Verified value={profile.mobileNo} verified={profile.mobileVerified} t={t} />],
          ]}
        />
      </SummarySection>

      <SummarySection step="consent" complete={complete('consent')}>
        <p>{t('consentGiven')}</p>
      </SummarySection>

      <SummarySection step="pan" complete={pan !== null}>
        {pan && (
          <Facts
            rows={[
              [t('panNumber'), <Masked value={pan.panNumber} label={(last4) => t('panMasked', { last4 })} />],
              [t('name'), pan.name],
              [t('dateOfBirth'), date(pan.dateOfBirth)],
              [t('mobileNo'), pan.mobileNo],
              [t('email'), pan.email],
              [t('iAm'), pan.iAm === 'Mutual' ? t('mutual') : t('individual')],
            ]}
          />
        )}
      </SummarySection>

      <SummarySection step="aadhaar" complete={complete('aadhaar')}>
        <p>{t('aadhaarDone')}</p>
      </SummarySection>

      <SummarySection step="personal" complete={personal !== null}>
        {personal && (
          <Facts
            rows={[
              [t('gender'), translated(personal.gender)],
              [t('placeOfBirth'), personal.placeOfBirth],
              [t('occupation'), occupation(personal.occupation)],
              [t('annualIncome'), money(personal.annualIncome)],
              [t('citizenship'), yesNo(personal.citizenship)],
              [t('informationConfirmation'), yesNo(personal.informationConfirmation)],
            ]}
          />
        )}
      </SummarySection>

      <SummarySection step="address" complete={address !== null}>
        {address && (
          <Facts
            rows={[
              [t('permanentAddress'), address.permanentAddress],
              ...(address.landmark ? [[t('landmark'), address.landmark] as [string, string]] : []),
              [t('permanentCity'), address.permanentCity],
              [t('permanentPincode'), address.permanentPincode],
              [t('permanentState'), stateName(address.permanentState)],
              [
                t('permanentCountry'),
                address.permanentCountry === 'India' ? tAddress('india') : address.permanentCountry,
              ],
            ]}
          />
        )}
      </SummarySection>

      <SummarySection step="bank" complete={profile.bankDetails.length > 0}>
        {profile.bankDetails.map((bank, index) => (
          <div key={bank._id} className="entry">
            {profile.bankDetails.length > 1 && <h3>{t('accountHeading', { number: index + 1 })}</h3>}
            <Facts
              rows={[
                [t('bankName'), bank.bankName],
                [t('accountType'), accountType(bank.accountType)],
                [
                  t('accountNumber'),
                  <Masked value={bank.bankAccountNumber} label={(last4) => t('accountMasked', { last4 })} />,
                ],
                [t('ifscCode'), bank.ifscCode],
                [t('primary'), yesNo(bank.primary)],
              ]}
            />
          </div>
        ))}
      </SummarySection>

      <SummarySection step="demat" complete={profile.dematDetails.length > 0}>
        {profile.dematDetails.map((demat, index) => (
          <div key={demat._id} className="entry">
            {profile.dematDetails.length > 1 && <h3>{t('accountHeading', { number: index + 1 })}</h3>}
            <Facts
              rows={[
                [t('depository'), demat.depository],
                [t('dpID'), demat.dpID],
                [
                  t('clientID'),
                  <Masked value={demat.clientID} label={(last4) => t('accountMasked', { last4 })} />,
                ],
                [t('clientMasterCopy'), demat.clientMasterCopy ? t('attached') : t('notAttached')],
              ]}
            />
          </div>
        ))}
      </SummarySection>

      <DeclarationsSummary profile={profile} complete={complete} />

      <SummarySection step="selfie" complete={profile.userImage !== null}>
        <div className="selfie-summary">
          {profile.userImage && <img src={profile.userImage} alt={t('selfieAlt')} width={96} height={96} />}
          <p>{t('selfieDone')}</p>
        </div>
      </SummarySection>

      <div className="submit-area">
        {submit.error && <SubmitProblem error={submit.error} t={t} />}
        <p>{t('declaration')}</p>
        <Button onPress={() => submit.mutate()} isPending={submit.isPending}>
          {submit.isPending ? t('submitting') : again ? t('submitAgain') : t('submit')}
        </Button>
      </div>
    </div>
  );
}
