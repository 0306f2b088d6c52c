import type { ReactNode } from 'react';
import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import { calendarDateText } from '../../../../shared/src/lib/calendar-date';
import type { Profile } from '../../journey/profile';
import type { StepId } from '../../journey/steps';
import { useFormatDateTime } from '../../lib/dates';
import { useCountryName } from '../fatca/countries';
import { fatcaMessages } from '../fatca/messages';
import { nominationMessages } from '../nomination/messages';
import { pepMessages } from '../pep/messages';
import { tradingMessages } from '../trading/messages';
import { reviewMessages } from './messages';
import { Facts, Masked, SummarySection } from './summary-parts';

/** The four declarations on the review page, each value as its step named it, in the reader's language. */
export function DeclarationsSummary({
  profile,
  complete,
}: {
  profile: Profile;
  complete: (step: StepId) => boolean;
}) {
  const t = useT(reviewMessages);
  const tNomination = useT(nominationMessages);
  const tFatca = useT(fatcaMessages);
  const tPep = useT(pepMessages);
  const tTrading = useT(tradingMessages);
  const { locale } = useLocale();
  const country = useCountryName();
  const dateTime = useFormatDateTime();
  const date = (value: string) => calendarDateText(locale === 'hi' ? 'hi-IN' : 'en-IN', value, 'long');
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  const { nominationDetails: nomination, fatcaDetails: fatca, pepDetails: pep } = profile;
  const trading = profile.tradingPreferences;

  return (
    <>
      <SummarySection step="nomination" complete={complete('nomination')}>
        {nomination?.optOut === true && (
          <p>
            {nomination.optOutDeclaredAt
              ? t('optedOutOn', { date: dateTime(nomination.optOutDeclaredAt) })
              : t('optedOut')}
          </p>
        )}
        {nomination?.optOut === false &&
          nomination.nominees.map((nominee, index) => (
            <div key={index} className="entry">
              <h3>{t('nomineeHeading', { number: index + 1 })}</h3>
              <Facts
                rows={[
                  [t('name'), nominee.name],
                  [tNomination('relationship'), tNomination(`relationship.${nominee.relationship}`)],
                  [t('dateOfBirth'), date(nominee.dateOfBirth)],
                  [
                    t('share'),
                    nominee.allocationPercent === undefined
                      ? t('equalShare')
                      : `${nominee.allocationPercent}%`,
                  ],
                  ...(nominee.guardian
                    ? [[t('guardian'), nominee.guardian.name] as [string, ReactNode]]
                    : []),
                  ...(nominee.idType && nominee.idNumber
                    ? [
                        [
                          t('idDocument'),
                          <>
                            {tNomination(`idType.${nominee.idType}`)}{' '}
                            <Masked
                              value={nominee.idNumber}
                              label={(last4) => t('accountMasked', { last4 })}
                            />
                          </>,
                        ] as [string, ReactNode],
                      ]
                    : []),
                ]}
              />
            </div>
          ))}
      </SummarySection>

      <SummarySection step="fatca" complete={complete('fatca')}>
        {fatca && (
          <Facts
            rows={[
              [t('taxResidentOutsideIndia'), yesNo(fatca.taxResidentOutsideIndia)],
              ...(fatca.taxResidencies ?? []).map(
                (residency, index) =>
                  [
                    t('taxResidence', { number: index + 1 }),
                    // A TIN can be a social security number: shown by its last four characters only.
                    <>
                      {country(residency.country)}:{' '}
                      {residency.tin ? (
                        <>
                          {t('tin')}{' '}
                          <Masked value={residency.tin} label={(last4) => t('accountMasked', { last4 })} />
                        </>
                      ) : (
                        `${t('noTin')} (${tFatca(`reason.${residency.noTinReason ?? 'other'}`)})`
                      )}
                    </>,
                  ] as [string, ReactNode],
              ),
              [tFatca('countryOfBirth'), country(fatca.countryOfBirth)],
              [tFatca('cityOfBirth'), fatca.cityOfBirth],
              [tFatca('nationality'), country(fatca.nationality)],
            ]}
          />
        )}
      </SummarySection>

      <SummarySection step="pep" complete={complete('pep')}>
        {pep && (
          <Facts
            rows={[
              [tPep('politicallyExposed'), yesNo(pep.politicallyExposed)],
              [tPep('relatedToPoliticallyExposed'), yesNo(pep.relatedToPoliticallyExposed)],
            ]}
          />
        )}
      </SummarySection>

      <SummarySection step="trading" complete={complete('trading')}>
        {trading && (
          <Facts
            rows={[
              [t('segments'), trading.segments.map((segment) => tTrading(`segment.${segment}`)).join(', ')],
              [tTrading('incomeRange'), tTrading(`income.${trading.incomeRange}`)],
              ...(trading.incomeProof
                ? [
                    [
                      t('incomeProof'),
                      `${tTrading(`document.${trading.incomeProof.documentType}`)}: ${t('attached')}`,
                    ] as [string, ReactNode],
                  ]
                : []),
            ]}
          />
        )}
      </SummarySection>
    </>
  );
}
