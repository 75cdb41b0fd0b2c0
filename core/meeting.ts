import { DateTime } from 'luxon';
import {
  assertMeetingNumber,
  formatMeetingCode,
  parseGroupCode,
  parseMeetingCode,
} from './action-ref';
import { NotFoundError, ValidationError } from './errors';
import { FieldCollector, type FormResult } from './form-result';
import { checkGroupName } from './group';
import { TEXT_LIMITS, checkText, type TextRule } from './text-rules';
import { DEFAULT_TIME_ZONE, parseTimeZone } from './time-zone';

export type MeetingState = 'planned' | 'inProgress' | 'ended' | 'reportIssued';

/** One meeting of a group, e.g. CCAG003. */
export interface Meeting {
  readonly groupCode: string;
  readonly number: number;
  /** `CCAG003`. */
  readonly code: string;
  readonly title?: string;
  /** ISO 8601 UTC timestamps. */
  readonly start?: string;
  readonly end?: string;
  readonly venue: string;
  readonly classification: string;
  readonly teamsMeetingId?: string;
  readonly chatConversationId?: string;
  readonly state: MeetingState;
}

/** What is needed to record a meeting; everything but the group and number has a default. */
export interface MeetingInput {
  readonly groupCode: string;
  readonly number: number;
  readonly title?: string;
  readonly start?: string;
  readonly end?: string;
  readonly venue?: string;
  readonly classification?: string;
  readonly teamsMeetingId?: string;
  readonly chatConversationId?: string;
  readonly state?: MeetingState;
}

export const DEFAULT_VENUE = 'Virtual – MS Teams';
export const DEFAULT_CLASSIFICATION = 'Public';

const singleLine = (field: string, label: string, maxLength: number): TextRule => ({
  field,
  label,
  maxLength,
  required: false,
  multiline: false,
});
const VENUE_RULE = singleLine('venue', 'Venue', TEXT_LIMITS.venue);
const CLASSIFICATION_RULE = singleLine(
  'classification',
  'Classification',
  TEXT_LIMITS.classification,
);
const TITLE_RULE = singleLine('title', 'Title', TEXT_LIMITS.meetingTitle);
// Teams meeting and chat ids (`19:meeting_…@thread.v2`) run to about 100 characters; this allows
// for longer forms without letting a forged payload store kilobytes in a key-like field.
const TEAMS_ID_MAX_LENGTH = 1000;
const ID_RULE = singleLine('teamsMeetingId', 'Teams meeting id', TEAMS_ID_MAX_LENGTH);

// A meeting may be reopened (ended → in progress) when people rejoin; a report may be re-issued.
const NEXT_STATES: Record<MeetingState, readonly MeetingState[]> = {
  planned: ['inProgress', 'ended', 'reportIssued'],
  inProgress: ['ended', 'reportIssued'],
  ended: ['inProgress', 'reportIssued'],
  reportIssued: ['reportIssued'],
};

/**
 * Makes a meeting, filling in the venue (`Virtual – MS Teams`), classification (`Public`) and
 * state (`planned`) when not given.
 *
 * @throws ValidationError naming the first invalid field.
 */
export function createMeeting(input: MeetingInput): Meeting {
  const groupCode = parseGroupCode(input.groupCode);
  assertMeetingNumber(input.number);
  const start = checkInstant(input.start, 'start');
  const end = checkInstant(input.end, 'end');
  if (start && end && end < start) {
    throw new ValidationError('The meeting must end after it starts.', 'endTime');
  }
  const title = checkText(input.title, TITLE_RULE);
  const teamsMeetingId = checkText(input.teamsMeetingId, ID_RULE);
  const chatConversationId = checkText(input.chatConversationId, {
    ...ID_RULE,
    field: 'chatConversationId',
    label: 'Meeting chat id',
  });
  return {
    groupCode,
    number: input.number,
    code: formatMeetingCode(groupCode, input.number),
    ...(title ? { title } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    venue: checkVenue(input.venue),
    classification: checkClassification(input.classification),
    ...(teamsMeetingId ? { teamsMeetingId } : {}),
    ...(chatConversationId ? { chatConversationId } : {}),
    state: checkMeetingState(input.state),
  };
}

/**
 * Moves a meeting on: planned → in progress → ended → report issued.
 *
 * @throws ValidationError for a move back (e.g. an issued report's meeting to in progress).
 */
export function changeMeetingState(meeting: Meeting, to: MeetingState): Meeting {
  if (!NEXT_STATES[meeting.state].includes(to)) {
    throw new ValidationError(
      `Meeting ${meeting.code} is ${STATE_NAMES[meeting.state]}; it cannot become ${STATE_NAMES[to]}.`,
      'state',
    );
  }
  return { ...meeting, state: to };
}

function checkMeetingState(state: MeetingState | undefined): MeetingState {
  if (state === undefined) return 'planned';
  if (!Object.hasOwn(NEXT_STATES, state)) {
    throw new ValidationError(`"${String(state)}" is not a meeting state.`, 'state');
  }
  return state;
}

const STATE_NAMES: Record<MeetingState, string> = {
  planned: 'planned',
  inProgress: 'in progress',
  ended: 'ended',
  reportIssued: 'reported',
};

/**
 * The meeting's date and time as the report header shows it, in the group's zone:
 * `23 February 2022 1000-1200`. Empty when the start is not known.
 */
export function formatMeetingDateTime(
  meeting: Pick<Meeting, 'start' | 'end'>,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  if (!meeting.start) return '';
  const zone = parseTimeZone(timeZone);
  const start = DateTime.fromISO(meeting.start, { zone });
  const end = meeting.end ? DateTime.fromISO(meeting.end, { zone }) : undefined;
  const date = start.toFormat('d MMMM yyyy HHmm');
  return end?.isValid ? `${date}-${end.toFormat('HHmm')}` : date;
}

/** Checks a venue; empty means `Virtual – MS Teams`. @throws ValidationError (field `venue`). */
export function checkVenue(venue: unknown): string {
  return checkText(venue, VENUE_RULE) || DEFAULT_VENUE;
}

/**
 * Checks a classification; empty means `Public`. @throws ValidationError (field `classification`).
 */
export function checkClassification(classification: unknown): string {
  return checkText(classification, CLASSIFICATION_RULE) || DEFAULT_CLASSIFICATION;
}

/**
 * Reads a meeting number as typed: `3`, `003`, or the meeting code `CCAG003` when it belongs to
 * `groupCode`.
 *
 * @throws ValidationError (field `number`).
 */
export function parseMeetingNumber(value: unknown, groupCode?: string): number {
  if (typeof value === 'number') {
    assertMeetingNumber(value);
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError('Meeting number is required, e.g. 3 for CCAG003.', 'number');
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const meetingNumber = text.length <= 6 ? Number(text) : Number.NaN;
    assertMeetingNumber(meetingNumber);
    return meetingNumber;
  }
  const code = parseMeetingCode(text);
  if (code && (groupCode === undefined || code.groupCode === groupCode.toUpperCase())) {
    return code.meetingNumber;
  }
  throw new ValidationError(
    groupCode === undefined
      ? 'Meeting number must be a number, e.g. 3 for CCAG003.'
      : `Meeting number must be a number, e.g. 3 for ${groupCode.toUpperCase()}003.`,
    'number',
  );
}

/**
 * The number of the meeting a command names for a group, e.g. `report CCAG003` in a conversation
 * about CCAG: the meeting code (case ignored) or the number alone (`3`, `003`).
 *
 * @throws ValidationError (field `meeting`) when the text is not a meeting code, or names a
 *   meeting of another group (saying only which group this conversation follows, nothing of the
 *   other group).
 */
export function meetingNumberForCode(text: string, groupCode: string): number {
  const group = groupCode.toUpperCase();
  const typed = text.trim();
  const example = formatMeetingCode(group, 3);
  if (/^\d{1,6}$/.test(typed) && Number(typed) >= 1) {
    assertMeetingNumber(Number(typed), 'meeting');
    return Number(typed);
  }
  const code = parseMeetingCode(typed);
  if (!code) {
    throw new ValidationError(`"${typed}" is not a meeting code like ${example}.`, 'meeting');
  }
  if (code.groupCode !== group) {
    throw new ValidationError(
      `${typed.toUpperCase()} is not a ${group} meeting: this conversation follows ${group}, ` +
        `so name one of its meetings, like ${example}.`,
      'meeting',
    );
  }
  return code.meetingNumber;
}

/**
 * The meeting of the group that a command names (`CCAG003`, `3`), found among the group's
 * meetings (e.g. `listMeetings(groupCode)`).
 *
 * @throws ValidationError as {@link meetingNumberForCode} does.
 * @throws NotFoundError when the group has no such meeting, naming the meetings it has, e.g.
 *   "CCAG has no meeting CCAG009; its meetings are CCAG003 and CCAG004."
 */
export function findMeetingByCode(
  text: string,
  groupCode: string,
  meetings: readonly Meeting[],
): Meeting {
  const number = meetingNumberForCode(text, groupCode);
  const group = groupCode.toUpperCase();
  const found = meetings.find(
    (meeting) => meeting.groupCode === group && meeting.number === number,
  );
  if (found) return found;
  const known = meetings
    .filter((meeting) => meeting.groupCode === group)
    .sort((a, b) => a.number - b.number)
    .map((meeting) => meeting.code);
  const wanted = formatMeetingCode(group, number);
  throw new NotFoundError(
    known.length === 0
      ? `${group} has no meeting ${wanted}; it has no meetings yet.`
      : `${group} has no meeting ${wanted}; its meetings are ${listed(known)}.`,
  );
}

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The meeting form's input ids. */
export const MEETING_FORM_FIELDS = [
  'groupCode',
  'groupName',
  'number',
  'title',
  'date',
  'startTime',
  'endTime',
  'venue',
  'classification',
] as const;

export type MeetingFormField = (typeof MEETING_FORM_FIELDS)[number];

/** The meeting form, read and checked. */
export interface MeetingForm {
  readonly groupCode: string;
  /** Undefined when left empty (an existing group keeps its name). */
  readonly groupName?: string;
  readonly number: number;
  readonly title?: string;
  readonly start?: string;
  readonly end?: string;
  readonly venue: string;
  readonly classification: string;
}

/** Options for {@link validateMeetingForm}. */
export interface MeetingFormOptions {
  /** The group's zone, in which the date and times are meant. Defaults to Europe/London. */
  readonly timeZone?: string;
  /** True when the group is new, so its name must be given. */
  readonly requireGroupName?: boolean;
}

/**
 * Reads the meeting form (`groupCode`, `groupName`, `number`, `title`, `date` as `yyyy-mm-dd`,
 * `startTime` and `endTime` as `HH:mm`, `venue`, `classification`), or returns every field's
 * error at once.
 */
export function validateMeetingForm(
  raw: Record<string, unknown>,
  options: MeetingFormOptions = {},
): FormResult<MeetingForm, MeetingFormField> {
  const fields = new FieldCollector<MeetingFormField>();
  const groupCode = fields.check('groupCode', () =>
    parseGroupCode(typeof raw.groupCode === 'string' ? raw.groupCode : ''),
  );
  const groupName = fields.check('groupName', () =>
    options.requireGroupName || !isBlank(raw.groupName) ? checkGroupName(raw.groupName) : undefined,
  );
  const meetingNumber = fields.check('number', () => parseMeetingNumber(raw.number, groupCode));
  const title = fields.check('title', () => checkText(raw.title, TITLE_RULE));
  const venue = fields.check('venue', () => checkVenue(raw.venue));
  const classification = fields.check('classification', () =>
    checkClassification(raw.classification),
  );
  const zone = parseTimeZone(options.timeZone);
  const date = fields.check('date', () => readFormDate(raw.date));
  const startTime = fields.check('startTime', () => readFormTime(raw.startTime, 'startTime'));
  const endTime = fields.check('endTime', () => readFormTime(raw.endTime, 'endTime'));
  if ((startTime || endTime) && date === '') {
    fields.add('date', 'Give the meeting date as well as its time.');
  }
  const start = date && startTime ? toInstant(date, startTime, zone) : undefined;
  const end = date && endTime ? toInstant(date, endTime, zone) : undefined;
  if (start && end && end <= start) fields.add('endTime', 'The meeting must end after it starts.');
  if (end && !start) fields.add('startTime', 'Give the start time as well as the end time.');
  return fields.result(() => ({
    groupCode: groupCode ?? '',
    ...(groupName ? { groupName } : {}),
    number: meetingNumber ?? 0,
    ...(title ? { title } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    venue: venue ?? DEFAULT_VENUE,
    classification: classification ?? DEFAULT_CLASSIFICATION,
  }));
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

function readFormDate(value: unknown): string {
  const text = checkText(value, singleLine('date', 'Date', 10));
  if (text === '') return '';
  const date = DateTime.fromISO(text, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !date.isValid) {
    throw new ValidationError(`"${text}" is not a date; pick one from the calendar.`, 'date');
  }
  return text;
}

// Input.Time sends `HH:mm`; people also type `1000` as the report writes times.
function readFormTime(value: unknown, field: 'startTime' | 'endTime'): string {
  const label = field === 'startTime' ? 'Start time' : 'End time';
  const text = checkText(value, singleLine(field, label, 8));
  if (text === '') return '';
  const match = /^(\d{1,2}):?(\d{2})(?::\d{2})?$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    throw new ValidationError(`${label} must be a time like 10:00.`, field);
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function toInstant(date: string, time: string, zone: string): string | undefined {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO() ?? undefined;
}

function checkInstant(value: string | undefined, field: 'start' | 'end'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const instant = typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!instant?.isValid) {
    throw new ValidationError(
      `The meeting ${field} "${String(value)}" is not a date and time.`,
      field,
    );
  }
  return instant.toUTC().toISO() ?? undefined;
}
