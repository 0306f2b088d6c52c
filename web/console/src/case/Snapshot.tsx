import { useT } from '../../../shared/src/i18n/i18n';
import { valueText } from './format';
import { caseMessages } from './messages';
import type { Snapshot } from './types';

/** Skipped: the client master copy itself (a file, shown under Documents) and empty values. */
const HIDDEN = new Set(['clientMasterCopy', '_id', '__v', 'documentId']);

function entriesOf(value: unknown): [string, unknown][] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).filter(
    ([key, each]) => !HIDDEN.has(key) && each !== null && each !== undefined && each !== '',
  );
}

/** The profile as submitted, section by section (identity numbers as the service sent them: masked). */
export function SnapshotView({ snapshot }: { snapshot: unknown }) {
  const t = useT(caseMessages);
  const profile = (snapshot as Snapshot | null)?.profile ?? {};
  const sections = entriesOf(profile).filter(([, value]) => typeof value === 'object');
  return (
    <section className="panel snapshot" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">{t('snapshot')}</h2>
      {sections.map(([section, value]) => {
        const items = Array.isArray(value) ? value : [value];
        return items.map((item, index) => (
          <div key={`${section}-${index}`}>
            <h3 className="mono small">
              {section}
              {items.length > 1 ? ` ${index + 1}` : ''}
            </h3>
            <dl>
              {entriesOf(item).map(([key, each]) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt className="mono small">{key}</dt>
                  <dd>{valueText(each)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ));
      })}
    </section>
  );
}
