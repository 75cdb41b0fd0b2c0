import type { DiscussionFormField } from '../core/discussion-item';
import type { FieldErrors } from '../core/form-result';
import { adaptiveCard, executeAction, type AdaptiveCard } from './adaptive-card';
import { areaInput } from './area-input';
import { CARD_VERBS } from './card-verbs';
import { formHeader, formInput } from './form-input';
import { userText } from './user-text';

/** Options for {@link buildDiscussionFormCard}. */
export interface DiscussionFormCardOptions {
  /** Prefill, or everything the user typed when the form comes back with errors. */
  readonly values?: Partial<Record<DiscussionFormField, string>>;
  readonly errors?: FieldErrors<DiscussionFormField>;
  /** The meeting's areas so far, in the order first used; the last one prefills Area. */
  readonly areasInMeeting?: readonly string[];
  /** The meeting's code, e.g. `CCAG003`. */
  readonly meetingCode?: string;
  /** A message about the whole form, e.g. "Nothing was saved: storage is unavailable." */
  readonly message?: string;
}

export const DISCUSSION_FORM_TITLE = 'Add a key discussion item';
export const ADD_DISCUSSION_BUTTON = 'Add discussion item';

// A RichTextBlock, not a TextBlock: markdown would turn the `- ` it explains into a bullet.
const DISCUSSION_HINT =
  'Leave a blank line between paragraphs; start a line with "- " for a bullet. ' +
  'Cite actions like (action CCAG03-01).';

/**
 * The key discussion item form: **Area** (id `area`, a choice of the meeting's areas with **New
 * area** beside it once there are some) and **Discussion** (id `text`), submitted
 * with **Add discussion item** (verb `addDiscussion`); errors under their inputs, input kept.
 */
export function buildDiscussionFormCard(options: DiscussionFormCardOptions = {}): AdaptiveCard {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  return adaptiveCard(
    [
      ...formHeader(DISCUSSION_FORM_TITLE, options),
      ...areaInput({
        value: values.area,
        newArea: values.newArea,
        error: errors.area,
        newAreaError: errors.newArea,
        areasInMeeting: options.areasInMeeting,
      }),
      ...formInput({
        id: 'text',
        label: 'Discussion',
        value: values.text,
        error: errors.text,
        multiline: true,
        requiredMessage: 'Write what was discussed.',
      }),
      userText(DISCUSSION_HINT, { isSubtle: true, size: 'small', spacing: 'small' }),
    ],
    [
      executeAction(
        ADD_DISCUSSION_BUTTON,
        CARD_VERBS.addDiscussion,
        {},
        {
          associatedInputs: 'auto',
          style: 'positive',
        },
      ),
    ],
  );
}
