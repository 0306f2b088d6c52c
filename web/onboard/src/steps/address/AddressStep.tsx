import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { SelectField } from '../../../../shared/src/components/SelectField';
import { useLocale, useT } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useDigilockerIdentity } from '../../lib/official-identity';
import type { OfficialAddress } from '../../lib/official-identity';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { addressMessages } from './messages';
import { STATES_AND_UNION_TERRITORIES, STATE_NAMES_HI, canonicalStateName } from './states';

type Values = {
  permanentAddress: string;
  landmark: string;
  permanentCity: string;
  permanentState: string;
  permanentPincode: string;
};
const FIELDS = [
  'permanentAddress',
  'landmark',
  'permanentCity',
  'permanentState',
  'permanentPincode',
] as const;

const PINCODE = /^[1-9][0-9]{5}$/;
const length = (value: string) => [...value.trim()].length;

/** DigiLocker's address in the form's terms: the state by the name the API accepts, missing parts empty. */
function fromOfficial(address: OfficialAddress): Values {
  return {
    permanentAddress: address.permanentAddress?.trim() ?? '',
    landmark: address.landmark?.trim() ?? '',
    permanentCity: address.permanentCity?.trim() ?? '',
    permanentState: address.permanentState ? (canonicalStateName(address.permanentState) ?? '') : '',
    permanentPincode: address.permanentPincode?.trim() ?? '',
  };
}

export function AddressStep(props: StepProps) {
  const t = useT(journeyMessages);
  const official = useDigilockerIdentity();
  // The form starts from the official address, so it waits for it (a 404 is simply "none"), also when
  // an earlier "none" is being asked again: DigiLocker may have answered since.
  if (official.isLoading || (official.isFetching && !official.data))
    return <p role="status">{t('loading')}</p>;
  return <AddressForm {...props} officialAddress={official.data?.addressDetails ?? null} />;
}

function AddressForm({
  profile,
  onSaved,
  officialAddress,
}: StepProps & { officialAddress: OfficialAddress | null }) {
  const t = useT(addressMessages);
  const tj = useT(journeyMessages);
  const { locale } = useLocale();
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.addressDetails;
  const official = officialAddress ? fromOfficial(officialAddress) : null;
  const [values, setValues] = useState<Values>(() =>
    saved
      ? { ...saved, landmark: saved.landmark ?? '' }
      : (official ?? {
          permanentAddress: '',
          landmark: '',
          permanentCity: '',
          permanentState: '',
          permanentPincode: '',
        }),
  );
  const server = useMemo(() => text.fields(save.error, 'addressDetails'), [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);

  /** A field shows its source while it holds what DigiLocker gave. */
  const isOfficial = (name: keyof Values) =>
    official !== null && official[name] !== '' && values[name] === official[name];
  const anyOfficial = FIELDS.some(isOfficial);
  const badge = (name: keyof Values) =>
    isOfficial(name) ? <span className="badge badge-source">{t('fromDigilocker')}</span> : undefined;
  const set = (name: keyof Values) => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    edit(name);
  };
  const unmatchedState =
    !saved && officialAddress?.permanentState && official?.permanentState === ''
      ? officialAddress.permanentState
      : null;

  const states = STATES_AND_UNION_TERRITORIES.map((name) => ({
    value: name,
    label: locale === 'hi' ? STATE_NAMES_HI[name] : name,
  }));

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        const address = length(values.permanentAddress);
        if (address === 0) found.permanentAddress = t('required');
        else if (address < 10 || address > 100) found.permanentAddress = t('addressLength');
        if (length(values.landmark) > 50) found.landmark = t('landmarkLength');
        const city = length(values.permanentCity);
        if (city === 0) found.permanentCity = t('required');
        else if (city < 2 || city > 50) found.permanentCity = t('cityLength');
        if (!values.permanentState) found.permanentState = t('required');
        if (!PINCODE.test(values.permanentPincode.trim())) found.permanentPincode = t('pincode');
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        save.mutate(
          {
            addressDetails: {
              permanentAddress: values.permanentAddress.trim(),
              landmark: values.landmark.trim() || null,
              permanentCity: values.permanentCity.trim(),
              permanentState: values.permanentState,
              permanentPincode: values.permanentPincode.trim(),
              permanentCountry: 'India',
            },
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <p>{t('intro')}</p>
      {anyOfficial ? (
        <p className="notice">{t('prefilled')}</p>
      ) : (
        !official && !saved && <p className="hint">{t('noOfficial')}</p>
      )}
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <TextField
        name="permanentAddress"
        label={t('permanentAddress')}
        description={t('permanentAddressHint')}
        value={values.permanentAddress}
        onChange={set('permanentAddress')}
        badge={badge('permanentAddress')}
        autoComplete="street-address"
        isRequired
      />
      <TextField
        name="landmark"
        label={t('landmark')}
        value={values.landmark}
        onChange={set('landmark')}
        badge={badge('landmark')}
      />
      <div className="two-columns">
        <TextField
          name="permanentCity"
          label={t('permanentCity')}
          value={values.permanentCity}
          onChange={set('permanentCity')}
          badge={badge('permanentCity')}
          autoComplete="address-level2"
          isRequired
        />
        <TextField
          name="permanentPincode"
          label={t('permanentPincode')}
          description={t('pincodeHint')}
          value={values.permanentPincode}
          onChange={set('permanentPincode')}
          badge={badge('permanentPincode')}
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={6}
          isRequired
        />
      </div>
      <SelectField
        name="permanentState"
        label={t('permanentState')}
        placeholder={t('statePlaceholder')}
        choices={states}
        value={values.permanentState || null}
        onChange={set('permanentState')}
        badge={badge('permanentState')}
        {...(unmatchedState ? { description: t('stateUnknown', { state: unmatchedState }) } : {})}
        isRequired
      />
      <div className="field">
        <span className="field-label">{t('country')}</span>
        <p className="fixed-value">{t('india')}</p>
      </div>
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
