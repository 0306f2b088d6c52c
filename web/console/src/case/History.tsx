import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { reasonMessages, reasonText, statusMessages } from '../labels';
import { caseMessages } from './messages';
import type { CaseView } from './types';

const ROLE_NAMES = {
  en: { customer: 'customer', reviewer: 'reviewer', admin: 'admin', system: 'system' },
  hi: { customer: 'ग्राहक', reviewer: 'समीक्षक', admin: 'एडमिन', system: 'सिस्टम' },
} as const;

/** What happened to the case, oldest first, with who did it by name and role. */
export function History({ view }: { view: CaseView }) {
  const t = useT(caseMessages);
  const tStatus = useT(statusMessages);
  const tReason = useT(reasonMessages);
  const { locale } = useLocale();
  const roles: Record<string, string> = ROLE_NAMES[locale];
  const date = useDateFormat();
  const status = (value: string | null) => (value ? tStatus(value as Parameters<typeof tStatus>[0]) : '—');
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('history')}</h2>
      <ol className="history">
        {view.history.map((event, index) => {
          const who = event.actor
            ? `${event.actor.name ?? '—'} (${roles[event.actor.role] ?? event.actor.role})`
            : event.actorRole
              ? (roles[event.actorRole] ?? event.actorRole)
              : t('system');
          const what =
            event.type === 'transition'
              ? t('transition', { from: status(event.fromStatus), to: status(event.toStatus) })
              : event.type === 'view'
                ? t('view')
                : event.type === 'decision'
                  ? t('decisionEvent')
                  : `${t('checkEvent')}: ${String(event.data['type'] ?? '')}`;
          const message = typeof event.data['userMessage'] === 'string' ? event.data['userMessage'] : null;
          const reasons = Array.isArray(event.data['reasonCodes'])
            ? (event.data['reasonCodes'] as string[]).map((code) => reasonText(tReason, code)).join(', ')
            : '';
          return (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{date(event.at, 'seconds')}</time>
              <span className="history-what">{what}</span>
              <span className="history-who">{who}</span>
              {reasons && <span className="hint">{reasons}</span>}
              {message && <span className="hint">{t('customerMessage', { message })}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
