import { DateTime, IANAZone } from 'luxon';
import { ValidationError } from './errors';

/** The zone a group's dates mean when it names none: the committees this serves sit in the UK. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * Zone names already found valid. luxon checks a name by building an ICU date formatter, about a
 * tenth of a millisecond and 25 KiB of native memory that the allocator keeps (bench/memory), and
 * every group read and every due date shown asks again. Only valid names are kept, and only so
 * many: the time zone database has about 600.
 */
const VALID_ZONES = new Set<string>();
const MAX_VALID_ZONES = 1000;

/**
 * Checks an IANA time zone name such as `Europe/London`; an empty value means the default.
 *
 * @throws ValidationError (field `timeZone`) for a name the time zone database does not know.
 */
export function parseTimeZone(text: string | undefined, field = 'timeZone'): string {
  const zone = (text ?? '').trim();
  if (zone === '') return DEFAULT_TIME_ZONE;
  if (VALID_ZONES.has(zone)) return zone;
  if (!IANAZone.isValidZone(zone)) {
    throw new ValidationError(
      `"${zone}" is not a time zone; use a name like Europe/London.`,
      field,
    );
  }
  if (VALID_ZONES.size < MAX_VALID_ZONES) VALID_ZONES.add(zone);
  return zone;
}

/** The calendar date (`yyyy-mm-dd`) it is at `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(now.getTime())) {
    throw new ValidationError('The current time is not a valid date.', 'now');
  }
  const zone = parseTimeZone(timeZone);
  const date = calendarDateFormat(zone).format(now);
  // An ICU build that prints another form: luxon computes it instead.
  return /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? date
    : (DateTime.fromJSDate(now, { zone }).toISODate() ?? date);
}

/**
 * A formatter per zone that prints `yyyy-mm-dd` (the en-CA date form): every card asks whether
 * an action is overdue, and a kept Intl formatter answers in microseconds.
 */
function calendarDateFormat(zone: string): Intl.DateTimeFormat {
  let format = DATE_FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (DATE_FORMATS.size < MAX_VALID_ZONES) DATE_FORMATS.set(zone, format);
  }
  return format;
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant `now` as an ISO 8601 UTC timestamp, the form every `at` and `createdAt` takes.
 *
 * @throws ValidationError for an invalid Date, so no record ever carries "Invalid Date".
 */
export function toTimestamp(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new ValidationError('The time of the change is not a valid date.', 'now');
  }
  return now.toISOString();
}
