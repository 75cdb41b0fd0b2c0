// English only: the package's main entry loads every language chrono-node knows.
import * as chronoEnglish from 'chrono-node/en';
import { DateTime } from 'luxon';
import { ValidationError } from './errors';
import { TEXT_LIMITS, TEXT_RULES, checkText } from './text-rules';
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
  /**
   * The group's zone: "next Tuesday" means next Tuesday there, and a date-and-time value means
   * the day it falls on there. Defaults to Europe/London.
   */
  readonly timeZone?: string;
  /** The moment relative dates ("in 2 weeks") count from; defaults to the current time. */
  readonly now?: Date;
}

/**
 * The words of the switch a person turns on to keep a due date that has passed. The card shows it
 * and the message asking for it quotes it, so both come from here.
 */
export const PAST_DUE_CONFIRMATION = 'Yes, the date is in the past';

const FIELD = 'due';
const FORMAT_HINT =
  'Write the due date like 23/03/22, 15 Jan 2027, next Tuesday, in 2 weeks or end of March.';
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
 * papers)`), as a person may type it (`23/03/2022`, `15 Jan 2027`, `next Tuesday`, `in 2 weeks`,
 * `end of March`, in British English), or as the card's date picker sends it (`2022-03-23`).
 * Two-digit years are 20xx; a date without a year is the next one to come. Relative dates count
 * from `now` on the calendar of the group's zone, so "tomorrow" typed at 00:30 on a clock-change
 * night is the next day there, not in UTC. Empty text means no due date.
 *
 * A note may follow the date: after `23/03/22` anything that follows is the note (as the report
 * writes it); after a date in words it goes in brackets or after a comma (`next Tuesday (after
 * the board)`), so that "Friday week" is refused rather than read as Friday with a note "week".
 *
 * @throws ValidationError (field `due`) for text that is not a date or a date that does not exist
 *   (`31/02/22`), naming what is wrong.
 */
export function parseDueDate(text: string, options: ParseDueDateOptions = {}): DueDate | undefined {
  const checked = checkText(text, DUE_RULE);
  if (checked === '') return undefined;
  const { date, rest, inWords } = readLeadingDate(checked, options);
  const note = readNote(inWords ? noteAfterWords(rest, checked) : rest);
  return note === '' ? { date } : { date, note };
}

/** A due date typed with the reason it moves, as the `due` shortcut takes them. */
export interface DueDateWithReason {
  readonly due?: DueDate;
  /** What follows the date and its bracketed note; `''` when nothing does. */
  readonly reason: string;
}

/**
 * Reads `<date> [(note)] [reason]`, as in `CCAG04-03 due next tuesday waiting for Ofgem` or
 * `CCAG03-04 due 16/03/22 (to include in meeting papers) papers go out early`: the date in any
 * form {@link parseDueDate} takes, an optional note in brackets, and the rest is the reason.
 * Empty text means no due date (the shortcut then removes it).
 *
 * @throws ValidationError (field `due`) when the text does not start with a date.
 */
export function parseDueDateWithReason(
  text: string,
  options: ParseDueDateOptions = {},
): DueDateWithReason {
  const checked = checkText(text, {
    ...DUE_RULE,
    maxLength: DUE_RULE.maxLength + TEXT_LIMITS.reason,
    multiline: true,
  });
  if (checked === '') return { reason: '' };
  const { date, rest } = readLeadingDate(checked, options);
  const bracketed = /^\s*\(([^)]*)\)\s*([\s\S]*)$/.exec(rest);
  const note = readNote(bracketed?.[1] ?? '');
  const reason = checkText((bracketed ? bracketed[2] : rest) ?? '', TEXT_RULES.reason);
  return { due: note === '' ? { date } : { date, note }, reason };
}

/** Options for {@link confirmDueDate}. */
export interface ConfirmDueDateOptions {
  readonly now: Date;
  readonly timeZone?: string;
  /** The person turned on the {@link PAST_DUE_CONFIRMATION} switch. */
  readonly confirmed: boolean;
  /** The switch's input id, carried on the error so the card shows the message beside it. */
  readonly field: string;
  /** The button the person presses again, for the message: "Add action", "Save due date". */
  readonly button?: string;
  /**
   * How to confirm where there is no switch (a typed shortcut), ending the message instead of
   * "turn on … and select … again": e.g. `send "CCAG03-04 due 01/01/22 confirm"`.
   */
  readonly confirmBy?: string;
  /** The due date before the change: keeping its date (a new note only) asks nothing. */
  readonly current?: DueDate;
}

/**
 * Asks once before a due date that has already passed is saved: a typo (`23/03/21` for
 * `23/03/26`) is far likelier than an action due last year. A date today or later, no date, or
 * a confirmed past date passes, and so does keeping the date the action already has.
 *
 * @throws ValidationError (field `options.field`) asking for the confirmation.
 */
export function confirmDueDate(due: DueDate | undefined, options: ConfirmDueDateOptions): void {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!due || options.confirmed || !isOverdue(due, options.now, zone)) return;
  if (options.current?.date === due.date) return;
  const today = formatShortDate(localDate(options.now, zone));
  const how =
    options.confirmBy ??
    `turn on "${PAST_DUE_CONFIRMATION}" and select ${options.button ?? 'it'} again`;
  throw new ValidationError(
    `${formatShortDate(due.date)} is in the past (today is ${today}). If that is right, ${how}.`,
    options.field,
  );
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
  const [year, month, day] = checkedIso(isoDate).split('-');
  return `${day}/${month}/${year?.slice(2)}`;
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
  const date = checkedIso(due.date);
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

interface LeadingDate {
  readonly date: string;
  /** The text after the date. */
  readonly rest: string;
  /** The date was written in words ("next Tuesday"), not as digits. */
  readonly inWords: boolean;
}

// The date runs up to the first space or bracket when it is written in digits.
const FIRST_WORD = /^([^\s(]+)\s*([\s\S]*)$/;

function readLeadingDate(text: string, options: ParseDueDateOptions): LeadingDate {
  const timeZone = parseTimeZone(options.timeZone, FIELD);
  const [, first = '', rest = ''] = FIRST_WORD.exec(text) ?? [];
  const numeric = readNumericDate(first, timeZone);
  if (numeric !== undefined) return { date: numeric, rest, inWords: false };
  const words = readDateInWords(text, timeZone, options.now ?? new Date());
  if (words) return { ...words, inWords: true };
  throw new ValidationError(`"${text}" is not a date. ${FORMAT_HINT}`, FIELD);
}

/** `23/03/22`, `23/03/2022`, `2022-03-23` or a date and time; undefined for anything else. */
function readNumericDate(text: string, timeZone: string): string | undefined {
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
    throw new ValidationError(`"${text}" is not a date. ${FORMAT_HINT}`, FIELD);
  }
  return undefined;
}

// "by end of March": the "by" is how people say a deadline, not part of the date.
const DEADLINE_WORD = /^(?:by|on|before)\s+/i;

/**
 * A date in British English words at the start of the text, read by chrono-node on the
 * calendar of the group's zone. chrono counts in the zone of the reference it is given, so it
 * gets the wall-clock time of the group's zone as a UTC instant with offset 0: "in 2 weeks" then
 * adds calendar days there, and a summer-time change in between moves nothing.
 */
function readDateInWords(
  text: string,
  timeZone: string,
  now: Date,
): { date: string; rest: string } | undefined {
  const wall = DateTime.fromJSDate(now, { zone: timeZone });
  if (!wall.isValid) throw new ValidationError('The current time is not a valid date.', 'now');
  const reference = new Date(
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second),
  );
  const lead = DEADLINE_WORD.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  const [found] = chronoEnglish.GB.parse(
    body,
    { instant: reference, timezone: 0 },
    { forwardDate: true },
  );
  if (!found || found.index !== 0) return undefined;
  const start = found.start;
  // chrono keeps a comma that follows the date ("next Tuesday, after the board"): it is ours.
  const matched = found.text.replace(/[\s,;:]+$/, '');
  if (!start.isCertain('day') && !start.isCertain('weekday')) {
    throw new ValidationError(`"${matched}" does not say which day. ${FORMAT_HINT}`, FIELD);
  }
  const date = realDate(
    start.get('year') ?? wall.year,
    start.get('month') ?? wall.month,
    start.get('day') ?? wall.day,
    matched,
  );
  return { date, rest: body.slice(matched.length) };
}

// After a date in words, a note needs a bracket or a comma (`next Tuesday, after the board`):
// "Friday week" would otherwise become Friday with the note "week".
function noteAfterWords(rest: string, asWritten: string): string {
  const trimmed = rest.trim();
  if (trimmed === '' || trimmed.startsWith('(')) return trimmed;
  const separated = /^[,;:–—-]\s*([\s\S]*)$/.exec(trimmed);
  if (separated) return separated[1] ?? '';
  throw new ValidationError(
    `"${asWritten}" is not a date. ${FORMAT_HINT} Put a note in brackets after the date: ` +
      'next Tuesday (after the board).',
    FIELD,
  );
}

function realDate(year: number, month: number, day: number, asWritten: string): string {
  if (month < 1 || month > 12) {
    throw new ValidationError(`${asWritten} is not a date: there is no month ${month}.`, FIELD);
  }
  // Day 0 of the next month is this month's last day (plain arithmetic: every card asks).
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  const daysInMonth = lastDay.getUTCDate();
  if (day < 1 || day > daysInMonth) {
    const monthName = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' }).toFormat(
      'LLLL yyyy',
    );
    throw new ValidationError(
      `${asWritten} is not a date: ${monthName} has ${daysInMonth} days.`,
      FIELD,
    );
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ValidationError(
      `${asWritten} is out of range: the year must be from ${FIRST_YEAR} to ${LAST_YEAR}.`,
      FIELD,
    );
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `yyyy-mm-dd` date, checked to exist. */
function checkedIso(isoDate: string): string {
  const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
  if (!match) throw new ValidationError(`"${String(isoDate)}" is not a yyyy-mm-dd date.`, FIELD);
  return realDate(...splitIso(isoDate), isoDate);
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
