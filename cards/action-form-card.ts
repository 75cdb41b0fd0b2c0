import type { ActionFormField } from '../core/action-form';
import type { FieldErrors } from '../core/form-result';
import { adaptiveCard, executeAction, textBlock, type AdaptiveCard } from './adaptive-card';
import { areaInput } from './area-input';
import { CARD_VERBS } from './card-verbs';
import { formHeader, formInput } from './form-input';
import { MEETING_INPUTS } from './meeting-form-card';

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
}

export const ACTION_FORM_TITLE = 'Add an action';
export const ADD_ACTION_BUTTON = 'Add action';

/**
 * The action form: the seed's columns **Area**, **Action**, **Owner**, **Due date**, **Update**,
 * and **Add action** (verb `addAction`). Server-side errors show under their inputs and every
 * value typed is kept. With no meeting set up it also asks for **Group code** and **Meeting
 * number**, which its first submit uses to set the meeting up.
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
        error: errors.area,
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
      ...formInput({
        id: 'owner',
        label: 'Owner',
        value: values.owner,
        error: errors.owner,
        placeholder: 'Programme (Justin Andrews), Ofgem (Andy MacFaul)',
        requiredMessage: 'Name at least one owner.',
      }),
      // Input.Text, not Input.Date: a due date may carry a note, `16/03/22 (to include in
      // meeting papers)`, which a date picker cannot hold.
      ...formInput({
        id: 'due',
        label: 'Due date',
        value: values.due,
        error: errors.due,
        placeholder: 'DD/MM/YY',
      }),
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
