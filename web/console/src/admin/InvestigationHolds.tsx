import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { Button, ChoiceField, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ConfirmButton, QueryState, TableWrap, useAdminProblem } from './common';
import { useDateFormat } from '../components/dates';
import { investigationMessages } from './investigation-messages';
import type { InvestigationHold } from './types';

type Kind = InvestigationHold['kind'];
const KIND_LABEL = { str: 'kind_str', enforcement: 'kind_enforcement' } as const satisfies Record<
  Kind,
  string
>;
const KINDS = Object.keys(KIND_LABEL) as Kind[];
const HOLDS_KEY = ['admin', 'investigation-holds'] as const;

/** Placing or releasing a hold can finish an erasure: every admin listing is read again. */
function useRefreshAdmin() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['admin'] });
}

/** Holds kept while an STR or an authority's request runs: listed, placed and released here. */
export function InvestigationHolds() {
  const t = useT(investigationMessages);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The Release button goes with the hold it released: focus moves to what happened instead.
  const released = (userId: string) => {
    setNotice(t('released', { userId }));
    noticeRef.current?.focus();
  };
  const holds = useQuery({
    queryKey: HOLDS_KEY,
    queryFn: () =>
      call(api.GET('/v1/admin/investigation-holds', { params: { query: {} } })).then((body) => body.data),
  });
  return (
    <section className="admin-group" aria-labelledby="investigation-holds-title">
      <h2 id="investigation-holds-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p role="status" ref={noticeRef} tabIndex={-1} className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      <PlaceHoldForm
        onAttempt={() => setNotice('')}
        onPlaced={(userId) => setNotice(t('placed', { userId }))}
      />
      <QueryState isPending={holds.isPending} error={holds.error} onRetry={() => void holds.refetch()}>
        {holds.data?.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <TableWrap label={t('caption')}>
            <table className="admin-table">
              <caption>{t('caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customer')}</th>
                  <th scope="col">{t('kind')}</th>
                  <th scope="col">{t('placedAt')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {holds.data?.map((hold) => (
                  <HoldRow key={hold.id} hold={hold} onReleased={() => released(hold.userId)} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryState>
    </section>
  );
}

function PlaceHoldForm({
  onAttempt,
  onPlaced,
}: {
  /** A new attempt clears the last outcome, so the next one is announced even when it reads the same. */
  onAttempt: () => void;
  onPlaced: (userId: string) => void;
}) {
  const t = useT(investigationMessages);
  const problem = useAdminProblem();
  const refresh = useRefreshAdmin();
  const [kind, setKind] = useState<Kind>('str');
  const place = useMutation({
    mutationFn: ({ userId, kind }: { userId: string; kind: Kind }) =>
      call(
        api.POST('/v1/admin/users/{userId}/investigation-holds', {
          params: { path: { userId } },
          body: { kind },
        }),
      ),
    onSuccess: (_data, { userId }) => {
      onPlaced(userId);
      refresh();
    },
  });
  const { errors, edit } = useServerFormErrors(place.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const userId = String(new FormData(form).get('userId')).trim();
    onAttempt();
    place.mutate({ userId, kind }, { onSuccess: () => form.reset() });
  };
  return (
    <div className="card admin-section">
      <h3>{t('placeTitle')}</h3>
      <Form className="form admin-inline-form" onSubmit={submit} validationErrors={errors}>
        <TextField
          name="userId"
          label={t('customer')}
          description={t('customerHint')}
          isRequired
          autoComplete="off"
          spellCheck="false"
          onChange={() => edit('userId')}
        />
        <ChoiceField
          label={t('kind')}
          name="kind"
          value={kind}
          onChange={(value) => {
            edit('kind');
            setKind(value as Kind);
          }}
          choices={KINDS.map((value) => ({ value, label: t(KIND_LABEL[value]) }))}
        />
        <FormAlert message={place.error ? problem(place.error) : undefined} />
        <div>
          <Button type="submit" isPending={place.isPending}>
            {t('place')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function HoldRow({ hold, onReleased }: { hold: InvestigationHold; onReleased: () => void }) {
  const t = useT(investigationMessages);
  const date = useDateFormat();
  const problem = useAdminProblem();
  const refresh = useRefreshAdmin();
  const release = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/admin/investigation-holds/{holdId}/release', { params: { path: { holdId: hold.id } } }),
      ),
    onSuccess: () => {
      onReleased();
      refresh();
    },
  });
  return (
    <tr>
      <th scope="row">
        <code>{hold.userId}</code>
      </th>
      <td>{t(KIND_LABEL[hold.kind])}</td>
      <td>{date(hold.placedAt)}</td>
      <td>
        {hold.releasedAt ? (
          <span className="admin-badge admin-badge-released">
            {t('releasedOn', { date: date(hold.releasedAt, 'date') })}
          </span>
        ) : (
          <span className="admin-badge admin-badge-active">{t('active')}</span>
        )}
      </td>
      <td>
        {hold.releasedAt ? null : (
          <ConfirmButton
            label={t('release')}
            ariaLabel={`${t('release')}: ${hold.userId}`}
            title={t('releaseTitle', { userId: hold.userId })}
            body={t('releaseBody')}
            confirmLabel={t('release')}
            isPending={release.isPending}
            onConfirm={() => release.mutate()}
          />
        )}
        {release.error ? (
          <p className="form-alert" role="alert">
            {problem(release.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
