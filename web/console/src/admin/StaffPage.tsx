import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { accessClaims } from '../../../shared/src/api/session';
import { Button, ChoiceField, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ProblemError } from '../../../shared/src/lib/problems';
import { ConfirmButton, QueryState, TableWrap, useAdminProblem } from './common';
import { useDateFormat } from '../components/dates';
import { commonMessages } from './common-messages';
import { staffMessages } from './staff-messages';
import type { StaffMember, StaffRole as Role } from './types';

const ROLES: Role[] = ['reviewer', 'admin'];
const ROLE_LABEL = { reviewer: 'role_reviewer', admin: 'role_admin' } as const;
const STATUS_LABEL = {
  active: 'status_active',
  disabled: 'status_disabled',
  invited: 'status_invited',
} as const;
const STAFF_KEY = ['admin', 'staff'] as const;

export default function StaffPage() {
  const t = useT(staffMessages);
  const tc = useT(commonMessages);
  const [notice, setNotice] = useState('');
  // Admins cannot change their own account (the service answers 409 own_account): no controls for it.
  const selfId = accessClaims()?.userId;
  const staff = useQuery({
    queryKey: STAFF_KEY,
    queryFn: () => call(api.GET('/v1/admin/staff')).then((body) => body.data),
  });
  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      <InviteForm onInvited={(email) => setNotice(t('invited', { email }))} />
      <QueryState isPending={staff.isPending} error={staff.error} onRetry={() => void staff.refetch()}>
        <TableWrap label={t('listCaption')}>
          <table className="admin-table">
            <caption>{t('listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('added')}</th>
                <th scope="col">{t('lastLogin')}</th>
                <th scope="col">{tc('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.data?.map((member) => (
                <StaffRow key={member.id} member={member} isSelf={member.id === selfId} onDone={setNotice} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      </QueryState>
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const t = useT(staffMessages);
  const tc = useT(commonMessages);
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>('reviewer');
  const invite = useMutation({
    mutationFn: (body: { email: string; name: string; role: Role }) =>
      call(api.POST('/v1/admin/staff', { body })),
    onSuccess: (_data, body) => {
      onInvited(body.email);
      void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
    },
  });
  // 409 email_taken names no field: it is the email's. The customers' wording ("Sign in instead") is not an admin's.
  const taken = invite.error instanceof ProblemError && invite.error.problem.code === 'email_taken';
  const { errors, edit } = useServerFormErrors(invite.error, {
    more: { email: taken ? t('emailTaken') : undefined },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    invite.mutate(
      { email: String(data.get('email')).trim(), name: String(data.get('name')).trim(), role },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section className="card admin-section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('inviteTitle')}</h2>
      <p className="hint">{t('inviteHint')}</p>
      <Form className="form admin-inline-form" onSubmit={submit} validationErrors={errors}>
        <TextField
          name="email"
          type="email"
          label={t('email')}
          isRequired
          autoComplete="off"
          onChange={() => edit('email')}
        />
        <TextField
          name="name"
          label={t('name')}
          isRequired
          minLength={2}
          maxLength={100}
          onChange={() => edit('name')}
        />
        <ChoiceField
          label={t('role')}
          name="role"
          value={role}
          onChange={(value) => {
            edit('role');
            setRole(value as Role);
          }}
          choices={ROLES.map((value) => ({ value, label: tc(ROLE_LABEL[value]) }))}
        />
        <FormAlert message={taken ? t('emailTaken') : invite.error ? problem(invite.error) : undefined} />
        <div>
          <Button type="submit" isPending={invite.isPending}>
            {t('invite')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function StaffRow({
  member,
  isSelf,
  onDone,
}: {
  member: StaffMember;
  isSelf: boolean;
  onDone: (message: string) => void;
}) {
  const t = useT(staffMessages);
  const tc = useT(commonMessages);
  const date = useDateFormat();
  const problem = useAdminProblem();
  const queryClient = useQueryClient();
  const [showSessions, setShowSessions] = useState(false);
  const update = useMutation({
    mutationFn: (body: { role?: Role; disabled?: boolean }) =>
      call(api.PATCH('/v1/admin/staff/{id}', { params: { path: { id: member.id } }, body })),
    onSuccess: ({ data }, body) => {
      if (body.role) onDone(t('roleChanged', { name: data.name, role: tc(ROLE_LABEL[data.role]) }));
      else onDone(t(body.disabled ? 'disabled' : 'enabled', { name: data.name }));
      void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
    },
  });
  const selectId = `role-${member.id}`;
  return (
    <>
      <tr>
        <th scope="row">
          {member.name}
          {isSelf && (
            <span id={`self-${member.id}`} className="hint">
              {' '}
              {t('you')}
            </span>
          )}
        </th>
        <td>{member.email}</td>
        <td>
          <label htmlFor={selectId} className="visually-hidden">
            {t('changeRole', { name: member.name })}
          </label>
          <select
            id={selectId}
            className="admin-select"
            value={member.role}
            disabled={update.isPending || isSelf}
            aria-describedby={isSelf ? `self-${member.id}` : undefined}
            onChange={(event) => update.mutate({ role: event.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tc(ROLE_LABEL[role])}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className={`admin-badge admin-badge-${member.status}`}>{t(STATUS_LABEL[member.status])}</span>
        </td>
        <td>{date(member.createdAt, 'date')}</td>
        <td>{member.lastLoginAt ? date(member.lastLoginAt) : tc('never')}</td>
        <td>
          <div className="admin-actions">
            {isSelf ? null : member.status === 'disabled' ? (
              <Button
                variant="secondary"
                isPending={update.isPending}
                onPress={() => update.mutate({ disabled: false })}
                aria-label={`${t('enable')}: ${member.name}`}
              >
                {t('enable')}
              </Button>
            ) : (
              <ConfirmButton
                label={t('disable')}
                ariaLabel={`${t('disable')}: ${member.name}`}
                title={t('disableTitle', { name: member.name })}
                body={t('disableBody')}
                confirmLabel={t('disable')}
                isPending={update.isPending}
                onConfirm={() => update.mutate({ disabled: true })}
              />
            )}
            <Button
              variant="secondary"
              aria-expanded={showSessions}
              aria-controls={`sessions-${member.id}`}
              aria-label={`${showSessions ? t('hideSessions') : t('sessions')}: ${member.name}`}
              onPress={() => setShowSessions((shown) => !shown)}
            >
              {showSessions ? t('hideSessions') : t('sessions')}
            </Button>
          </div>
          {update.error ? (
            <p role="alert" className="field-error">
              {problem(update.error)}
            </p>
          ) : null}
        </td>
      </tr>
      {showSessions && (
        <tr id={`sessions-${member.id}`}>
          <td colSpan={7}>
            <StaffSessions member={member} />
          </td>
        </tr>
      )}
    </>
  );
}

function StaffSessions({ member }: { member: StaffMember }) {
  const t = useT(staffMessages);
  const date = useDateFormat();
  const sessions = useQuery({
    queryKey: [...STAFF_KEY, member.id, 'sessions'],
    queryFn: () =>
      call(api.GET('/v1/admin/staff/{id}/sessions', { params: { path: { id: member.id } } })).then(
        (body) => body.data,
      ),
  });
  return (
    <QueryState isPending={sessions.isPending} error={sessions.error} onRetry={() => void sessions.refetch()}>
      {sessions.data?.length === 0 ? (
        <p>{t('noSessions')}</p>
      ) : (
        <table className="admin-table admin-subtable">
          <caption>{t('sessionsCaption', { name: member.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('expires')}</th>
              <th scope="col">{t('secondFactor')}</th>
              <th scope="col">{t('ip')}</th>
              <th scope="col">{t('device')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data?.map((session) => (
              <tr key={session.id}>
                <td>{date(session.createdAt)}</td>
                <td>{date(session.expiresAt)}</td>
                <td>{date(session.secondFactorAt)}</td>
                <td>{session.ip ?? ''}</td>
                <td>{session.userAgent ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryState>
  );
}
