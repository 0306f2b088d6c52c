import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { FormAlert } from '../../../shared/src/components/fields';
import { defineMessages, useT } from '../../../shared/src/i18n/i18n';
import { useProblemText } from '../../../shared/src/lib/problems';
import { statusMessages } from '../labels';

const messages = defineMessages(
  {
    back: 'Back to the queue',
    title: 'Case #{number}',
    loading: 'Loading the case…',
  },
  {
    back: 'कतार पर वापस',
    title: 'मामला #{number}',
    loading: 'मामला लोड हो रहा है…',
  },
);

export default function CasePage({ params }: { params: Record<string, string | undefined> }) {
  const t = useT(messages);
  const tStatus = useT(statusMessages);
  const text = useProblemText();
  const caseId = params['id'] ?? '';
  const view = useQuery({
    queryKey: ['review-case', caseId],
    queryFn: () => call(api.GET('/v1/review/cases/{caseId}', { params: { path: { caseId } } })),
  });
  return (
    <div className="case-page">
      <p>
        <Link href="/">{t('back')}</Link>
      </p>
      <FormAlert message={view.error ? text.problem(view.error) : undefined} />
      {view.isPending && <p role="status">{t('loading')}</p>}
      {view.data && (
        <>
          <h1>{t('title', { number: view.data.data.case.number ?? '' })}</h1>
          <p>{tStatus(view.data.data.case.status)}</p>
        </>
      )}
    </div>
  );
}
