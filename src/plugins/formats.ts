/** The part of ajv this needs: Fastify's compiler hands its instance to `onCreate`. */
interface FormatRegistry {
  addFormat(name: string, format: RegExp | { type: 'string'; validate: (value: string) => boolean }): unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
/** PostgreSQL's dates have no year 0, and JavaScript writes a year past 9999 as +010000, which it refuses. */
const MIN_TIME = Date.parse('0001-01-01T00:00:00Z'); // not Date.UTC, which reads year 1 as 1901
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

const withinYears = (time: number) => Number.isFinite(time) && time >= MIN_TIME && time <= MAX_TIME;

/** A calendar date (no 30 February) from year 1 to 9999. */
function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** RFC 3339 with an offset, no leap second (JavaScript cannot read one), years 1 to 9999 once in UTC. */
function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isDate(match[1]!)) return false;
  const [hour, minute, second] = [match[2], match[3], match[4]].map(Number) as [number, number, number];
  const [offsetHour, offsetMinute] = [Number(match[6] ?? 0), Number(match[7] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 23 || offsetMinute > 59) return false;
  return withinYears(Date.parse(value.replace(' ', 'T')));
}

/**
 * The formats request schemas use, as tight as what the code and the database accept, so that a value that
 * passes validation never fails further in (a 500): `uuid` without ajv's `urn:uuid:` prefix, `date` and
 * `date-time` within years 1 to 9999, without a leap second.
 */
export function addStrictFormats(ajv: FormatRegistry): void {
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('date', { type: 'string', validate: isDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
}
