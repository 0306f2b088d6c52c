import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Form,
  Label,
  TextArea,
  TextField as AriaTextField,
} from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { Button, ChoiceField, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { REVIEW_REASON_CODES } from '../labels';
import type { ReviewReasonCode } from '../labels';
import { useReasonText } from '../reasons';
import { ConfirmButton, QueryState, TableWrap, useAdminProblem } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';
import { templateMessages } from './template-messages';
import type { Template } from './types';

type Decision = Template['decision'];
const DECISION_LABEL = {
  approve: 'decision_approve',
  reject: 'decision_reject',
  request_changes: 'decision_request_changes',
} as const satisfies Record<Decision, string>;
const DECISIONS = Object.keys(DECISION_LABEL) as Decision[];
const TEMPLATES_KEY = ['review', 'templates'] as const;

interface TemplateBody {
  name: string;
  decision: Decision;
  reasonCodes: ReviewReasonCode[];
  message: string;
}

export default function TemplatesPage() {
  const t = useT(templateMessages);
  const tc = useT(commonMessages);
  const reasonText = useReasonText();
  const date = useDateFormat();
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<Template>();
  const templates = useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => call(api.GET('/v1/review/templates')).then((body) => body.data),
  });
  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      <TemplateForm
        key={editing?.id ?? 'new'}
        template={editing}
        onSaved={(name) => {
          setNotice(t('saved', { name }));
          setEditing(undefined);
        }}
        onCancel={() => setEditing(undefined)}
      />
      <QueryState
        isPending={templates.isPending}
        error={templates.error}
        onRetry={() => void templates.refetch()}
      >
        <TableWrap label={t('listCaption')}>
          <table className="admin-table">
            <caption>{t('listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('decision')}</th>
                <th scope="col">{t('reasons')}</th>
                <th scope="col">{t('message')}</th>
                <th scope="col">{t('updated')}</th>
                <th scope="col">{tc('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {templates.data?.map((template) => (
                <tr key={template.id}>
                  <th scope="row">{template.name}</th>
                  <td>{t(DECISION_LABEL[template.decision])}</td>
                  <td>{template.reasonCodes.map(reasonText).join(', ')}</td>
                  <td className="admin-wrap">{template.message}</td>
                  <td>{date(template.updatedAt, 'date')}</td>
                  <td>
                    <div className="admin-actions">
                      <Button
                        variant="secondary"
                        aria-label={`${t('edit')}: ${template.name}`}
                        onPress={() => setEditing(template)}
                      >
                        {t('edit')}
                      </Button>
                      <DeleteTemplate template={template} onDeleted={setNotice} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </QueryState>
    </div>
  );
}

function TemplateForm({
  template,
  onSaved,
  onCancel,
}: {
  template: Template | undefined;
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const t = useT(templateMessages);
  const reasonText = useReasonText();
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision>(template?.decision ?? 'request_changes');
  const [reasons, setReasons] = useState<string[]>(template?.reasonCodes ?? []);
  const save = useMutation({
    mutationFn: (body: TemplateBody) =>
      call(
        template
          ? api.PUT('/v1/review/templates/{templateId}', {
              params: { path: { templateId: template.id } },
              body,
            })
          : api.POST('/v1/review/templates', { body }),
      ),
    onSuccess: ({ data }) => {
      onSaved(data.name);
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
  const { errors, edit } = useServerFormErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save.mutate({
      name: String(data.get('name')).trim(),
      message: String(data.get('message')).trim(),
      decision,
      reasonCodes: reasons as ReviewReasonCode[],
    });
  };
  const titleId = 'template-form-title';
  return (
    <section className="card admin-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{template ? t('editTitle', { name: template.name }) : t('createTitle')}</h2>
      <Form className="form admin-inline-form" onSubmit={submit} validationErrors={errors}>
        <TextField
          name="name"
          label={t('name')}
          defaultValue={template?.name}
          isRequired
          maxLength={100}
          onChange={() => edit('name')}
        />
        <ChoiceField
          label={t('decision')}
          name="decision"
          value={decision}
          onChange={(value) => {
            edit('decision');
            setDecision(value as Decision);
          }}
          choices={DECISIONS.map((value) => ({ value, label: t(DECISION_LABEL[value]) }))}
        />
        <CheckboxGroup
          className="field choices"
          name="reasonCodes"
          value={reasons}
          onChange={(value) => {
            edit('reasonCodes');
            setReasons(value);
          }}
        >
          <Label>{t('reasons')}</Label>
          <div className="admin-checkbox-grid">
            {REVIEW_REASON_CODES.map((code) => (
              <Checkbox key={code} value={code} className="choice admin-checkbox">
                {reasonText(code)}
              </Checkbox>
            ))}
          </div>
          <FieldError className="field-error" />
        </CheckboxGroup>
        <AriaTextField
          name="message"
          className="field"
          defaultValue={template?.message}
          isRequired
          maxLength={1000}
          onChange={() => edit('message')}
        >
          <Label>{t('message')}</Label>
          <TextArea rows={4} />
          <FieldError className="field-error" />
        </AriaTextField>
        <FormAlert message={save.error ? problem(save.error) : undefined} />
        <div className="admin-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('save')}
          </Button>
          {template && (
            <Button variant="secondary" onPress={onCancel}>
              {t('cancelEdit')}
            </Button>
          )}
        </div>
      </Form>
    </section>
  );
}

function DeleteTemplate({
  template,
  onDeleted,
}: {
  template: Template;
  onDeleted: (message: string) => void;
}) {
  const t = useT(templateMessages);
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/v1/review/templates/{templateId}', { params: { path: { templateId: template.id } } }),
      ),
    onSuccess: () => {
      onDeleted(t('removed', { name: template.name }));
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
  return (
    <>
      <ConfirmButton
        label={t('remove')}
        ariaLabel={`${t('remove')}: ${template.name}`}
        title={t('removeTitle', { name: template.name })}
        body={t('removeBody')}
        confirmLabel={t('remove')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      {remove.error ? (
        <p role="alert" className="field-error">
          {problem(remove.error)}
        </p>
      ) : null}
    </>
  );
}
