import { useEffect, useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { useListFocus } from '../../lib/list-focus';
import type { Translate } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { Profile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { ProblemError, useProblemText } from '../../../../shared/src/lib/problems';
import { IFSC, useIfscLookup } from './ifsc';
import { bankMessages } from './messages';

type BankMessage = Parameters<Translate<keyof typeof bankMessages.en>>[0];

/** The API takes 1-5 accounts. */
const MAX_ACCOUNTS = 5;
const ACCOUNT_NUMBER = /^[0-9]{9,18}$/;
const digitsOnly = (value: string) => value.replace(/[\s-]/g, '');

interface Entry {
  /** Stable across edits, for React and the field names' index. */
  key: number;
  _id?: string;
  accountNumber: string;
  confirmNumber: string;
  accountType: string;
  ifsc: string;
  bankName: string;
  /** The bank name follows the IFSC lookup until the customer types one of their own. */
  bankNameEdited: boolean;
}

let nextKey = 0;
const blank = (): Entry => ({
  key: nextKey++,
  accountNumber: '',
  confirmNumber: '',
  accountType: '',
  ifsc: '',
  bankName: '',
  bankNameEdited: false,
});

function fromSaved(entry: Profile['bankDetails'][number]): Entry {
  return {
    key: nextKey++,
    _id: entry._id,
    accountNumber: entry.bankAccountNumber,
    confirmNumber: entry.bankAccountNumber,
    accountType: entry.accountType,
    ifsc: entry.ifscCode,
    bankName: entry.bankName,
    bankNameEdited: true,
  };
}

/** Field names carry the entry's position, as the API's JSON pointers do: `bankDetails.1.ifscCode`. */
const fieldName = (index: number, name: string) => `bankDetails.${index}.${name}`;

function check(entry: Entry, index: number, t: (key: BankMessage) => string) {
  const found: Record<string, string> = {};
  const name = (field: string) => fieldName(index, field);
  const number = digitsOnly(entry.accountNumber);
  if (!number) found[name('bankAccountNumber')] = t('required');
  else if (!ACCOUNT_NUMBER.test(number)) found[name('bankAccountNumber')] = t('accountDigits');
  if (number && digitsOnly(entry.confirmNumber) !== number)
    found[name('confirmAccountNumber')] = t('accountMismatch');
  if (!entry.accountType) found[name('accountType')] = t('required');
  const code = entry.ifsc.trim();
  if (!code) found[name('ifscCode')] = t('required');
  else if (!IFSC.test(code)) found[name('ifscCode')] = t('ifscFormat');
  const bankName = [...entry.bankName.trim()].length;
  if (bankName === 0) found[name('bankName')] = t('required');
  else if (bankName < 3 || bankName > 50) found[name('bankName')] = t('bankNameLength');
  return found;
}

export function BankStep({ profile, onSaved }: StepProps) {
  const t = useT(bankMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const [entries, setEntries] = useState<Entry[]>(() =>
    profile.bankDetails.length > 0
      ? // The primary account first: it is the one most people edit.
        [...profile.bankDetails].sort((a, b) => Number(b.primary) - Number(a.primary)).map(fromSaved)
      : [blank()],
  );
  const [primaryKey, setPrimaryKey] = useState(entries[0]!.key);
  const [lookupErrors, setLookupErrors] = useState<Record<string, string>>({});
  const focus = useListFocus('account', entries);

  const server = useMemo(() => {
    const found = text.fields(save.error);
    // An error about a whole account (listed twice) is shown on its account number.
    for (const [name, message] of Object.entries(found)) {
      const account = /^bankDetails\.(\d+)$/.exec(name);
      if (account) found[fieldName(Number(account[1]), 'bankAccountNumber')] ??= message;
    }
    return found;
  }, [text, save.error]);
  const { errors: fieldErrors, setClientErrors, edit } = useFormErrors(server, save.error);
  const errors = useMemo(() => ({ ...lookupErrors, ...fieldErrors }), [lookupErrors, fieldErrors]);

  const update = (key: number, change: Partial<Entry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found = Object.assign({}, ...entries.map((entry, index) => check(entry, index, t))) as Record<
          string,
          string
        >;
        const seen = new Set<string>();
        entries.forEach((entry, index) => {
          const account = `${digitsOnly(entry.accountNumber)}/${entry.ifsc.trim()}`;
          if (seen.has(account)) found[fieldName(index, 'bankAccountNumber')] ??= t('duplicate');
          seen.add(account);
        });
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        save.mutate(
          {
            bankDetails: entries.map((entry) => ({
              ...(entry._id ? { _id: entry._id } : {}),
              bankAccountNumber: digitsOnly(entry.accountNumber),
              accountType: entry.accountType,
              ifscCode: entry.ifsc.trim(),
              bankName: entry.bankName.trim(),
              primary: entry.key === primaryKey,
            })),
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      {entries.map((entry, index) => {
        const several = entries.length > 1;
        const account = (
          <AccountFields
            key={entry.key}
            entry={entry}
            index={index}
            onChange={(change) => update(entry.key, change)}
            onClear={edit}
            onError={(name, message) => setClientErrors((found) => ({ ...found, [name]: message }))}
            onLookupError={(message) =>
              setLookupErrors((current) => {
                const name = fieldName(index, 'ifscCode');
                // Unchanged → the same object, so the effect that reports it settles.
                if (current[name] === message) return current;
                const rest = Object.fromEntries(Object.entries(current).filter(([key]) => key !== name));
                return message ? { ...rest, [name]: message } : rest;
              })
            }
          />
        );
        if (!several) return account;
        return (
          <fieldset key={entry.key} id={`account-${entry.key}`} className="fieldset">
            <legend>
              {entry.key === primaryKey
                ? t('primaryAccount', { number: index + 1 })
                : t('account', { number: index + 1 })}
            </legend>
            {account}
            <Button
              variant="secondary"
              onPress={() => {
                const rest = entries.filter((other) => other.key !== entry.key);
                focus.removed();
                setEntries(rest);
                if (entry.key === primaryKey) setPrimaryKey(rest[0]!.key);
                setClientErrors({});
                setLookupErrors({});
              }}
            >
              {t('removeAccount', { number: index + 1 })}
            </Button>
          </fieldset>
        );
      })}
      {entries.length > 1 && (
        <ChoiceField
          name="primary"
          label={t('primary')}
          value={String(primaryKey)}
          onChange={(value) => setPrimaryKey(Number(value))}
          choices={entries.map((entry, index) => ({
            value: String(entry.key),
            label: t('accountChoice', { number: index + 1 }),
          }))}
          isRequired
        />
      )}
      {entries.length < MAX_ACCOUNTS && (
        <Button
          id={focus.addButtonId}
          variant="secondary"
          onPress={() => {
            const entry = blank();
            focus.added(entry.key);
            setEntries((current) => [...current, entry]);
          }}
        >
          {t('addAccount')}
        </Button>
      )}
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}

/** One account's fields, with its own IFSC lookup. */
function AccountFields({
  entry,
  index,
  onChange,
  onClear,
  onError,
  onLookupError,
}: {
  entry: Entry;
  index: number;
  onChange: (change: Partial<Entry>) => void;
  onClear: (name: string) => void;
  onError: (name: string, message: string) => void;
  onLookupError: (message: string | undefined) => void;
}) {
  const t = useT(bankMessages);
  const name = (field: string) => fieldName(index, field);
  const code = entry.ifsc.trim();
  const lookup = useIfscLookup(code);
  const branch = IFSC.test(code) ? lookup.data : undefined;

  useEffect(() => {
    if (branch?.bank && !entry.bankNameEdited && entry.bankName !== branch.bank)
      onChange({ bankName: branch.bank });
  }, [branch, entry.bankNameEdited, entry.bankName, onChange]);

  let lookupError: string | undefined;
  if (IFSC.test(code) && lookup.error) {
    const problem = lookup.error instanceof ProblemError ? lookup.error.problem : undefined;
    if (problem?.code === 'ifsc_not_found') lookupError = t('ifscNotFound');
    else if (problem?.status === 400) lookupError = t('ifscFormat');
    else lookupError = t('ifscLookupFailed');
  }
  useEffect(() => onLookupError(lookupError), [lookupError, onLookupError]);

  return (
    <>
      <TextField
        name={name('bankAccountNumber')}
        label={t('bankAccountNumber')}
        description={t('accountNumberHint')}
        value={entry.accountNumber}
        onChange={(value) => {
          onChange({ accountNumber: value });
          onClear(name('bankAccountNumber'));
        }}
        inputMode="numeric"
        autoComplete="off"
        maxLength={22}
        isRequired
      />
      <TextField
        name={name('confirmAccountNumber')}
        label={t('confirmAccountNumber')}
        value={entry.confirmNumber}
        onChange={(value) => {
          onChange({ confirmNumber: value });
          if (digitsOnly(value) === digitsOnly(entry.accountNumber)) onClear(name('confirmAccountNumber'));
        }}
        onBlur={() => {
          // Said as soon as the second entry is complete, not only on submit.
          if (entry.confirmNumber && digitsOnly(entry.confirmNumber) !== digitsOnly(entry.accountNumber))
            onError(name('confirmAccountNumber'), t('accountMismatch'));
        }}
        inputMode="numeric"
        autoComplete="off"
        maxLength={22}
        isRequired
      />
      <ChoiceField
        name={name('accountType')}
        label={t('accountType')}
        value={entry.accountType}
        onChange={(value) => {
          onChange({ accountType: value });
          onClear(name('accountType'));
        }}
        choices={[
          { value: 'Saving', label: t('saving') },
          { value: 'Current', label: t('current') },
        ]}
        isRequired
      />
      <TextField
        name={name('ifscCode')}
        label={t('ifscCode')}
        description={t('ifscHint')}
        value={entry.ifsc}
        onChange={(value) => {
          onChange({ ifsc: value.toUpperCase() });
          onClear(name('ifscCode'));
        }}
        autoComplete="off"
        maxLength={11}
        isRequired
      />
      <p role="status" className={branch ? 'branch' : 'visually-hidden'}>
        {lookup.isFetching && IFSC.test(code)
          ? t('finding')
          : branch
            ? [
                t('branchFound', { bank: branch.bank ?? '', branch: branch.branch ?? '' }),
                branch.city || branch.state
                  ? t('branchPlace', { city: branch.city ?? '', state: branch.state ?? '' })
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')
            : ''}
      </p>
      <TextField
        name={name('bankName')}
        label={t('bankName')}
        description={t('bankNameHint')}
        value={entry.bankName}
        onChange={(value) => {
          onChange({ bankName: value, bankNameEdited: true });
          onClear(name('bankName'));
        }}
        autoComplete="off"
        isRequired
      />
    </>
  );
}
