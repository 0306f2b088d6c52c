import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { useT } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { Button, ChoiceField, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { panMessages } from './messages';

export function PanStep({ profile, onSaved }: StepProps) {
  const t = useT(panMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.panDetails;
  const [iAm, setIAm] = useState<string>(saved?.iAm ?? 'Individual');
  const server = useMemo(() => text.fields(save.error, 'panDetails'), [text, save.error]);
  const { errors, edit } = useFormErrors(server, save.error);

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const value = (name: string) => String(form.get(name) ?? '').trim();
        save.mutate(
          {
            panDetails: {
              panNumber: value('panNumber').toUpperCase(),
              name: value('name'),
              dateOfBirth: value('dateOfBirth'),
              mobileNo: value('mobileNo'),
              email: value('email'),
              iAm,
            },
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <TextField
        name="panNumber"
        onChange={() => edit('panNumber')}
        label={t('panNumber')}
        description={t('panHint')}
        defaultValue={saved?.panNumber ?? ''}
        autoComplete="off"
        maxLength={10}
        isRequired
      />
      <TextField
        name="name"
        onChange={() => edit('name')}
        label={t('name')}
        defaultValue={saved?.name ?? profile.name}
        autoComplete="name"
        isRequired
      />
      <TextField
        name="dateOfBirth"
        onChange={() => edit('dateOfBirth')}
        type="date"
        label={t('dateOfBirth')}
        defaultValue={saved?.dateOfBirth ?? ''}
        autoComplete="bday"
        isRequired
      />
      <TextField
        name="mobileNo"
        onChange={() => edit('mobileNo')}
        type="tel"
        label={t('mobileNo')}
        defaultValue={saved?.mobileNo ?? profile.mobileNo}
        autoComplete="tel-national"
        inputMode="numeric"
        isRequired
      />
      <TextField
        name="email"
        onChange={() => edit('email')}
        type="email"
        label={t('email')}
        defaultValue={saved?.email ?? profile.email}
        autoComplete="email"
        isRequired
      />
      <ChoiceField
        name="iAm"
        label={t('iAm')}
        value={iAm}
        onChange={(value) => {
          edit('iAm');
          setIAm(value);
        }}
        choices={[
          { value: 'Individual', label: t('individual') },
          { value: 'Mutual', label: t('mutual') },
        ]}
        isRequired
      />
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
