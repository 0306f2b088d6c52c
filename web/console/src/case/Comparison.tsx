import type { FieldComparison } from '../../../../src/modules/review/identity-view';
import { defineMessages, useLocale, useT } from '../../../shared/src/i18n/i18n';
import type { Locale } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { isKeyOf, outcomeMessages } from '../labels';
import { Reason } from '../reasons';
import { valueText } from './format';
import { caseMessages } from './messages';
import { profileValueText } from './profile-labels';
import type { CaseView } from './types';

const AGREEMENT_MARK = { equal: '✓', partial: '≈', differs: '✗', unknown: '?' } as const;

/** The compared fields (FieldComparison in the service: a field added there without words fails the type check). */
const fieldMessages = defineMessages(
  {
    name: 'Name',
    dateOfBirth: 'Date of birth',
    gender: 'Gender',
    aadhaarLast4: 'Aadhaar (last 4)',
    address: 'Address',
  } satisfies Record<FieldComparison['field'], string>,
  {
    name: 'नाम',
    dateOfBirth: 'जन्म तिथि',
    gender: 'लिंग',
    aadhaarLast4: 'आधार (अंतिम 4)',
    address: 'पता',
  },
);

/** A compared value in words where the profile's labels have them (gender), the rest as sent. */
function comparedText(locale: Locale, field: string, value: unknown): string {
  return typeof value === 'string' ? profileValueText(locale, field, value) : valueText(value);
}

/** The snapshot beside the official identity, field by field, and the selfie beside the official photo. */
export function Comparison({ view }: { view: CaseView }) {
  const t = useT(caseMessages);
  const tOutcome = useT(outcomeMessages);
  const { locale } = useLocale();
  const { identity, fields, face } = view.official;
  const names = fieldMessages[locale];
  const date = useDateFormat();
  return (
    <>
      <section className="panel" aria-labelledby="comparison-title">
        <h2 id="comparison-title">{t('comparison')}</h2>
        <p className="hint">
          {identity
            ? t('officialSource', {
                source: identity.source === 'digilocker' ? 'DigiLocker' : 'Secure-Share',
                at: date(identity.fetchedAt),
              })
            : t('noOfficial')}
        </p>
        {fields.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="comparison-title" tabIndex={0}>
            <table className="data-table comparison">
              <thead>
                <tr>
                  <th scope="col">{t('field')}</th>
                  <th scope="col">{t('submitted')}</th>
                  <th scope="col">{t('official')}</th>
                  <th scope="col">{t('agreement')}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((row) => (
                  <tr key={row.field}>
                    <th scope="row">{isKeyOf(names, row.field) ? names[row.field] : row.field}</th>
                    <td>{comparedText(locale, row.field, row.submitted)}</td>
                    <td>{comparedText(locale, row.field, row.official)}</td>
                    <td>
                      <span className={`badge agreement-${row.agreement}`}>
                        <span aria-hidden="true">{AGREEMENT_MARK[row.agreement]} </span>
                        {t(row.agreement)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="face-title">
        <h2 id="face-title">{t('face')}</h2>
        <div className="face-pair">
          <figure>
            {face.selfieUrl ? (
              <img src={face.selfieUrl} alt={t('selfie')} />
            ) : (
              <p className="muted">{t('noPhoto')}</p>
            )}
            <figcaption>{t('selfie')}</figcaption>
          </figure>
          <figure>
            {face.officialPhotoUrl ? (
              <img src={face.officialPhotoUrl} alt={t('officialPhoto')} />
            ) : (
              <p className="muted">{t('noPhoto')}</p>
            )}
            <figcaption>{t('officialPhoto')}</figcaption>
          </figure>
          <p className="face-score">
            {face.score === null ? t('noScore') : t('score', { score: face.score.toFixed(2) })}
            {face.outcome && (
              <>
                {' '}
                <span className={`badge outcome-${face.outcome}`}>{tOutcome(face.outcome)}</span>
              </>
            )}
            {face.reason && (
              <span className="hint">
                {' '}
                <Reason code={face.reason} />
              </span>
            )}
          </p>
        </div>
      </section>
    </>
  );
}
