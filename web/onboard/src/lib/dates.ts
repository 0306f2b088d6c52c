import { useCallback } from 'react';
import { useLocale } from '../../../shared/src/i18n/i18n';

/** Formats an ISO time for the reader: "3 Dec 2026, 2:05 am" (en-IN) or its Hindi form, in their time zone. */
export function useFormatDateTime(): (iso: string) => string {
  const { locale } = useLocale();
  return useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(iso)),
    [locale],
  );
}

/** Formats an ISO time as a date only: "3 Dec 2034" (en-IN) or its Hindi form. */
export function useFormatDate(): (iso: string) => string {
  const { locale } = useLocale();
  return useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', { dateStyle: 'medium' }).format(
        new Date(iso),
      ),
    [locale],
  );
}
