import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useSearch } from 'wouter';
import { useT } from '../../../../shared/src/i18n/i18n';
import type { StepProps } from '../../journey/step-props';
import '../../styles/documents-selfie-aadhaar.css';
import { DigilockerPanel } from './DigilockerPanel';
import { aadhaarMessages } from './messages';
import { SecureSharePanel } from './SecureSharePanel';

type Method = 'digilocker' | 'secure_share';

/**
 * The Aadhaar step: the official identity through DigiLocker (out and back to this page) or
 * Secure-Share 1-Click prefill. It is complete once DigiLocker fetched the Aadhaar or a prefill was applied.
 */
export function AadhaarStep({ profile, state, onSaved }: StepProps) {
  const t = useT(aadhaarMessages);
  const returning = new URLSearchParams(useSearch()).get('digilocker') === 'return';
  // Until the customer picks one, the way already started is shown.
  const started: Method | null =
    returning || state.aadhaar?.digilockerStatus
      ? 'digilocker'
      : state.aadhaar?.prefillAppliedAt !== undefined && state.aadhaar.prefillAppliedAt !== null
        ? 'secure_share'
        : null;
  const [picked, setMethod] = useState<Method>();
  const method = picked ?? started;

  return (
    <div className="form">
      <p>{t('intro')}</p>
      <RadioGroup
        className="field choices"
        value={method}
        onChange={(value) => setMethod(value === 'secure_share' ? 'secure_share' : 'digilocker')}
      >
        <Label>{t('method')}</Label>
        <div className="choice-list">
          <Radio value="digilocker" className="choice method-choice">
            <span>
              <strong>{t('digilocker')}</strong>
              <br />
              <span className="field-hint">{t('digilockerHint')}</span>
            </span>
          </Radio>
          <Radio value="secure_share" className="choice method-choice">
            <span>
              <strong>{t('secureShare')}</strong>
              <br />
              <span className="field-hint">{t('secureShareHint')}</span>
            </span>
          </Radio>
        </div>
      </RadioGroup>
      {method === 'digilocker' && (
        <DigilockerPanel consents={state.consents} returning={returning} onContinue={onSaved} />
      )}
      {method === 'secure_share' && (
        <SecureSharePanel consents={state.consents} mobileNo={profile.mobileNo} onContinue={onSaved} />
      )}
    </div>
  );
}
