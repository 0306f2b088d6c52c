import { useMemo, useState } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Form, Label, Text } from 'react-aria-components';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { SelectField } from '../../../../shared/src/components/SelectField';
import { useT } from '../../../../shared/src/i18n/i18n';
import { useFormErrors } from '../../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../../shared/src/lib/problems';
import { DocumentField, useDocumentChoice } from '../../components/DocumentField';
import { useSaveProfile } from '../../journey/profile';
import type { IncomeProofType, IncomeRange, TradingPreferences, TradingSegment } from '../../journey/profile';
import { journeyMessages } from '../../journey/messages';
import type { StepProps } from '../../journey/step-props';
import { readAsDataUrl } from '../../lib/documents';
import { tradingMessages } from './messages';

const SEGMENTS: TradingSegment[] = ['cash', 'fno', 'currency', 'commodity'];
/** The derivatives segments: choosing any of them needs proof of income. */
const DERIVATIVES: TradingSegment[] = ['fno', 'currency', 'commodity'];
const INCOME_RANGES: IncomeRange[] = [
  'below_1_lakh',
  '1_5_lakh',
  '5_10_lakh',
  '10_25_lakh',
  '25_lakh_1_crore',
  'above_1_crore',
];
const PROOF_TYPES: IncomeProofType[] = ['bank_statement', 'salary_slip', 'itr'];

export const needsIncomeProof = (segments: readonly string[]) =>
  segments.some((segment) => (DERIVATIVES as string[]).includes(segment));

/**
 * The segments to trade in and the income range; with a derivatives segment, the proof of income,
 * uploaded as the demat step uploads the client master copy (inline, kept by id once saved).
 */
export function TradingStep({ profile, onSaved }: StepProps) {
  const t = useT(tradingMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.tradingPreferences;
  const savedProof = saved?.incomeProof ?? undefined;
  // null when the stored file is gone: the customer uploads it again.
  const savedDocument = savedProof?.document ?? undefined;
  const [segments, setSegments] = useState<string[]>(saved?.segments ?? []);
  const [incomeRange, setIncomeRange] = useState(saved?.incomeRange ?? '');
  const [documentType, setDocumentType] = useState(savedProof?.documentType ?? '');
  const [reading, setReading] = useState(false);
  const proof = useDocumentChoice();
  const server = useMemo(() => text.fields(save.error, 'tradingPreferences'), [text, save.error]);
  const { errors, setClientErrors, edit } = useFormErrors(server, save.error);
  // The file's own message shows beside the file picker, not through the form.
  const { 'incomeProof.document': serverFileError, incomeProof: serverProofError, ...fieldErrors } = errors;
  const withProof = needsIncomeProof(segments);

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={fieldErrors}
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        if (segments.length === 0) found.segments = t('needSegment');
        if (!incomeRange) found.incomeRange = t('needIncome');
        if (withProof && !documentType) found['incomeProof.documentType'] = t('needDocumentType');
        setClientErrors(found);
        const keptProof = savedDocument?._id;
        const missingFile = withProof && !proof.chosen && !keptProof;
        if (missingFile) proof.setError(t('needFile'));
        if (Object.keys(found).length > 0 || missingFile) return;
        setReading(true);
        const document = !withProof
          ? Promise.resolve(undefined)
          : proof.chosen
            ? readAsDataUrl(proof.chosen.file)
            : Promise.resolve(keptProof!);
        void document
          .then((file) => {
            const tradingPreferences: TradingPreferences = {
              segments: SEGMENTS.filter((segment) => segments.includes(segment)),
              incomeRange: incomeRange as IncomeRange,
              ...(file
                ? { incomeProof: { documentType: documentType as IncomeProofType, document: file } }
                : {}),
            };
            save.mutate({ tradingPreferences }, { onSuccess: onSaved });
          })
          .catch(() => proof.setError(proof.wrongType))
          .finally(() => setReading(false));
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <CheckboxGroup
        className="field choices"
        name="segments"
        value={segments}
        onChange={(value) => {
          setSegments(value);
          edit('segments');
        }}
        isRequired
      >
        <Label>{t('segments')}</Label>
        <Text slot="description">{t('segmentsHint')}</Text>
        <div className="choice-list">
          {SEGMENTS.map((segment) => (
            <Checkbox key={segment} value={segment} className="checkbox">
              {t(`segment.${segment}`)}
            </Checkbox>
          ))}
        </div>
        <FieldError className="field-error" />
      </CheckboxGroup>
      <SelectField
        name="incomeRange"
        label={t('incomeRange')}
        placeholder={t('incomePlaceholder')}
        choices={INCOME_RANGES.map((range) => ({ value: range, label: t(`income.${range}`) }))}
        value={incomeRange || null}
        onChange={(value) => {
          setIncomeRange(value);
          edit('incomeRange');
        }}
        isRequired
      />
      {withProof && (
        <fieldset className="fieldset">
          <legend>{t('proofTitle')}</legend>
          <p className="hint">{t('proofIntro')}</p>
          <SelectField
            name="incomeProof.documentType"
            label={t('documentType')}
            placeholder={t('documentPlaceholder')}
            choices={PROOF_TYPES.map((type) => ({ value: type, label: t(`document.${type}`) }))}
            value={documentType || null}
            onChange={(value) => {
              setDocumentType(value);
              edit('incomeProof.documentType');
            }}
            isRequired
          />
          <DocumentField
            id="income-proof"
            label={t('proofFile')}
            hint={t('proofHint')}
            choice={proof}
            saved={
              savedDocument
                ? {
                    url: savedDocument.url,
                    intro: t('saved'),
                    linkText: t('openSaved'),
                    keep: t('keepSaved'),
                  }
                : undefined
            }
            serverError={serverFileError ?? serverProofError}
          />
        </fieldset>
      )}
      <Button type="submit" isPending={save.isPending || reading}>
        {save.isPending || reading ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
