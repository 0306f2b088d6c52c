import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { useListFocus } from '../../lib/list-focus';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { CheckboxField } from '../../components/CheckboxField';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { NominationDetails } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { nominationMessages } from './messages';
import {
  MAX_NOMINEES,
  allocationTotal,
  blankNominee,
  checkNominees,
  fromSavedNominee,
  toNominee,
} from './nominees';
import type { NomineeEntry } from './nominees';
import { NomineeFields } from './NomineeFields';

/**
 * Nomination: up to three nominees, or the opt-out, for which the declaration is shown and has to be
 * agreed to (an active choice, as the circular asks of an online opt-out).
 */
export function NominationStep({ profile, onSaved }: StepProps) {
  const t = useT(nominationMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.nominationDetails;
  const [choice, setChoice] = useState(saved ? (saved.optOut ? 'optOut' : 'nominate') : '');
  const [agreed, setAgreed] = useState(saved?.optOut === true);
  const [agreeError, setAgreeError] = useState<string>();
  const [entries, setEntries] = useState<NomineeEntry[]>(() =>
    saved && !saved.optOut && saved.nominees.length > 0
      ? saved.nominees.map(fromSavedNominee)
      : [blankNominee()],
  );
  const focus = useListFocus('nominee', entries);
  const server = useMemo(() => {
    const found = text.fields(save.error, 'nominationDetails');
    // An answer about the section or the list as a whole (e.g. too many nominees) shows on the choice.
    const whole = found._form ?? found.nominees;
    if (whole) found.optOut ??= whole;
    return found;
  }, [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);
  const total = allocationTotal(entries);

  const update = (key: number, change: Partial<NomineeEntry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = choice === 'nominate' ? checkNominees(entries, t) : {};
        if (!choice) found.optOut = t('required');
        setClientErrors(found);
        const mustAgree = choice === 'optOut' && !agreed;
        setAgreeError(mustAgree ? t('needAgree') : undefined);
        if (Object.keys(found).length > 0 || mustAgree) return;
        const nominationDetails: NominationDetails =
          choice === 'optOut' ? { optOut: true } : { optOut: false, nominees: entries.map(toNominee) };
        save.mutate({ nominationDetails }, { onSuccess: onSaved });
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <ChoiceField
        name="optOut"
        label={t('choice')}
        value={choice}
        onChange={(value) => {
          setChoice(value);
          edit('optOut');
        }}
        choices={[
          { value: 'nominate', label: t('nominate') },
          { value: 'optOut', label: t('optOut') },
        ]}
        isRequired
      />
      {choice === 'optOut' && (
        <>
          <section className="notice" aria-labelledby="opt-out-title">
            <h2 id="opt-out-title">{t('declarationTitle')}</h2>
            <p>{t('declaration')}</p>
            <p>{t('declarationUnderstand')}</p>
            <ol className="declaration-points">
              <li>{t('declarationFaster')}</li>
              <li>{t('declarationDocuments')}</li>
              <li>{t('declarationUnclaimed')}</li>
            </ol>
            <p>{t('declarationVoluntary')}</p>
          </section>
          <CheckboxField
            name="agree"
            label={t('agree')}
            isSelected={agreed}
            onChange={(value) => {
              setAgreed(value);
              setAgreeError(undefined);
            }}
            error={agreeError ?? errors.optOutDeclaredAt}
          />
        </>
      )}
      {choice === 'nominate' && (
        <>
          {entries.map((entry, index) => (
            <NomineeFields
              key={entry.key}
              entry={entry}
              index={index}
              count={entries.length}
              onChange={(change) => update(entry.key, change)}
              onEdit={edit}
              onRemove={() => {
                focus.removed();
                setEntries((current) => current.filter((other) => other.key !== entry.key));
                setClientErrors({});
              }}
            />
          ))}
          <p role="status" className={total === null ? 'visually-hidden' : 'hint'}>
            {total === null ? '' : t('allocationTotal', { total: total / 100 })}
          </p>
          {entries.length < MAX_NOMINEES && (
            <Button
              id={focus.addButtonId}
              variant="secondary"
              onPress={() => {
                const entry = blankNominee();
                focus.added(entry.key);
                setEntries((current) => [...current, entry]);
              }}
            >
              {t('addNominee')}
            </Button>
          )}
        </>
      )}
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
