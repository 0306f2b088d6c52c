import { useEffect, useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert, TextField } from '../../components/fields';
import { useT } from '../../i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { ProblemError, useProblemText } from '../../lib/problems';
import '../../styles/web-a.css';
import { IFSC, useIfscLookup } from './ifsc';
import { bankMessages } from './messages';

const ACCOUNT_NUMBER = /^[0-9]{9,18}$/;
const digitsOnly = (value: string) => value.replace(/[\s-]/g, '');

export function BankStep({ profile, onSaved }: StepProps) {
  const t = useT(bankMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  // The form edits the primary account; any others (saved through the API) are sent back unchanged.
  const primary = profile.bankDetails.find((entry) => entry.primary) ?? profile.bankDetails[0];
  const others = profile.bankDetails.filter((entry) => entry !== primary);

  const [accountNumber, setAccountNumber] = useState(primary?.bankAccountNumber ?? '');
  const [confirmNumber, setConfirmNumber] = useState(primary?.bankAccountNumber ?? '');
  const [accountType, setAccountType] = useState(primary?.accountType ?? '');
  const [ifsc, setIfsc] = useState(primary?.ifscCode ?? '');
  const [bankName, setBankName] = useState(primary?.bankName ?? '');
  // The bank name follows the IFSC until the customer types one of their own.
  const [bankNameEdited, setBankNameEdited] = useState(primary !== undefined);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const code = ifsc.trim().toUpperCase();
  const lookup = useIfscLookup(code);
  const branch = IFSC.test(code) ? lookup.data : undefined;
  useEffect(() => {
    if (branch?.bank && !bankNameEdited) setBankName(branch.bank);
  }, [branch, bankNameEdited]);

  let lookupError: string | undefined;
  if (IFSC.test(code) && lookup.error) {
    const problem = lookup.error instanceof ProblemError ? lookup.error.problem : undefined;
    if (problem?.code === 'ifsc_not_found') lookupError = t('ifscNotFound');
    else if (problem?.status === 400) lookupError = t('ifscFormat');
    else lookupError = t('ifscLookupFailed');
  }

  const errors = useMemo(() => {
    const found: Record<string, string> = { ...text.fields(save.error, 'bankDetails'), ...clientErrors };
    if (lookupError) found.ifscCode ??= lookupError;
    return found;
  }, [text, save.error, clientErrors, lookupError]);

  const clear = (name: string) =>
    setClientErrors((found) => Object.fromEntries(Object.entries(found).filter(([key]) => key !== name)));

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const number = digitsOnly(accountNumber);
        const found: Record<string, string> = {};
        if (!number) found.bankAccountNumber = t('required');
        else if (!ACCOUNT_NUMBER.test(number)) found.bankAccountNumber = t('accountDigits');
        if (number && digitsOnly(confirmNumber) !== number) found.confirmAccountNumber = t('accountMismatch');
        if (!accountType) found.accountType = t('required');
        if (!code) found.ifscCode = t('required');
        else if (!IFSC.test(code)) found.ifscCode = t('ifscFormat');
        const name = bankName.trim();
        if (!name) found.bankName = t('required');
        else if ([...name].length < 3 || [...name].length > 50) found.bankName = t('bankNameLength');
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        save.mutate(
          {
            bankDetails: [
              {
                ...(primary ? { _id: primary._id } : {}),
                bankAccountNumber: number,
                accountType,
                ifscCode: code,
                bankName: name,
                primary: true,
              },
              ...others.map((entry) => ({ ...entry, primary: false })),
            ],
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <TextField
        name="bankAccountNumber"
        label={t('bankAccountNumber')}
        description={t('accountNumberHint')}
        value={accountNumber}
        onChange={setAccountNumber}
        inputMode="numeric"
        autoComplete="off"
        maxLength={22}
        isRequired
      />
      <TextField
        name="confirmAccountNumber"
        label={t('confirmAccountNumber')}
        value={confirmNumber}
        onChange={(value) => {
          setConfirmNumber(value);
          if (digitsOnly(value) === digitsOnly(accountNumber)) clear('confirmAccountNumber');
        }}
        onBlur={() => {
          // Said as soon as the second entry is complete, not only on submit.
          if (confirmNumber && digitsOnly(confirmNumber) !== digitsOnly(accountNumber))
            setClientErrors((found) => ({ ...found, confirmAccountNumber: t('accountMismatch') }));
        }}
        inputMode="numeric"
        autoComplete="off"
        maxLength={22}
        isRequired
      />
      <ChoiceField
        name="accountType"
        label={t('accountType')}
        value={accountType}
        onChange={setAccountType}
        choices={[
          { value: 'Saving', label: t('saving') },
          { value: 'Current', label: t('current') },
        ]}
        isRequired
      />
      <TextField
        name="ifscCode"
        label={t('ifscCode')}
        description={t('ifscHint')}
        value={ifsc}
        onChange={(value) => {
          setIfsc(value.toUpperCase());
          clear('ifscCode');
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
        name="bankName"
        label={t('bankName')}
        description={t('bankNameHint')}
        value={bankName}
        onChange={(value) => {
          setBankName(value);
          setBankNameEdited(true);
        }}
        autoComplete="off"
        isRequired
      />
      {others.length > 0 && (
        <div>
          <p className="field-label">{t('otherAccounts')}</p>
          <ul>
            {others.map((entry) => (
              <li key={entry._id}>
                {t('otherAccount', {
                  bank: entry.bankName,
                  last4: entry.bankAccountNumber.slice(-4),
                  ifsc: entry.ifscCode,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
