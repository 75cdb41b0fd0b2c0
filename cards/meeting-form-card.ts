import type { FieldErrors } from '../core/form-result';
import {
  DEFAULT_CLASSIFICATION,
  DEFAULT_VENUE,
  MEETING_FORM_FIELDS,
  type MeetingFormField,
} from '../core/meeting';
import { adaptiveCard, executeAction, type AdaptiveCard } from './adaptive-card';
import { CARD_VERBS } from './card-verbs';
import { formHeader, formInput, type FormInputSpec } from './form-input';

/** Options for {@link buildMeetingFormCard}. */
export interface MeetingFormCardOptions {
  /**
   * Prefill (from the Teams meeting or the saved meeting), or everything the user typed when the
   * form comes back with errors. `date` is `yyyy-mm-dd`, `startTime` / `endTime` are `HH:mm`.
   */
  readonly values?: Partial<Record<MeetingFormField, string>>;
  readonly errors?: FieldErrors<MeetingFormField>;
  /** True when the group is new, so its name must be given. */
  readonly requireGroupName?: boolean;
  /** A message about the whole form, e.g. "Nothing was saved: storage is unavailable." */
  readonly message?: string;
  /** The meeting exists already (e.g. `CCAG003`): the form edits it, and says so. */
  readonly editingMeetingCode?: string;
}

export const MEETING_FORM_TITLE = 'Set up the meeting';

/** The form's title once the meeting exists: `Edit meeting CCAG003`. */
export function meetingEditTitle(meetingCode: string): string {
  return `Edit meeting ${meetingCode}`;
}
export const SAVE_MEETING_BUTTON = 'Save meeting';

/** How one meeting input looks and is checked; the action form's setup inputs reuse two. */
export type InputLook = Omit<FormInputSpec, 'id' | 'value' | 'error'>;

// A Record over every field, so a field added to MEETING_FORM_FIELDS cannot be left off the form.
export const MEETING_INPUTS: Readonly<Record<MeetingFormField, InputLook>> = {
  groupCode: {
    label: 'Group code',
    placeholder: 'e.g. CCAG',
    requiredMessage: 'Give the group code, e.g. CCAG.',
  },
  groupName: { label: 'Group name', placeholder: 'e.g. MHHS Cross Code Advisory Group' },
  number: {
    label: 'Meeting number',
    placeholder: 'e.g. 3 for CCAG003',
    requiredMessage: 'Give the meeting number, e.g. 3.',
  },
  title: { label: 'Title' },
  date: { label: 'Date', kind: 'date' },
  startTime: { label: 'Start time', kind: 'time' },
  endTime: { label: 'End time', kind: 'time' },
  venue: { label: 'Venue', placeholder: DEFAULT_VENUE },
  classification: { label: 'Classification', placeholder: DEFAULT_CLASSIFICATION },
};

/**
 * The `meeting` command's form: one input per {@link MEETING_FORM_FIELDS} entry, prefilled, with
 * errors under their inputs, submitted with **Save meeting** (verb `saveMeeting`). Titled "Set up
 * the meeting", or "Edit meeting CCAG003" once it exists.
 */
export function buildMeetingFormCard(options: MeetingFormCardOptions = {}): AdaptiveCard {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  return adaptiveCard(
    [
      ...formHeader(
        options.editingMeetingCode
          ? meetingEditTitle(options.editingMeetingCode)
          : MEETING_FORM_TITLE,
        { message: options.message },
      ),
      ...MEETING_FORM_FIELDS.flatMap((field) =>
        formInput({
          ...MEETING_INPUTS[field],
          ...(field === 'groupName' && options.requireGroupName
            ? { requiredMessage: 'Give the group’s name.' }
            : {}),
          id: field,
          value: values[field],
          error: errors[field],
        }),
      ),
    ],
    [
      executeAction(
        SAVE_MEETING_BUTTON,
        CARD_VERBS.saveMeeting,
        {},
        {
          associatedInputs: 'auto',
          style: 'positive',
        },
      ),
    ],
  );
}
