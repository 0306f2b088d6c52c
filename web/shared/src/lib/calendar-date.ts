const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day of the calendar (YYYY-MM-DD, a date of birth: no time, no zone) as a language writes it (`tag`: en-IN,
 * hi-IN); anything that is not such a day, as it is.
 */
export function calendarDateText(
  tag: string,
  value: string,
  dateStyle: 'medium' | 'long' = 'medium',
): string {
  const day = new Date(`${value}T00:00:00Z`);
  if (!CALENDAR_DATE.test(value) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    return value;
  // In UTC, where the day was put: in the reader's zone a birthday west of Greenwich would fall a day early.
  return new Intl.DateTimeFormat(tag, { dateStyle, timeZone: 'UTC' }).format(day);
}
