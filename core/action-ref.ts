import { ValidationError } from './errors';

/** An action's reference, e.g. `CCAG03-01`: group CCAG, meeting 3, the meeting's first action. */
export interface ActionRef {
  readonly groupCode: string;
  readonly meetingNumber: number;
  readonly sequence: number;
}

/** A meeting's group and number, e.g. `CCAG003`: group CCAG, meeting 3. */
export interface MeetingCodeParts {
  readonly groupCode: string;
  readonly meetingNumber: number;
}

// Bounded so that every number stays exact and a ref stays short enough for a storage key.
export const MAX_MEETING_NUMBER = 9999;
export const MAX_SEQUENCE = 99999;

// A group code ends with a letter: `AB2` + meeting 3 would print `AB203-01`, which reads back as
// group AB, meeting 203. Ending on a letter keeps every ref and meeting code unambiguous.
const GROUP_CODE = /^[A-Z](?:[A-Z0-9]{0,8}[A-Z])$/;
const GROUP_CODE_SOURCE = '[A-Za-z](?:[A-Za-z0-9]{0,8}[A-Za-z])';
const ACTION_REF = new RegExp(`^(${GROUP_CODE_SOURCE})(\\d{2,})-(\\d{2,})$`, 'i');
const MEETING_CODE = new RegExp(`^(${GROUP_CODE_SOURCE})(\\d{3,})$`, 'i');
// In running text a ref may be followed by `-15`, meaning "up to 15" (`CCAG03-12-15`).
const CITED_REF = new RegExp(
  `(?<![A-Za-z0-9])(${GROUP_CODE_SOURCE})(\\d{2,})-(\\d{2,})(?:-(\\d{2,}))?(?![A-Za-z0-9]|-\\d)`,
  'gi',
);
// A range wider than this is more likely a typo than a citation; only its first ref is taken.
const MAX_CITED_RANGE = 100;

/** True when `code` is a valid group code: 2–10 upper-case letters or digits, first and last a letter. */
export function isGroupCode(code: string): boolean {
  return GROUP_CODE.test(code);
}

/**
 * Reads a group code as a user typed it (case and surrounding white space ignored).
 *
 * @throws ValidationError (field `groupCode` unless given) when it is not a valid group code.
 */
export function parseGroupCode(text: string, field = 'groupCode'): string {
  const code = text.trim().toUpperCase();
  if (code === '') throw new ValidationError('Group code is required, e.g. CCAG.', field);
  if (!isGroupCode(code)) {
    throw new ValidationError(
      'Group code must be 2 to 10 letters or digits, starting and ending with a letter, e.g. CCAG.',
      field,
    );
  }
  return code;
}

/**
 * Checks a meeting number: a whole number from 1 to {@link MAX_MEETING_NUMBER}.
 *
 * @throws ValidationError (field `number` unless given).
 */
export function assertMeetingNumber(meetingNumber: number, field = 'number'): void {
  if (!Number.isInteger(meetingNumber) || meetingNumber < 1 || meetingNumber > MAX_MEETING_NUMBER) {
    throw new ValidationError(
      `Meeting number must be a whole number from 1 to ${MAX_MEETING_NUMBER}.`,
      field,
    );
  }
}

function assertSequence(sequence: number): void {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new ValidationError(
      `An action's sequence number must be a whole number from 1 to ${MAX_SEQUENCE}.`,
      'ref',
    );
  }
}

function readNumber(digits: string, max: number): number | undefined {
  if (digits.length > String(max).length + 1) return undefined;
  const value = Number(digits);
  return value >= 1 && value <= max ? value : undefined;
}

/**
 * Reads an action ref such as `CCAG03-01` or `ccag123-100`; case is ignored and the group code
 * is returned upper-case. Returns undefined when the text is not exactly one ref.
 */
export function parseActionRef(text: string): ActionRef | undefined {
  const match = ACTION_REF.exec(text.trim());
  if (!match) return undefined;
  const meetingNumber = readNumber(match[2] ?? '', MAX_MEETING_NUMBER);
  const sequence = readNumber(match[3] ?? '', MAX_SEQUENCE);
  if (meetingNumber === undefined || sequence === undefined) return undefined;
  return { groupCode: (match[1] ?? '').toUpperCase(), meetingNumber, sequence };
}

/**
 * Prints a ref: the group code upper-case, meeting number and sequence two digits each, more
 * only when they need it (`CCAG03-01`, `CCAG123-01`, `CCAG03-100`).
 *
 * @throws ValidationError when a part is out of range, so a bad ref is never printed.
 */
export function formatActionRef(ref: ActionRef): string {
  const groupCode = parseGroupCode(ref.groupCode, 'ref');
  assertMeetingNumber(ref.meetingNumber, 'ref');
  assertSequence(ref.sequence);
  return `${groupCode}${pad(ref.meetingNumber, 2)}-${pad(ref.sequence, 2)}`;
}

/**
 * Orders refs as a report lists them: by group code, then meeting number, then sequence, all
 * numerically (`CCAG03-09` before `CCAG03-10`, `CCAG03-99` before `CCAG03-100`). Accepts refs or
 * their text.
 *
 * @throws ValidationError when a text is not a ref.
 */
export function compareActionRefs(a: ActionRef | string, b: ActionRef | string): number {
  const left = toRef(a);
  const right = toRef(b);
  if (left.groupCode !== right.groupCode) return left.groupCode < right.groupCode ? -1 : 1;
  return left.meetingNumber - right.meetingNumber || left.sequence - right.sequence;
}

function toRef(ref: ActionRef | string): ActionRef {
  if (typeof ref !== 'string') return ref;
  const parsed = parseActionRef(ref);
  if (!parsed) throw new ValidationError(`"${ref}" is not an action reference.`, 'ref');
  return parsed;
}

/** Options for {@link findActionRefs}. */
export interface FindActionRefsOptions {
  /** Only refs of this group count; other look-alikes (`COVID19-20`) are ignored. */
  readonly groupCode?: string;
}

/**
 * Finds the refs a text cites, in order of first mention and without repeats. A range such as
 * `(action CCAG03-12-15)` cites CCAG03-12, -13, -14 and -15.
 */
export function findActionRefs(text: string, options: FindActionRefsOptions = {}): ActionRef[] {
  const wantedGroup = options.groupCode?.toUpperCase();
  const found: ActionRef[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(CITED_REF)) {
    const groupCode = (match[1] ?? '').toUpperCase();
    if (wantedGroup !== undefined && groupCode !== wantedGroup) continue;
    const meetingNumber = readNumber(match[2] ?? '', MAX_MEETING_NUMBER);
    const first = readNumber(match[3] ?? '', MAX_SEQUENCE);
    if (meetingNumber === undefined || first === undefined) continue;
    const last = match[4] === undefined ? undefined : readNumber(match[4], MAX_SEQUENCE);
    const end = last !== undefined && last > first && last - first < MAX_CITED_RANGE ? last : first;
    for (let sequence = first; sequence <= end; sequence++) {
      const ref = { groupCode, meetingNumber, sequence };
      const key = formatActionRef(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(ref);
    }
  }
  return found;
}

/**
 * Prints a meeting code: the group code and the meeting number in three digits, more only when
 * needed (`CCAG003`, `CCAG1234`).
 *
 * @throws ValidationError when the group code or number is not valid.
 */
export function formatMeetingCode(groupCode: string, meetingNumber: number): string {
  const code = parseGroupCode(groupCode);
  assertMeetingNumber(meetingNumber);
  return `${code}${pad(meetingNumber, 3)}`;
}

/** Reads a meeting code such as `CCAG003` (case ignored); undefined when it is not one. */
export function parseMeetingCode(text: string): MeetingCodeParts | undefined {
  const match = MEETING_CODE.exec(text.trim());
  if (!match) return undefined;
  const meetingNumber = readNumber(match[2] ?? '', MAX_MEETING_NUMBER);
  if (meetingNumber === undefined) return undefined;
  return { groupCode: (match[1] ?? '').toUpperCase(), meetingNumber };
}

/** The code of the meeting an action was raised in: `CCAG03-01` belongs to `CCAG003`. */
export function meetingCodeOfRef(ref: ActionRef): string {
  return formatMeetingCode(ref.groupCode, ref.meetingNumber);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
