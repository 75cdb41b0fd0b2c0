import { ADD_ACTION_BUTTON, type ActionFormField } from '../core/action-form';
import { PAST_DUE_CONFIRMATION, parseDueDate } from '../core/due-date';
import type { FieldErrors } from '../core/form-result';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptive-card';
import { areaInput } from './area-input';
import { CARD_VERBS } from './card-verbs';
import { fieldError, formHeader, formInput } from './form-input';
import { MEETING_INPUTS } from './meeting-form-card';
import { peoplePicker, type PickablePerson } from './people-picker';

export { ADD_ACTION_BUTTON };

/** The inputs the action form asks for when the conversation has no meeting set up yet. */
export type MeetingSetupField = 'groupCode' | 'meetingNumber';

/** Which meeting the form adds to: a known one, or one its first submit sets up. */
export type ActionFormMeeting =
  | { readonly code: string }
  | { readonly needsSetup: true; readonly groupCode?: string; readonly meetingNumber?: string };

/** Options for {@link buildActionFormCard}. */
export interface ActionFormCardOptions {
  /** Prefill, or everything the user typed when the form comes back with errors. */
  readonly values?: Partial<Record<ActionFormField, string>>;
  readonly errors?: FieldErrors<ActionFormField | MeetingSetupField>;
  /** The meeting's areas so far, in the order first used; the last one prefills Area. */
  readonly areasInMeeting?: readonly string[];
  readonly meeting?: ActionFormMeeting;
  /** A message about the whole form, e.g. "Nothing was saved: storage is unavailable." */
  readonly message?: string;
  /**
   * Whom the people picker offers before anyone types: the person adding, the meeting's owners
   * so far (see `pickablePeople`). Without anyone the picker is left out and Owner is typed.
   */
  readonly people?: readonly PickablePerson[];
}

export const ACTION_FORM_TITLE = 'Add an action';

/**
 * The action form: the seed's columns **Area**, **Action**, **Owner**, **Due date**, **Update**,
 * and **Add action** (verb `addAction`). Area is a choice of the meeting's areas with **New
 * area** beside it once there are some; **People in this chat** (the Teams people picker) sits
 * beside Owner, either or both used; **Due date** is a date picker. Server-side errors show under
 * their inputs and every value typed is kept; a due date in the past brings the switch that
 * confirms it. With no meeting set up it also asks for **Group code** and **Meeting number**,
 * which its first submit uses to set the meeting up.
 */
export function buildActionFormCard(options: ActionFormCardOptions = {}): AdaptiveCard {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const meeting = options.meeting;
  const setup = meeting && 'needsSetup' in meeting ? meeting : undefined;
  return adaptiveCard(
    [
      ...formHeader(ACTION_FORM_TITLE, {
        meetingCode: meeting && 'code' in meeting ? meeting.code : undefined,
        message: options.message,
      }),
      ...(setup
        ? [
            textBlock(
              'No meeting is set up here yet: give its group code and number, and this ' +
                'action will set it up.',
              { isSubtle: true },
            ),
            ...formInput({
              ...MEETING_INPUTS.groupCode,
              id: 'groupCode',
              value: setup.groupCode,
              error: errors.groupCode,
            }),
            ...formInput({
              ...MEETING_INPUTS.number,
              id: 'meetingNumber',
              value: setup.meetingNumber,
              error: errors.meetingNumber,
            }),
          ]
        : []),
      ...areaInput({
        value: values.area,
        newArea: values.newArea,
        error: errors.area,
        newAreaError: errors.newArea,
        areasInMeeting: options.areasInMeeting,
      }),
      ...formInput({
        id: 'text',
        label: 'Action',
        value: values.text,
        error: errors.text,
        multiline: true,
        placeholder: 'What is to be done',
        requiredMessage: 'Say what is to be done.',
      }),
      // Not required on the client: people picked beside it are owners too.
      ...formInput({
        id: 'owner',
        label: 'Owner',
        value: values.owner,
        error: errors.owner,
        placeholder: 'Programme (Justin Andrews), Ofgem (Andy MacFaul), Code bodies',
      }),
      ...peoplePicker({
        id: 'people',
        people: options.people ?? [],
        value: values.people,
        error: errors.people,
      }),
      ...formInput({
        id: 'due',
        label: 'Due date',
        kind: 'date',
        value: datePickerValue(values.due),
        error: errors.due,
      }),
      ...pastDueSwitch(values.confirmPast, errors.confirmPast),
      ...formInput({
        id: 'update',
        label: 'Update',
        value: values.update,
        error: errors.update,
        multiline: true,
      }),
    ],
    [
      executeAction(
        ADD_ACTION_BUTTON,
        CARD_VERBS.addAction,
        {},
        {
          associatedInputs: 'auto',
          style: 'positive',
        },
      ),
    ],
  );
}

/**
 * The due date as the date picker holds it (`yyyy-mm-dd`). A date in digits typed elsewhere
 * (`23/03/22`, from a client without a picker) is shown picked; anything else is kept as it came,
 * so the error under it can quote it.
 */
function datePickerValue(text: string | undefined): string | undefined {
  // Only digits are converted: words ("next Tuesday") would be read against today's date.
  if (!text || !/^\d/.test(text.trim())) return text || undefined;
  try {
    const due = parseDueDate(text);
    return due && !due.note ? due.date : text;
  } catch {
    return text;
  }
}

/**
 * The switch that keeps a due date in the past: shown when the server asked for it (an error on
 * `confirmPast`) and for as long as it is on, so a later refusal does not lose it.
 */
function pastDueSwitch(value: string | undefined, error: string | undefined): CardElement[] {
  if (!error && value !== 'true') return [];
  return [
    {
      type: 'Input.Toggle',
      id: 'confirmPast',
      title: PAST_DUE_CONFIRMATION,
      value: value === 'true' ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
    },
    ...fieldError(error),
  ];
}
