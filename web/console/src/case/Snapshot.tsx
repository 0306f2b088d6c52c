import { useLocale, useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { isKeyOf } from '../labels';
import { caseMessages } from './messages';
import { HIDDEN_FIELDS, fieldMessages, profileValueText, sectionMessages } from './profile-labels';
import type { Snapshot } from './types';

const HIDDEN: ReadonlySet<string> = new Set(HIDDEN_FIELDS);

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const isPart = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Skipped: ids, files (shown under Documents) and empty values. */
function entriesOf(value: unknown): [string, unknown][] {
  if (!isPart(value)) return [];
  return Object.entries(value).filter(([key, each]) => !HIDDEN.has(key) && !isEmpty(each));
}

/** "Bank account 2"; the only one goes without a number. */
const numbered = (label: string, index: number, count: number) =>
  count > 1 ? `${label} ${index + 1}` : label;

/** A part's fields by name, nested parts (a guardian) and lists of parts (nominees) as lists of their own. */
function Fields({ part }: { part: unknown }) {
  const { locale } = useLocale();
  const date = useDateFormat();
  const names = fieldMessages[locale];
  const text = (field: string, value: unknown): string => {
    if (field === 'optOutDeclaredAt' && typeof value === 'string') return date(value);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return profileValueText(locale, field, value);
    if (Array.isArray(value)) return value.map((each) => text(field, each)).join(', ');
    return '—';
  };
  return (
    <dl>
      {entriesOf(part).flatMap(([key, value]) => {
        // A field the console has no name for yet (a newer service) shows as sent rather than not at all.
        const known = isKeyOf(names, key);
        const name = known ? names[key] : key;
        const items = Array.isArray(value) && value.some(isPart) ? value : [value];
        return items.map((item, index) => (
          <div key={`${key}-${index}`} style={{ display: 'contents' }}>
            <dt className={known ? undefined : 'mono small'}>{numbered(name, index, items.length)}</dt>
            <dd>{isPart(item) ? <Fields part={item} /> : text(key, item)}</dd>
          </div>
        ));
      })}
    </dl>
  );
}

/** The profile as submitted, section by section (identity numbers as the service sent them: masked). */
export function SnapshotView({ snapshot }: { snapshot: unknown }) {
  const t = useT(caseMessages);
  const { locale } = useLocale();
  const names = sectionMessages[locale];
  const profile = (snapshot as Snapshot | null)?.profile ?? {};
  const sections = entriesOf(profile).filter(([, value]) => typeof value === 'object');
  return (
    <section className="panel snapshot" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">{t('snapshot')}</h2>
      {sections.map(([section, value]) => {
        const name = isKeyOf(names, section) ? names[section] : section;
        const items = Array.isArray(value) ? value : [value];
        return items.map((item, index) => (
          <div key={`${section}-${index}`}>
            <h3>{numbered(name, index, items.length)}</h3>
            <Fields part={item} />
          </div>
        ));
      })}
    </section>
  );
}
