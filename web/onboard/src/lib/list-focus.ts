import { useCallback, useEffect, useId, useRef } from 'react';

/**
 * Focus for a list the customer adds entries to and removes them from (bank accounts, nominees). A new
 * entry's first field takes focus, so keyboard users land where they need to type; after a removal (its
 * button gone with it) the Add button does, rather than the top of the page. Call `added(key)` or
 * `removed()` beside the state change; the Add button takes `addButtonId`, each entry the id
 * `<idPrefix>-<key>`.
 */
export function useListFocus(idPrefix: string, entries: unknown) {
  const addButtonId = useId();
  const pending = useRef<{ added: number } | 'removed' | null>(null);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    if (target === 'removed') document.getElementById(addButtonId)?.focus();
    else if (target) document.getElementById(`${idPrefix}-${target.added}`)?.querySelector('input')?.focus();
  }, [entries, addButtonId, idPrefix]);
  const added = useCallback((key: number) => {
    pending.current = { added: key };
  }, []);
  const removed = useCallback(() => {
    pending.current = 'removed';
  }, []);
  return { addButtonId, added, removed };
}
