import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Form, Label } from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ConfirmButton, QueryState, TableWrap, useAdminProblem } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';
import { apiKeyMessages } from './api-key-messages';
import type { ApiKey, ApiKeyScope as Scope } from './types';

const SCOPES: Scope[] = ['users:read', 'users:write', 'cases:read', 'webhooks:read', 'links:write'];
const KEYS_KEY = ['admin', 'api-keys'] as const;

const SCOPE_LABEL = {
  'users:read': 'scope_users_read',
  'users:write': 'scope_users_write',
  'cases:read': 'scope_cases_read',
  'webhooks:read': 'scope_webhooks_read',
  'links:write': 'scope_links_write',
  'documents:read': 'scope_documents_read',
} as const satisfies Record<Scope, string>;

export default function ApiKeysPage() {
  const t = useT(apiKeyMessages);
  const tc = useT(commonMessages);
  const [notice, setNotice] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const keys = useQuery({
    queryKey: KEYS_KEY,
    queryFn: () => call(api.GET('/v1/admin/api-keys')).then((body) => body.data),
  });
  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      {created ? (
        <CreatedKey name={created.name} secret={created.key} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateKeyForm onCreated={setCreated} />
      )}
      <QueryState isPending={keys.isPending} error={keys.error} onRetry={() => void keys.refetch()}>
        <TableWrap label={t('listCaption')}>
          <table className="admin-table">
            <caption>{t('listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('prefix')}</th>
                <th scope="col">{t('scopes')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{tc('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data?.map((key) => (
                <ApiKeyRow key={key.id} apiKey={key} onRevoked={setNotice} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      </QueryState>
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const t = useT(apiKeyMessages);
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const [scopes, setScopes] = useState<Scope[]>([]);
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: Scope[] }) => call(api.POST('/v1/admin/api-keys', { body })),
    onSuccess: ({ data }) => {
      onCreated({ name: data.name, key: data.key });
      void queryClient.invalidateQueries({ queryKey: KEYS_KEY });
    },
  });
  const { errors, edit } = useServerFormErrors(create.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    create.mutate({ name, scopes });
  };
  return (
    <section className="card admin-section" aria-labelledby="create-key-title">
      <h2 id="create-key-title">{t('createTitle')}</h2>
      <Form className="form" onSubmit={submit} validationErrors={errors}>
        <TextField
          name="name"
          label={t('name')}
          description={t('nameHint')}
          isRequired
          maxLength={100}
          onChange={() => edit('name')}
        />
        <CheckboxGroup
          className="field choices"
          name="scopes"
          value={scopes}
          onChange={(value) => {
            edit('scopes');
            setScopes(value as Scope[]);
          }}
          isRequired
        >
          <Label>{t('scopes')}</Label>
          <div className="choice-list">
            {SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} className="choice admin-checkbox">
                {t(SCOPE_LABEL[scope])}
              </Checkbox>
            ))}
          </div>
          <FieldError className="field-error" />
        </CheckboxGroup>
        <FormAlert message={create.error ? problem(create.error) : undefined} />
        <div>
          <Button type="submit" isPending={create.isPending}>
            {t('create')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** The key itself, this once: a warning, the value to select, and a copy button. */
function CreatedKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useT(apiKeyMessages);
  const tc = useT(commonMessages);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <section className="card admin-section" aria-labelledby="created-key-title">
      <h2 id="created-key-title" tabIndex={-1} ref={(heading) => heading?.focus()}>
        {t('secretTitle', { name })}
      </h2>
      <p className="notice-warning">{t('secretWarning')}</p>
      <div className="field">
        <label htmlFor="created-key">{t('secretLabel')}</label>
        <input
          id="created-key"
          className="admin-secret"
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="admin-actions">
        <Button
          variant="secondary"
          onPress={() => {
            navigator.clipboard.writeText(secret).then(
              () => setCopy('copied'),
              () => setCopy('failed'),
            );
          }}
        >
          {t('copy')}
        </Button>
        <Button onPress={onDone}>{t('done')}</Button>
        <span role="status">
          {copy === 'copied' ? tc('copied') : copy === 'failed' ? t('copyFailed') : ''}
        </span>
      </div>
    </section>
  );
}

function ApiKeyRow({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: (message: string) => void }) {
  const t = useT(apiKeyMessages);
  const tc = useT(commonMessages);
  const date = useDateFormat();
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => call(api.DELETE('/v1/admin/api-keys/{id}', { params: { path: { id: apiKey.id } } })),
    onSuccess: () => {
      onRevoked(t('revoked', { name: apiKey.name }));
      void queryClient.invalidateQueries({ queryKey: KEYS_KEY });
    },
  });
  return (
    <tr>
      <th scope="row">{apiKey.name}</th>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>
        <ul className="admin-plain-list">
          {apiKey.scopes.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>{date(apiKey.createdAt)}</td>
      <td>{apiKey.lastUsedAt ? date(apiKey.lastUsedAt) : tc('never')}</td>
      <td>
        {apiKey.revokedAt ? (
          <span className="admin-badge admin-badge-disabled">
            {t('revokedAt', { date: date(apiKey.revokedAt, 'date') })}
          </span>
        ) : (
          <span className="admin-badge admin-badge-active">{t('active')}</span>
        )}
      </td>
      <td>
        {!apiKey.revokedAt && (
          <ConfirmButton
            label={t('revoke')}
            ariaLabel={`${t('revoke')}: ${apiKey.name}`}
            title={t('revokeTitle', { name: apiKey.name })}
            body={t('revokeBody')}
            confirmLabel={t('revoke')}
            isPending={revoke.isPending}
            onConfirm={() => revoke.mutate()}
          />
        )}
        {revoke.error ? (
          <p role="alert" className="field-error">
            {problem(revoke.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
