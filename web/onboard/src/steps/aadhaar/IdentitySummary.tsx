import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import { aadhaarMessages } from './messages';
import type { OfficialIdentity } from './queries';

/** The official identity as the customer should check it: the Aadhaar number masked, the photo as a fact. */
export function IdentitySummary({ identity }: { identity: OfficialIdentity }) {
  const t = useT(aadhaarMessages);
  const { locale } = useLocale();
  const gender = identity.gender;
  const genderText =
    gender === 'Male' || gender === 'Female' || gender === 'Others' ? t(`gender.${gender}`) : gender;
  // A full date reads in the customer's language; a year of birth alone stays as it is.
  const dateOfBirth =
    identity.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(identity.dateOfBirth)
      ? new Date(`${identity.dateOfBirth}T00:00:00Z`).toLocaleDateString(
          locale === 'hi' ? 'hi-IN' : 'en-IN',
          { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
        )
      : identity.dateOfBirth;
  const address = identity.addressDetails
    ? [
        identity.addressDetails.permanentAddress,
        identity.addressDetails.landmark,
        identity.addressDetails.permanentCity,
        identity.addressDetails.permanentState,
        identity.addressDetails.permanentPincode,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const rows: [string, string][] = [
    [t('name'), identity.name ?? t('notGiven')],
    [t('dateOfBirth'), dateOfBirth ?? t('notGiven')],
    [t('gender'), genderText ?? t('notGiven')],
    [t('aadhaarNumber'), identity.aadhaar ?? t('notGiven')],
    [t('address'), address || t('notGiven')],
    [t('photo'), identity.hasPhoto ? t('photoYes') : t('photoNo')],
  ];
  return (
    <div className="identity">
      <p className="field-hint">
        {identity.source === 'digilocker' ? t('sourceDigilocker') : t('sourceSecureShare')}
      </p>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
