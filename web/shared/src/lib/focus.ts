import { useEffect, useRef } from 'react';

/**
 * A ref whose element takes focus when `shown` turns true after the first render. The control the user
 * pressed is gone by then (replaced by its outcome), and focus would otherwise drop to the top of the
 * page, where a keyboard or screen reader user has to find their place again. The element needs
 * `tabIndex={-1}` unless it is focusable itself.
 */
export function useFocusWhenShown<Element extends HTMLElement>(shown: boolean) {
  const ref = useRef<Element>(null);
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current) ref.current?.focus();
    wasShown.current = shown;
  }, [shown]);
  return ref;
}
