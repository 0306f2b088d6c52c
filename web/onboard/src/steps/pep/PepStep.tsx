import { useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { PepDetails } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { pepMessages } from './messages';

const QUESTIONS = ['politicallyExposed', 'relatedToPoliticallyExposed'] as const;
type Answers = Record<(typeof QUESTIONS)[number], string>;

const answer = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');

/** The two PEP questions, with the definition they are asked against shown above them. */
export function PepStep({ profile, onSaved }: StepProps) {
  const t = useT(pepMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.pepDetails;
  const [answers, setAnswers] = useState<Answers>({
    politicallyExposed: answer(saved?.politicallyExposed),
    relatedToPoliticallyExposed: answer(saved?.relatedToPoliticallyExposed),
  });
  const server = useMemo(() => text.fields(save.error, 'pepDetails'), [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);
  const choices = [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        for (const question of QUESTIONS) if (!answers[question]) found[question] = t('required');
        setClientErrors(found);
        if (Object.keys(found).length > 0) return;
        const pepDetails: PepDetails = {
          politicallyExposed: answers.politicallyExposed === 'yes',
          relatedToPoliticallyExposed: answers.relatedToPoliticallyExposed === 'yes',
        };
        save.mutate({ pepDetails }, { onSuccess: onSaved });
      }}
    >
      <p>{t('intro')}</p>
      <section className="notice" aria-labelledby="pep-definition">
        <h2 id="pep-definition">{t('definitionTitle')}</h2>
        <p>{t('definition')}</p>
      </section>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      {QUESTIONS.map((question) => (
        <ChoiceField
          key={question}
          name={question}
          label={t(question)}
          value={answers[question]}
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [question]: value }));
            edit(question);
          }}
          choices={choices}
          isRequired
        />
      ))}
      <p className="hint">{t('reviewNote')}</p>
      <Button type="submit" isPending={save.isPending}>
        {save.isPending ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
