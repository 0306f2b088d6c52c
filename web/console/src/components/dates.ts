import { useCallback } from 'react';
import { useLocale } from '../../../shared/src/i18n/i18n';

/** `datetime`: date and minutes; `seconds`: to the second (history, checks, evidence); `date`: the day only. */
export type DateStyle = 'datetime' | 'seconds' | 'date';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  seconds: { dateStyle: 'medium', timeStyle: 'medium' },
  date: { dateStyle: 'medium' },
};

/** Dates and times as the reader's language writes them, in their own time zone; '' for none. */
export function useDateFormat() {
  const { locale } = useLocale();
  const tag = locale === 'hi' ? 'hi-IN' : 'en-IN';
  return useCallback(
    (iso: string | null | undefined, style: DateStyle = 'datetime'): string =>
      iso ? new Intl.DateTimeFormat(tag, OPTIONS[style]).format(new Date(iso)) : '',
    [tag],
  );
}
