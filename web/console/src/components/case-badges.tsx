import { accessClaims } from '../../../shared/src/api/session';
import { defineMessages, useT } from '../../../shared/src/i18n/i18n';

const messages = defineMessages(
  {
    hours: '{hours} h',
    days: '{days} d {hours} h',
    ok: 'On time',
    due_soon: 'Due soon',
    breached: 'Overdue',
    you: 'You',
    nobody: 'Nobody',
    formerStaff: 'Former staff member',
  },
  {
    hours: '{hours} घं',
    days: '{days} दि {hours} घं',
    ok: 'समय पर',
    due_soon: 'जल्द देय',
    breached: 'समय से पीछे',
    you: 'आप',
    nobody: 'कोई नहीं',
    formerStaff: 'पूर्व स्टाफ़ सदस्य',
  },
);

/** Whole hours since submission as `5 h` or `2 d 3 h`. */
export function Age({ hours }: { hours: number | null }) {
  const t = useT(messages);
  if (hours === null) return <>—</>;
  if (hours < 24) return <>{t('hours', { hours })}</>;
  return <>{t('days', { days: Math.floor(hours / 24), hours: hours % 24 })}</>;
}

/** The SLA state in words and colour (never colour alone). */
export function SlaBadge({ sla }: { sla: 'ok' | 'due_soon' | 'breached' | null }) {
  const t = useT(messages);
  if (!sla) return <>—</>;
  return <span className={`badge sla-${sla}`}>{t(sla)}</span>;
}

/** Who holds a case: "You", their name, or nobody. */
export function AssigneeName({ assignee }: { assignee: { id: string; name: string | null } | null }) {
  const t = useT(messages);
  if (!assignee) return <span className="muted">{t('nobody')}</span>;
  if (assignee.id === accessClaims()?.userId) return <strong>{t('you')}</strong>;
  return <>{assignee.name ?? t('formerStaff')}</>;
}
