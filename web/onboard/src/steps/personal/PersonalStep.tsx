import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { CheckboxField } from '../../components/CheckboxField';
import { Button, ChoiceField, FormAlert, TextField } from '../../../../shared/src/components/fields';
import type { Choice } from '../../../../shared/src/components/fields';
import { NumberField } from '../../components/NumberField';
import { SelectField } from '../../../../shared/src/components/SelectField';
import { useT } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useDigilockerIdentity } from '../../lib/official-identity';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { OCCUPATIONS } from '../../../../shared/src/lib/occupations';
import { personalMessages } from './messages';

const GENDERS = ['Male', 'Female', 'Others'] as const;

export function PersonalStep({ profile, onSaved }: StepProps) {
  const t = useT(personalMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const official = useDigilockerIdentity().data;
  const saved = profile.profileDetails;
  // Before anything is saved, the gender on the Aadhaar DigiLocker gave is the likely answer.
  const officialGender = GENDERS.find((gender) => gender === official?.gender);
  const [gender, setGender] = useState<string>(saved?.gender ?? '');
  const shownGender = gender || (saved ? '' : (officialGender ?? ''));
  const [placeOfBirth, setPlaceOfBirth] = useState(saved?.placeOfBirth ?? '');
  const [occupation, setOccupation] = useState<string | null>(saved?.occupation ?? null);
  const [income, setIncome] = useState<number>(saved?.annualIncome ?? Number.NaN);
  const [citizen, setCitizen] = useState<string>(saved ? (saved.citizenship ? 'yes' : 'no') : '');
  const [confirmed, setConfirmed] = useState(saved?.informationConfirmation ?? false);

  const occupations: Choice[] = OCCUPATIONS.map((value) => ({
    value,
    label: t(`occupation.${value}`),
  }));
  // A value saved some other way (Secure-Share, the API) stays choosable as it is.
  if (occupation && !occupations.some((choice) => choice.value === occupation))
    occupations.push({ value: occupation, label: occupation });

  const server = useMemo(() => text.fields(save.error, 'profileDetails'), [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        if (!shownGender) found.gender = t('required');
        const place = placeOfBirth.trim();
        if (place.length === 0) found.placeOfBirth = t('required');
        else if ([...place].length < 3) found.placeOfBirth = t('tooShort');
        if (!occupation) found.occupation = t('required');
        if (Number.isNaN(income)) found.annualIncome = t('required');
        if (!citizen) found.citizenship = t('required');
        if (!confirmed) found.informationConfirmation = t('confirmRequired');
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        save.mutate(
          {
            profileDetails: {
              gender: shownGender,
              placeOfBirth: place,
              occupation: occupation ?? '',
              annualIncome: income,
              citizenship: citizen === 'yes',
              informationConfirmation: confirmed,
            },
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <ChoiceField
        name="gender"
        label={t('gender')}
        value={shownGender}
        onChange={(value) => {
          setGender(value);
          edit('gender');
        }}
        choices={[
          { value: 'Male', label: t('male') },
          { value: 'Female', label: t('female') },
          { value: 'Others', label: t('others') },
        ]}
        isRequired
      />
      {!saved && !gender && officialGender && (
        <p className="hint">
          <span className="badge badge-source">{t('fromDigilocker')}</span>
        </p>
      )}
      <TextField
        name="placeOfBirth"
        label={t('placeOfBirth')}
        description={t('placeOfBirthHint')}
        value={placeOfBirth}
        onChange={(value) => {
          setPlaceOfBirth(value);
          edit('placeOfBirth');
        }}
        maxLength={100}
        isRequired
      />
      <SelectField
        name="occupation"
        label={t('occupation')}
        placeholder={t('occupationPlaceholder')}
        choices={occupations}
        value={occupation}
        onChange={(value) => {
          setOccupation(value);
          edit('occupation');
        }}
        isRequired
      />
      <NumberField
        name="annualIncome"
        label={t('annualIncome')}
        description={t('annualIncomeHint')}
        value={income}
        onChange={setIncome}
        onEdit={() => edit('annualIncome')}
        minValue={0}
        maxValue={1e13}
        formatOptions={{ maximumFractionDigits: 0 }}
        isRequired
      />
      <ChoiceField
        name="citizenship"
        label={t('citizenship')}
        value={citizen}
        onChange={(value) => {
          setCitizen(value);
          edit('citizenship');
        }}
        choices={[
          { value: 'yes', label: t('yes') },
          { value: 'no', label: t('no') },
        ]}
        isRequired
      />
      <CheckboxField
        name="informationConfirmation"
        label={t('confirm')}
        isSelected={confirmed}
        onChange={(value) => {
          setConfirmed(value);
          edit('informationConfirmation');
        }}
        error={errors.informationConfirmation}
      />
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
