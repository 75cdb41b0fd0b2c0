import { DateTime } from 'luxon';
import { ValidationError } from './errors';
import { TEXT_LIMITS, checkText } from './text-rules';
import { DEFAULT_TIME_ZONE, localDate, parseTimeZone } from './time-zone';

/**
 * When an action is due: a calendar date in the group's time zone, with an optional note
 * (`16/03/22 (to include in meeting papers)`). "No due date" is `undefined`, not a DueDate.
 */
export interface DueDate {
  /** ISO calendar date, `yyyy-mm-dd`. */
  readonly date: string;
  readonly note?: string;
}

/** Options for {@link parseDueDate}. */
export interface ParseDueDateOptions {
  /** Zone to read a date-and-time value in; defaults to Europe/London. */
  readonly timeZone?: string;
}

const FIELD = 'due';
const FORMAT_HINT = 'Write the due date like 23/03/22, 23/03/2022 or 2022-03-23.';
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?$/i;
// Dates print with a two-digit year (as the report does), so only one century can be told apart.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

const NOTE_RULE = {
  field: FIELD,
  label: 'Due date note',
  maxLength: TEXT_LIMITS.dueNote,
  required: false,
  multiline: false,
} as const;
const DUE_RULE = {
  field: FIELD,
  label: 'Due date',
  maxLength: TEXT_LIMITS.dueNote + 16,
  required: false,
  multiline: false,
} as const;

/**
 * Reads a due date as the report writes it (`23/03/22`, `16/03/22 (to include in meeting
 * papers)`), as a person may type it (`23/03/2022`), or as the card's date picker sends it
 * (`2022-03-23`). Two-digit years are 20xx. Empty text means no due date.
 *
 * @throws ValidationError (field `due`) for text that is not a date or a date that does not exist
 *   (`31/02/22`), naming what is wrong.
 */
export function parseDueDate(text: string, options: ParseDueDateOptions = {}): DueDate | undefined {
  const checked = checkText(text, DUE_RULE);
  if (checked === '') return undefined;
  // The date runs up to the first space or bracket; whatever follows is the note.
  const match = /^([^\s(]+)\s*(.*)$/s.exec(checked);
  const date = readDate(match?.[1] ?? '', parseTimeZone(options.timeZone, FIELD));
  const note = readNote(match?.[2] ?? '');
  return note === '' ? { date } : { date, note };
}

/** Prints a due date as the report does: `23/03/22`, or `16/03/22 (note)`; `''` for none. */
export function formatDueDate(due: DueDate | undefined): string {
  if (!due) return '';
  const date = formatShortDate(due.date);
  return due.note ? `${date} (${due.note})` : date;
}

/**
 * Prints an ISO calendar date the way the report does, `dd/mm/yy` (`2022-02-24` → `24/02/22`).
 *
 * @throws ValidationError when `isoDate` is not a real `yyyy-mm-dd` date.
 */
export function formatShortDate(isoDate: string): string {
  return isoToDateTime(isoDate).toFormat('dd/MM/yy');
}

/**
 * Checks a due date that arrives as a value (from storage, an import or another module).
 *
 * @throws ValidationError (field `due`) when the date does not exist or the note is unusable.
 */
export function checkDueDate(due: DueDate | undefined): DueDate | undefined {
  if (due === undefined) return undefined;
  if (typeof due !== 'object' || due === null || typeof due.date !== 'string') {
    throw new ValidationError(`The due date is missing its date. ${FORMAT_HINT}`, FIELD);
  }
  const date = isoToDateTime(due.date).toISODate() ?? '';
  const note = checkText(due.note, NOTE_RULE);
  return note === '' ? { date } : { date, note };
}

/** True when both are no due date, or the same date with the same note. */
export function sameDueDate(a: DueDate | undefined, b: DueDate | undefined): boolean {
  return a?.date === b?.date && (a?.note ?? '') === (b?.note ?? '');
}

/**
 * True when the due date has passed in the group's time zone: an action due 23/03/22 is overdue
 * from the start of 24 March there, wherever the server runs.
 */
export function isOverdue(
  due: DueDate | undefined,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean {
  if (!due) return false;
  // ISO calendar dates compare correctly as text.
  return localDate(now, timeZone) > due.date;
}

function readDate(text: string, timeZone: string): string {
  const dayMonthYear = DAY_MONTH_YEAR.exec(text);
  if (dayMonthYear) {
    const year = Number(dayMonthYear[3]);
    return realDate(
      year < 100 ? FIRST_YEAR + year : year,
      Number(dayMonthYear[2]),
      Number(dayMonthYear[1]),
      text,
    );
  }
  const iso = ISO_DATE.exec(text);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  if (ISO_DATE_TIME.test(text)) {
    // A moment (e.g. from a calendar) means the day it falls on where the group is.
    const moment = DateTime.fromISO(text, { zone: timeZone });
    const date = moment.isValid ? moment.setZone(timeZone).toISODate() : null;
    if (date !== null) return realDate(...splitIso(date), text);
  }
  throw new ValidationError(`"${text}" is not a date. ${FORMAT_HINT}`, FIELD);
}

function realDate(year: number, month: number, day: number, asWritten: string): string {
  if (month < 1 || month > 12) {
    throw new ValidationError(`${asWritten} is not a date: there is no month ${month}.`, FIELD);
  }
  const monthStart = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
  const daysInMonth = monthStart.daysInMonth ?? 31;
  if (day < 1 || day > daysInMonth) {
    throw new ValidationError(
      `${asWritten} is not a date: ${monthStart.toFormat('LLLL yyyy')} has ${daysInMonth} days.`,
      FIELD,
    );
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ValidationError(
      `${asWritten} is out of range: the year must be from ${FIRST_YEAR} to ${LAST_YEAR}.`,
      FIELD,
    );
  }
  return monthStart.set({ day }).toISODate() ?? '';
}

function isoToDateTime(isoDate: string): DateTime {
  const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
  if (!match) throw new ValidationError(`"${String(isoDate)}" is not a yyyy-mm-dd date.`, FIELD);
  const date = realDate(...splitIso(isoDate), isoDate);
  return DateTime.fromISO(date, { zone: 'utc' });
}

function splitIso(isoDate: string): [number, number, number] {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return [Number(year), Number(month), Number(day)];
}

function readNote(text: string): string {
  const trimmed = text.trim();
  // The report writes the note in brackets; strip one pair so printing adds them back once.
  const unwrapped =
    trimmed.startsWith('(') && trimmed.endsWith(')') ? trimmed.slice(1, -1).trim() : trimmed;
  return checkText(unwrapped, NOTE_RULE);
}
