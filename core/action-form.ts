import type { Action, ActionDraft } from './action';
import { formatMeetingCode, parseMeetingCode } from './action-ref';
import { confirmDueDate, parseDueDate } from './due-date';
import { ValidationError } from './errors';
import { FieldCollector, type FormResult } from './form-result';
import { parsePickedPeople, readOwnerInputs, type PickedPersonLookup } from './owner';
import { TEXT_RULES, checkText } from './text-rules';

/**
 * The action form's input ids: the seed's columns, the **New area** beside the meeting's areas,
 * the people picker beside **Owner**, and the switch that confirms a due date in the past. Card
 * builders and the submit handler both use these, so a renamed input cannot silently lose its
 * value.
 */
export const ACTION_FORM_FIELDS = [
  'area',
  'newArea',
  'text',
  'owner',
  'people',
  'due',
  'confirmPast',
  'update',
] as const;

export type ActionFormField = (typeof ACTION_FORM_FIELDS)[number];

/** The button the action form is submitted with (quoted by the past-date question). */
export const ADD_ACTION_BUTTON = 'Add action';

/** Options for {@link validateActionDraft}. */
export interface ActionFormOptions {
  /** The group's zone, for dates in words and date-and-time values. Defaults to Europe/London. */
  readonly timeZone?: string;
  /**
   * The current time. Given, a due date before today is refused until the form comes back with
   * the `confirmPast` switch on (the error is on `confirmPast`, which makes the card show the
   * switch); absent (an import of old actions), past dates pass.
   */
  readonly now?: Date;
  /** Names the people picked in the people picker; without it picking anyone is refused. */
  readonly lookupPerson?: PickedPersonLookup;
}

/**
 * Reads the action form as submitted (all text) into a draft, or returns every field's error at
 * once so the card can show them all and keep the input. The area is **New area** when one was
 * typed, else the area chosen; the owners are the typed ones and the people picked, together.
 * Values that are not text (a forged payload) are errors on their field, never exceptions.
 */
export function validateActionDraft(
  raw: Record<string, unknown>,
  options: ActionFormOptions = {},
): FormResult<ActionDraft, ActionFormField> {
  const fields = new FieldCollector<ActionFormField>();
  const area = readArea(raw, fields);
  const text = fields.check('text', () => checkText(raw.text, TEXT_RULES.actionText));
  // Checked on its own as well, so a bad picker value is reported beside a bad Owner text.
  fields.check('people', () => parsePickedPeople(raw.people));
  let owners: ActionDraft['owners'] | undefined;
  try {
    owners = readOwnerInputs(raw, { owner: 'owner', people: 'people' }, options.lookupPerson);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    fields.add(error.field === 'people' ? 'people' : 'owner', error.message);
  }
  const due = fields.check('due', () =>
    parseDueDate(asText(raw.due, 'Due date', 'due'), {
      timeZone: options.timeZone,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  if (due && options.now) {
    const { now } = options;
    fields.check('confirmPast', () =>
      confirmDueDate(due, {
        now,
        timeZone: options.timeZone,
        confirmed: raw.confirmPast === 'true',
        field: 'confirmPast',
        button: ADD_ACTION_BUTTON,
      }),
    );
  }
  const update = fields.check('update', () => checkText(raw.update, TEXT_RULES.update));
  return fields.result(() => ({
    area: area ?? '',
    text: text ?? '',
    owners: owners ?? [],
    ...(due ? { due } : {}),
    ...(update ? { update } : {}),
  }));
}

/**
 * What **Add another** carries from the action just added to the next form: its meeting, its
 * area and its due date (most actions of a meeting are due at the next one).
 */
export interface NextActionPrefill {
  /** e.g. `CCAG003`. */
  readonly meetingCode: string;
  readonly area: string;
  /** `yyyy-mm-dd`, as the form's date picker takes it; absent when the action has none. */
  readonly due?: string;
}

/** The data of the Add another button on the card of `action`. */
export function nextActionPrefill(action: Action): NextActionPrefill {
  return {
    meetingCode: action.meetingCode,
    area: action.area,
    ...(action.due ? { due: action.due.date } : {}),
  };
}

/**
 * Reads the data an Add another button sent (a card can be forged or stale).
 *
 * @throws ValidationError when the meeting code, area or due date is not usable.
 */
export function readNextActionPrefill(data: Readonly<Record<string, unknown>>): NextActionPrefill {
  const meeting =
    typeof data.meetingCode === 'string' ? parseMeetingCode(data.meetingCode) : undefined;
  if (!meeting) {
    throw new ValidationError('This button does not say which meeting it adds to.', 'meetingCode');
  }
  const area = checkText(data.area, TEXT_RULES.area);
  const due =
    data.due === undefined ? undefined : parseDueDate(asText(data.due, 'Due date', 'due'));
  return {
    meetingCode: formatMeetingCode(meeting.groupCode, meeting.meetingNumber),
    area,
    ...(due ? { due: due.date } : {}),
  };
}

/**
 * The area of a form with a choice of the meeting's areas (`area`) and a **New area** text
 * input (`newArea`): a new area typed wins, since typing one is deliberate; else the choice.
 * Forms that have only the text input send `area` alone.
 */
export function readArea(
  raw: Readonly<Record<string, unknown>>,
  fields: { check<T>(field: 'area' | 'newArea', read: () => T): T | undefined },
): string | undefined {
  const typed = fields.check('newArea', () =>
    checkText(raw.newArea, {
      ...TEXT_RULES.area,
      field: 'newArea',
      label: 'New area',
      required: false,
    }),
  );
  if (typed) return typed;
  if (typed === undefined) return undefined;
  return fields.check('area', () => checkText(raw.area, TEXT_RULES.area));
}

// parseDueDate takes a string; a forged payload may send anything.
function asText(value: unknown, label: string, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`, field);
  return value;
}
