import { useCallback, useMemo, useState } from 'react';
import { useProblemText } from './problems';

const NONE: string[] = [];

/**
 * A form's messages beside its fields: the server's (for the answer `source` they came from) and the
 * browser's own checks. A field's message goes away as soon as the field is edited, not when it loses
 * focus: the message vanishing on blur would move the Save button from under the pointer mid-click.
 * Each field's change handler calls `edit(name)`.
 */
export function useFormErrors(server: Record<string, string>, source: unknown) {
  const [client, setClient] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<{ source: unknown; names: string[] }>({ source, names: [] });
  // A constant when nothing was edited: a new object each render would make the kit revalidate forever.
  const names = edited.source === source ? edited.names : NONE;

  const errors = useMemo(() => {
    const shown = Object.fromEntries(Object.entries(server).filter(([name]) => !names.includes(name)));
    return { ...shown, ...client };
  }, [server, client, names]);

  const edit = useCallback(
    (name: string) => {
      setClient((current) =>
        name in current
          ? Object.fromEntries(Object.entries(current).filter(([key]) => key !== name))
          : current,
      );
      setEdited((current) => {
        const known = current.source === source ? current.names : [];
        return known.includes(name) ? current : { source, names: [...known, name] };
      });
    },
    [source],
  );

  return { errors, setClientErrors: setClient, edit };
}

/**
 * `useFormErrors` for a mutation's `error`: the server's messages beside the fields, in the reader's
 * language (`section` as for `useProblemText().fields`), and `more` of the form's own for the same
 * answer, e.g. `{ email: taken ? t('emailTaken') : undefined }` for a 409 that names no field. The
 * messages stay the same object from one render to the next (`more` is compared by its content, so it
 * may be written inline): a new object would make the kit show every server message again, on a field
 * already corrected too, at any re-render such as a language switch.
 */
export function useServerFormErrors(
  error: unknown,
  { section, more }: { section?: string; more?: Record<string, string | undefined> } = {},
) {
  const { fields } = useProblemText();
  const extra = JSON.stringify(
    Object.entries(more ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const server = useMemo(
    () => ({ ...fields(error, section), ...Object.fromEntries(JSON.parse(extra) as [string, string][]) }),
    [fields, error, section, extra],
  );
  return useFormErrors(server, error);
}
