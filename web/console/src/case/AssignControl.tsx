import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, call } from '../../../shared/src/api/client';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { SelectField } from '../../../shared/src/components/SelectField';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../shared/src/lib/problems';
import { useStaffSession } from '../staff-session';
import './assign.css';
import { caseMessages } from './messages';
import type { CaseView } from './types';

/** The admin staff page's query key: the list is shared with it, and refreshed when staff change. */
const STAFF_KEY = ['admin', 'staff'] as const;

/**
 * An admin hands a case awaiting review to an active reviewer or admin, over anyone's claim. Shown to
 * admins only (the API checks again); the holder shown comes from the case, refetched on success.
 */
export function AssignControl({ view, caseId }: { view: CaseView; caseId: string }) {
  const session = useStaffSession();
  const isAdmin = session.state === 'staff' && session.role === 'admin';
  if (!isAdmin || view.readOnly || view.case.status !== 'needs_review') return null;
  return <AssignForm caseId={caseId} holderId={view.assignee?.id ?? null} />;
}

function AssignForm({ caseId, holderId }: { caseId: string; holderId: string | null }) {
  const t = useT(caseMessages);
  const text = useProblemText();
  const queryClient = useQueryClient();
  const [reviewerId, setReviewerId] = useState<string | null>(null);
  const staff = useQuery({
    queryKey: STAFF_KEY,
    queryFn: () => call(api.GET('/v1/admin/staff')).then((body) => body.data),
  });
  const choices = (staff.data ?? [])
    .filter((member) => member.status === 'active' && member.id !== holderId)
    .map((member) => ({
      value: member.id,
      label: t('staffChoice', {
        name: member.name,
        role: t(member.role === 'admin' ? 'roleAdmin' : 'roleReviewer'),
      }),
    }));
  const assign = useMutation({
    mutationFn: (id: string) =>
      call(
        api.POST('/v1/review/cases/{caseId}/assign', {
          params: { path: { caseId } },
          body: { reviewerId: id },
        }),
      ),
    onSuccess: () => setReviewerId(null),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['review-case', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['review-cases'] });
    },
  });
  const { errors, edit } = useServerFormErrors(assign.error);
  const error = assign.error ?? staff.error;
  return (
    <Form
      className="assign-control"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        if (reviewerId) assign.mutate(reviewerId);
      }}
    >
      <SelectField
        label={t('assignTo')}
        name="reviewerId"
        choices={choices}
        value={reviewerId}
        onChange={(id) => {
          edit('reviewerId');
          setReviewerId(id);
        }}
        placeholder={t('assignPlaceholder')}
        isDisabled={staff.isPending}
      />
      <Button type="submit" variant="secondary" isDisabled={!reviewerId} isPending={assign.isPending}>
        {t('assign')}
      </Button>
      <FormAlert message={error ? text.problem(error) : undefined} />
      <span role="status" className="notice">
        {assign.isSuccess ? t('assigned', { name: assign.data.data.assignee?.name ?? t('formerStaff') }) : ''}
      </span>
    </Form>
  );
}
