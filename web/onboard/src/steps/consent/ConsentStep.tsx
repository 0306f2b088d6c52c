import { useState } from 'react';
import { Button } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import type { StepProps } from '../../journey/step-props';
import { ConsentNotice } from './ConsentNotice';
import { consentMessages } from './messages';
import { activeConsent } from './useGrantConsent';

/** The consent step: each purpose on its own card; only KYC verification is needed to go on. */
export function ConsentStep({ state, onSaved }: StepProps) {
  const t = useT(consentMessages);
  const [missing, setMissing] = useState(false);
  const hasKycConsent = activeConsent(state.consents, 'kyc_verification') !== undefined;

  return (
    <div className="form">
      <p>{t('intro')}</p>
      <ConsentNotice purpose="kyc_verification" required onGranted={() => setMissing(false)} />
      <ConsentNotice purpose="digilocker_fetch" />
      <ConsentNotice purpose="secure_share_prefill" />
      <p className="hint">{t('optionalLater')}</p>
      {missing && !hasKycConsent && (
        <p className="form-alert" role="alert">
          {t('kycRequired')}
        </p>
      )}
      <Button
        onPress={() => {
          if (hasKycConsent) onSaved();
          else setMissing(true);
        }}
      >
        {t('continue')}
      </Button>
    </div>
  );
}
