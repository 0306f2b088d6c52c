import { Button, TextField } from '../../../../shared/src/components/fields';
import { SelectField } from '../../../../shared/src/components/SelectField';
import { useT } from '../../../../shared/src/i18n/i18n';
import { nominationMessages } from './messages';
import { ID_TYPES, RELATIONSHIPS, isMinor, nomineeField } from './nominees';
import type { NomineeEntry } from './nominees';

/** One nominee's fields in a fieldset of its own; a minor's guardian appears once the date says so. */
export function NomineeFields({
  entry,
  index,
  count,
  onChange,
  onEdit,
  onRemove,
}: {
  entry: NomineeEntry;
  index: number;
  count: number;
  onChange: (change: Partial<NomineeEntry>) => void;
  /** Clears the field's message: called with the field's name on every change. */
  onEdit: (name: string) => void;
  onRemove: () => void;
}) {
  const t = useT(nominationMessages);
  const name = (field: string) => nomineeField(index, field);
  const text = (field: keyof NomineeEntry & string, apiName: string = field) => ({
    name: name(apiName),
    value: String(entry[field] ?? ''),
    onChange: (value: string) => {
      onChange({ [field]: value });
      onEdit(name(apiName));
    },
  });
  const relationships = RELATIONSHIPS.map((value) => ({ value, label: t(`relationship.${value}`) }));

  return (
    <fieldset id={`nominee-${entry.key}`} className="fieldset">
      <legend>{t('nominee', { number: index + 1 })}</legend>
      <TextField {...text('name')} label={t('name')} autoComplete="off" maxLength={100} isRequired />
      <SelectField
        {...text('relationship')}
        value={entry.relationship || null}
        label={t('relationship')}
        placeholder={t('relationshipPlaceholder')}
        choices={relationships}
        isRequired
      />
      <TextField {...text('dateOfBirth')} type="date" label={t('dateOfBirth')} isRequired />
      <TextField
        {...text('allocationPercent')}
        label={t('allocationPercent')}
        description={t('allocationHint')}
        inputMode="decimal"
        autoComplete="off"
        maxLength={6}
      />
      {isMinor(entry.dateOfBirth) && (
        <fieldset className="fieldset">
          <legend>{t('guardian')}</legend>
          <p className="hint">{t('minor')}</p>
          <TextField
            {...text('guardianName', 'guardian.name')}
            label={t('guardianName')}
            autoComplete="off"
            maxLength={100}
          />
          <SelectField
            {...text('guardianRelationship', 'guardian.relationship')}
            value={entry.guardianRelationship || null}
            label={t('guardianRelationship')}
            placeholder={t('relationshipPlaceholder')}
            choices={relationships}
          />
          <TextField
            {...text('guardianAddress', 'guardian.address')}
            label={t('guardianAddress')}
            autoComplete="off"
            maxLength={200}
          />
        </fieldset>
      )}
      <SelectField
        name={name('idType')}
        label={t('idType')}
        placeholder={t('idType.none')}
        choices={[
          { value: 'none', label: t('idType.none') },
          ...ID_TYPES.map((value) => ({ value, label: t(`idType.${value}`) })),
        ]}
        value={entry.idType}
        onChange={(value) => {
          onChange({ idType: value as NomineeEntry['idType'], idNumber: '' });
          onEdit(name('idType'));
          onEdit(name('idNumber'));
        }}
      />
      {entry.idType !== 'none' && (
        <TextField
          {...text('idNumber')}
          label={t('idNumber')}
          {...(entry.savedIdNumber ? { description: t('idSaved', { masked: entry.savedIdNumber }) } : {})}
          autoComplete="off"
          maxLength={20}
          isRequired
        />
      )}
      {count > 1 && (
        <Button variant="secondary" onPress={onRemove}>
          {t('removeNominee', { number: index + 1 })}
        </Button>
      )}
    </fieldset>
  );
}
