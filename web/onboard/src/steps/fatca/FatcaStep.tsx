import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { SelectField } from '../../../../shared/src/components/SelectField';
import { useT } from '../../../../shared/src/i18n/i18n';
import type { Translate } from '../../../../shared/src/i18n/i18n';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { FatcaDetails, NoTinReason, TaxResidency } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useCountryChoices } from './countries';
import { fatcaMessages } from './messages';

type FatcaKey = keyof typeof fatcaMessages.en;

/** The API takes 1-4 countries of tax residence outside India. */
const MAX_RESIDENCIES = 4;
const NO_TIN_REASONS: NoTinReason[] = ['not_issued', 'not_required', 'other'];
const TIN = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,29}$/;
const length = (value: string) => [...value.trim()].length;

interface Residency {
  /** Stable across edits, for React; the field names use the position, as the API's pointers do. */
  key: number;
  country: string;
  hasTin: string;
  tin: string;
  noTinReason: string;
}

let nextKey = 0;
const blank = (): Residency => ({ key: nextKey++, country: '', hasTin: '', tin: '', noTinReason: '' });
const fromSaved = (entry: TaxResidency): Residency => ({
  key: nextKey++,
  country: entry.country,
  hasTin: entry.tin ? 'yes' : 'no',
  tin: entry.tin ?? '',
  noTinReason: entry.noTinReason ?? '',
});

/** Field names as the API's pointers give them: `/fatcaDetails/taxResidencies/1/tin` → `taxResidencies.1.tin`. */
const fieldName = (index: number, name: string) => `taxResidencies.${index}.${name}`;

function checkResidencies(entries: Residency[], t: Translate<FatcaKey>): Record<string, string> {
  const found: Record<string, string> = {};
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const name = (field: string) => fieldName(index, field);
    if (!entry.country) found[name('country')] = t('required');
    else if (entry.country === 'IN') found[name('country')] = t('notIndia');
    else if (seen.has(entry.country)) found[name('country')] = t('duplicate');
    seen.add(entry.country);
    if (!entry.hasTin) found[name('hasTin')] = t('required');
    else if (entry.hasTin === 'yes' && !TIN.test(entry.tin.trim())) found[name('tin')] = t('tinLength');
    else if (entry.hasTin === 'no' && !entry.noTinReason) found[name('noTinReason')] = t('required');
  });
  return found;
}

/**
 * The FATCA/CRS self-certification: tax residence outside India (with a TIN or the reason there is
 * none, per country), and country and city of birth and nationality. Birth place and nationality start
 * from the personal details where the customer gave them.
 */
export function FatcaStep({ profile, onSaved }: StepProps) {
  const t = useT(fatcaMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.fatcaDetails;
  const [outside, setOutside] = useState(saved ? (saved.taxResidentOutsideIndia ? 'yes' : 'no') : '');
  const [entries, setEntries] = useState<Residency[]>(() =>
    saved?.taxResidencies?.length ? saved.taxResidencies.map(fromSaved) : [blank()],
  );
  const [birth, setBirth] = useState({
    countryOfBirth: saved?.countryOfBirth ?? 'IN',
    cityOfBirth: saved?.cityOfBirth ?? profile.profileDetails?.placeOfBirth ?? '',
    nationality: saved?.nationality ?? (profile.profileDetails?.citizenship ? 'IN' : ''),
  });
  const server = useMemo(() => {
    const found = text.fields(save.error, 'fatcaDetails');
    // An answer about the list of countries as a whole (none, or too many) shows on the question.
    const whole = found._form ?? found.taxResidencies;
    if (whole) found.taxResidentOutsideIndia ??= whole;
    return found;
  }, [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);
  const countries = useCountryChoices();
  const foreignCountries = useCountryChoices(['IN']);
  const yesNo = [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];

  const update = (key: number, change: Partial<Residency>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = outside === 'yes' ? checkResidencies(entries, t) : {};
        if (!outside) found.taxResidentOutsideIndia = t('required');
        if (!birth.countryOfBirth) found.countryOfBirth = t('required');
        const city = length(birth.cityOfBirth);
        if (city === 0) found.cityOfBirth = t('required');
        else if (city < 2 || city > 50) found.cityOfBirth = t('cityLength');
        if (!birth.nationality) found.nationality = t('required');
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        const fatcaDetails: FatcaDetails = {
          taxResidentOutsideIndia: outside === 'yes',
          ...(outside === 'yes'
            ? {
                taxResidencies: entries.map((entry) =>
                  entry.hasTin === 'yes'
                    ? { country: entry.country, tin: entry.tin.trim() }
                    : { country: entry.country, noTinReason: entry.noTinReason as NoTinReason },
                ),
              }
            : {}),
          countryOfBirth: birth.countryOfBirth,
          cityOfBirth: birth.cityOfBirth.trim(),
          nationality: birth.nationality,
        };
        save.mutate({ fatcaDetails }, { onSuccess: onSaved });
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <ChoiceField
        name="taxResidentOutsideIndia"
        label={t('taxResidentOutsideIndia')}
        value={outside}
        onChange={(value) => {
          setOutside(value);
          edit('taxResidentOutsideIndia');
        }}
        description={t('taxResidentHint')}
        choices={yesNo}
        isRequired
      />
      {outside === 'yes' &&
        entries.map((entry, index) => {
          const name = (field: string) => fieldName(index, field);
          return (
            <fieldset key={entry.key} className="fieldset">
              <legend>{t('residency', { number: index + 1 })}</legend>
              <SelectField
                name={name('country')}
                label={t('country')}
                placeholder={t('countryPlaceholder')}
                choices={foreignCountries}
                value={entry.country || null}
                onChange={(value) => {
                  update(entry.key, { country: value });
                  edit(name('country'));
                }}
                isRequired
              />
              <ChoiceField
                name={name('hasTin')}
                label={t('hasTin')}
                value={entry.hasTin}
                onChange={(value) => {
                  update(entry.key, { hasTin: value });
                  edit(name('hasTin'));
                }}
                choices={yesNo}
                isRequired
              />
              {entry.hasTin === 'yes' && (
                <TextField
                  name={name('tin')}
                  label={t('tin')}
                  description={t('tinHint')}
                  value={entry.tin}
                  onChange={(value) => {
                    update(entry.key, { tin: value });
                    edit(name('tin'));
                  }}
                  autoComplete="off"
                  maxLength={30}
                  isRequired
                />
              )}
              {entry.hasTin === 'no' && (
                <SelectField
                  name={name('noTinReason')}
                  label={t('noTinReason')}
                  placeholder={t('reasonPlaceholder')}
                  choices={NO_TIN_REASONS.map((reason) => ({ value: reason, label: t(`reason.${reason}`) }))}
                  value={entry.noTinReason || null}
                  onChange={(value) => {
                    update(entry.key, { noTinReason: value });
                    edit(name('noTinReason'));
                  }}
                  isRequired
                />
              )}
              {entries.length > 1 && (
                <Button
                  variant="secondary"
                  onPress={() => {
                    setEntries((current) => current.filter((other) => other.key !== entry.key));
                    setClientErrors({});
                  }}
                >
                  {t('removeResidency', { number: index + 1 })}
                </Button>
              )}
            </fieldset>
          );
        })}
      {outside === 'yes' && entries.length < MAX_RESIDENCIES && (
        <Button variant="secondary" onPress={() => setEntries((current) => [...current, blank()])}>
          {t('addResidency')}
        </Button>
      )}
      <fieldset className="fieldset">
        <legend>{t('birthAndNationality')}</legend>
        <SelectField
          name="countryOfBirth"
          label={t('countryOfBirth')}
          placeholder={t('countryPlaceholder')}
          choices={countries}
          value={birth.countryOfBirth || null}
          onChange={(value) => {
            setBirth((current) => ({ ...current, countryOfBirth: value }));
            edit('countryOfBirth');
          }}
          isRequired
        />
        <TextField
          name="cityOfBirth"
          label={t('cityOfBirth')}
          value={birth.cityOfBirth}
          onChange={(value) => {
            setBirth((current) => ({ ...current, cityOfBirth: value }));
            edit('cityOfBirth');
          }}
          maxLength={50}
          isRequired
        />
        <SelectField
          name="nationality"
          label={t('nationality')}
          placeholder={t('countryPlaceholder')}
          choices={countries}
          value={birth.nationality || null}
          onChange={(value) => {
            setBirth((current) => ({ ...current, nationality: value }));
            edit('nationality');
          }}
          isRequired
        />
      </fieldset>
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
