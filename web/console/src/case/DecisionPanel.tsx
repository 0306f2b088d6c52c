import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Form,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { accessClaims } from '../../../shared/src/api/session';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../shared/src/lib/problems';
import { REVIEW_REASON_CODES, statusMessages } from '../labels';
import type { ReviewReasonCode } from '../labels';
import { useReasonText } from '../reasons';
import { decisionMessages } from './decision-messages';
import type { CaseView, Decision, Holder, Proposal } from './types';

const DECISIONS: Decision[] = ['approve', 'reject', 'request_changes'];

function useInvalidateCase(caseId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['review-case', caseId] });
    void queryClient.invalidateQueries({ queryKey: ['review-cases'] });
  };
}

/**
 * A proposal under four-eyes: its author waits or withdraws it; any other reviewer confirms it or returns it
 * with a note.
 */
function ProposalPanel({
  caseId,
  proposal,
  onDone,
}: {
  caseId: string;
  proposal: Proposal;
  onDone: (notice: string) => void;
}) {
  const t = useT(decisionMessages);
  const reasonText = useReasonText();
  const tStatus = useT(statusMessages);
  const text = useProblemText();
  const date = useDateFormat();
  const invalidate = useInvalidateCase(caseId);
  const [note, setNote] = useState('');
  const confirm = useMutation({
    mutationFn: () =>
      call(api.POST('/v1/review/cases/{caseId}/proposal/confirm', { params: { path: { caseId } } })),
    onSuccess: (answer) => {
      onDone(t('confirmed', { status: tStatus(answer.data.status) }));
      invalidate();
    },
  });
  const giveBack = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/review/cases/{caseId}/proposal/return', {
          params: { path: { caseId } },
          body: { note: note.trim() },
        }),
      ),
    onSuccess: () => {
      onDone(t('returned'));
      invalidate();
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      call(api.POST('/v1/review/cases/{caseId}/proposal/withdraw', { params: { path: { caseId } } })),
    onSuccess: () => {
      onDone(t('withdrawn'));
      invalidate();
    },
  });
  const mine = proposal.by.id === accessClaims()?.userId;
  const at = date(proposal.at);
  const error = confirm.error ?? giveBack.error ?? withdraw.error;
  const { errors: returnErrors, edit: editReturn } = useServerFormErrors(giveBack.error);
  return (
    <div className="proposal">
      <h3>{t('proposalTitle')}</h3>
      <dl>
        <dt>{t('decision')}</dt>
        <dd>
          <strong>{t(proposal.decision)}</strong>
        </dd>
        {proposal.reasonCodes.length > 0 && (
          <>
            <dt>{t('reasons')}</dt>
            <dd>{proposal.reasonCodes.map(reasonText).join(', ')}</dd>
          </>
        )}
        {proposal.userMessage && (
          <>
            <dt>{t('message')}</dt>
            <dd>{proposal.userMessage}</dd>
          </>
        )}
        {proposal.internalNote && (
          <>
            <dt>{t('note')}</dt>
            <dd>{proposal.internalNote}</dd>
          </>
        )}
      </dl>
      <p className="hint">{t('proposalBy', { name: proposal.by.name ?? '—', at })}</p>
      <FormAlert message={error ? text.problem(error) : undefined} />
      {mine ? (
        <>
          <p>{t('waiting')}</p>
          <div className="button-row">
            <Button variant="secondary" onPress={() => withdraw.mutate()} isPending={withdraw.isPending}>
              {t('withdraw')}
            </Button>
          </div>
        </>
      ) : (
        <div className="form">
          <Button onPress={() => confirm.mutate()} isPending={confirm.isPending}>
            {t('confirm')}
          </Button>
          <Form
            className="form"
            validationBehavior="aria"
            validationErrors={returnErrors}
            onSubmit={(event) => {
              event.preventDefault();
              giveBack.mutate();
            }}
          >
            <TextField
              className="field"
              name="note"
              value={note}
              onChange={(value) => {
                editReturn('note');
                setNote(value);
              }}
              maxLength={2000}
              isRequired
            >
              <Label>{t('returnNote')}</Label>
              <TextArea rows={2} />
              <FieldError className="field-error" />
            </TextField>
            <div className="button-row">
              <Button type="submit" variant="secondary" isPending={giveBack.isPending}>
                {t('returnProposal')}
              </Button>
            </div>
          </Form>
        </div>
      )}
    </div>
  );
}

/** Approve, reject or request changes, with reason codes and a message from the templates. */
function DecisionForm({ caseId, onDone }: { caseId: string; onDone: (notice: string) => void }) {
  const t = useT(decisionMessages);
  const reasonText = useReasonText();
  const tStatus = useT(statusMessages);
  const text = useProblemText();
  const invalidate = useInvalidateCase(caseId);
  const [decision, setDecision] = useState<Decision>('approve');
  const [reasons, setReasons] = useState<string[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [message, setMessage] = useState('');
  const [note, setNote] = useState('');
  const templates = useQuery({
    queryKey: ['review-templates'],
    queryFn: () => call(api.GET('/v1/review/templates')),
    staleTime: 60_000,
  });
  const fitting = (templates.data?.data ?? []).filter((template) => template.decision === decision);
  const decide = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/review/cases/{caseId}/decision', {
          params: { path: { caseId } },
          body: {
            decision,
            reasonCodes: reasons as ReviewReasonCode[],
            ...(message.trim() ? { userMessage: message.trim() } : {}),
            ...(note.trim() ? { internalNote: note.trim() } : {}),
          },
        }),
      ),
    onSuccess: (answer) => {
      onDone(answer.data.proposal ? t('proposed') : t('decided', { status: tStatus(answer.data.status) }));
      invalidate();
    },
  });
  const { errors, edit } = useServerFormErrors(decide.error);
  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        decide.mutate();
      }}
    >
      <FormAlert message={decide.error ? text.problem(decide.error) : undefined} />
      <RadioGroup
        className="field choices"
        name="decision"
        value={decision}
        onChange={(value) => {
          edit('decision');
          setDecision(value as Decision);
          setTemplateId('');
        }}
      >
        <Label>{t('decision')}</Label>
        <div className="choice-list">
          {DECISIONS.map((each) => (
            <Radio key={each} value={each} className="choice">
              {t(each)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <div className="field">
        <label htmlFor="decision-template">{t('template')}</label>
        <select
          id="decision-template"
          value={templateId}
          onChange={(event) => {
            const template = fitting.find((each) => each.id === event.target.value);
            setTemplateId(event.target.value);
            if (template) {
              edit('userMessage');
              edit('reasonCodes');
              setMessage(template.message);
              setReasons(
                template.reasonCodes.filter((code) =>
                  (REVIEW_REASON_CODES as readonly string[]).includes(code),
                ),
              );
            }
          }}
        >
          <option value="">{t('noTemplate')}</option>
          {fitting.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
      </div>
      <CheckboxGroup
        className="field reason-codes"
        name="reasonCodes"
        value={reasons}
        onChange={(value) => {
          edit('reasonCodes');
          setReasons(value);
        }}
      >
        <Label>{t('reasons')}</Label>
        <Text slot="description">{t('reasonsHint')}</Text>
        <div className="reason-grid">
          {REVIEW_REASON_CODES.map((code) => (
            <Checkbox key={code} value={code} className="reason-check">
              {reasonText(code)}
            </Checkbox>
          ))}
        </div>
        <FieldError className="field-error" />
      </CheckboxGroup>
      <TextField
        className="field"
        name="userMessage"
        value={message}
        onChange={(value) => {
          edit('userMessage');
          setMessage(value);
        }}
        maxLength={1000}
      >
        <Label>{t('message')}</Label>
        <TextArea rows={3} />
        <Text slot="description">{t('messageHint')}</Text>
        <FieldError className="field-error" />
      </TextField>
      <TextField
        className="field"
        name="internalNote"
        value={note}
        onChange={(value) => {
          edit('internalNote');
          setNote(value);
        }}
        maxLength={4000}
      >
        <Label>{t('note')}</Label>
        <TextArea rows={2} />
        <Text slot="description">{t('noteHint')}</Text>
        <FieldError className="field-error" />
      </TextField>
      <div className="button-row">
        <Button type="submit" isPending={decide.isPending}>
          {decide.isPending ? t('submitting') : t('submit')}
        </Button>
      </div>
    </Form>
  );
}

/**
 * The decision panel of a case awaiting review: a proposal to confirm or return, or the decision form.
 * Its notice outlives the form: after a decision the case turns read-only and the form goes.
 */
export function DecisionPanel({ view, caseId, holder }: { view: CaseView; caseId: string; holder: Holder }) {
  const t = useT(decisionMessages);
  const [notice, setNotice] = useState<string>();
  const status = (
    <p role="status" className="notice">
      {notice}
    </p>
  );
  if (view.readOnly || view.case.status !== 'needs_review') return status;
  const me = accessClaims()?.userId;
  const heldByOther = holder && holder.id !== me;
  return (
    <section className="panel decision-panel" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('title')}</h2>
      {status}
      {heldByOther && <p className="hint">{t('heldByOther')}</p>}
      {view.proposal ? (
        <ProposalPanel caseId={caseId} proposal={view.proposal} onDone={setNotice} />
      ) : (
        <DecisionForm caseId={caseId} onDone={setNotice} />
      )}
    </section>
  );
}
