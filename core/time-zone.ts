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
  const date = DateTime.fromJSDate(now, { zone: parseTimeZone(timeZone) }).toISODate();
  if (date === null) throw new ValidationError('The current time is not a valid date.', 'now');
  return date;
}

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
