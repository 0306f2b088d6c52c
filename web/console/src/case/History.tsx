import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { checkMessages, isKeyOf, outcomeMessages, statusMessages } from '../labels';
import { Reasons } from '../reasons';
import { caseMessages } from './messages';
import type { CaseView } from './types';

/** The strings of an event's list, ignoring anything else an older event may hold. */
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/**
 * The reason codes an event carries: a decision's own, the reasons a case moved to review or back to the
 * customer with (the checks' decision), or a finished check's.
 */
const reasonsOf = (data: Record<string, unknown>): string[] =>
  strings(data['reasonCodes']) ??
  strings(data['reasons']) ??
  (typeof data['reason'] === 'string' ? [data['reason']] : []);

const ROLE_NAMES = {
  en: { customer: 'customer', reviewer: 'reviewer', admin: 'admin', system: 'system' },
  hi: { customer: 'ग्राहक', reviewer: 'समीक्षक', admin: 'एडमिन', system: 'सिस्टम' },
} as const;

/** What happened to the case, oldest first, with who did it by name and role. */
export function History({ view }: { view: CaseView }) {
  const t = useT(caseMessages);
  const tStatus = useT(statusMessages);
  const tCheck = useT(checkMessages);
  const tOutcome = useT(outcomeMessages);
  const { locale } = useLocale();
  const roles: Record<string, string> = ROLE_NAMES[locale];
  const date = useDateFormat();
  const status = (value: string | null) => (value ? tStatus(value as Parameters<typeof tStatus>[0]) : '—');
  // A check event's data: { check, outcome, reason } (the check runner's).
  const checkDone = (data: Record<string, unknown>) => {
    const check = String(data['check'] ?? '');
    const outcome = String(data['outcome'] ?? '');
    return [
      isKeyOf(checkMessages.en, check) ? tCheck(check) : check,
      isKeyOf(outcomeMessages.en, outcome) ? tOutcome(outcome) : outcome,
    ]
      .filter(Boolean)
      .join(', ');
  };
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
                  : `${t('checkEvent')}: ${checkDone(event.data)}`;
          const message = typeof event.data['userMessage'] === 'string' ? event.data['userMessage'] : null;
          const reasons = reasonsOf(event.data);
          return (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{date(event.at, 'seconds')}</time>
              <span className="history-what">{what}</span>
              <span className="history-who">{who}</span>
              {reasons.length > 0 && (
                <div className="hint">
                  <Reasons codes={reasons} />
                </div>
              )}
              {message && <span className="hint">{t('customerMessage', { message })}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
