import {
  heading,
  textBlock,
  type CardElement,
  type CardInput,
  type InputText,
} from './adaptive-card';
import { labelledUserText, userText } from './user-text';

/** One input of a form card, with what the user typed and the server's message about it. */
export interface FormInputSpec {
  readonly id: string;
  readonly label: string;
  /** What the user typed (kept after a rejected submit) or a prefill. */
  readonly value?: string;
  /** The server's message for this input; shown right under it. */
  readonly error?: string;
  /** An example of what to type, shown small under the input (our text, never the user's). */
  readonly placeholder?: string;
  readonly multiline?: boolean;
  /** When set, the client refuses an empty input and shows this message. */
  readonly requiredMessage?: string;
  /** Input.Text (the default), or a date or time picker. */
  readonly kind?: 'text' | 'date' | 'time';
}

/**
 * An input followed by its error, if any. The value is kept as typed: an input's value is never
 * rendered as markdown, so it needs no neutralising. The error is shown as user text because a
 * server message may quote what was typed (`"31/02/22" is not a date`).
 */
export function formInput(spec: FormInputSpec): CardElement[] {
  const common = {
    id: spec.id,
    label: spec.label,
    ...(spec.value !== undefined && spec.value !== '' ? { value: spec.value } : {}),
    ...(spec.requiredMessage ? { isRequired: true, errorMessage: spec.requiredMessage } : {}),
  };
  let input: CardInput;
  if (spec.kind === 'date') input = { type: 'Input.Date', ...common };
  else if (spec.kind === 'time') input = { type: 'Input.Time', ...common };
  else {
    const text: InputText = { type: 'Input.Text', ...common };
    if (spec.multiline) text.isMultiline = true;
    input = text;
  }
  // The example is shown under the input, not as its placeholder: the adaptivecards renderer
  // makes a placeholder the input's aria-label, which hides the real label ("Owner") from screen
  // readers and from anyone finding the input by its label.
  const hint = spec.placeholder
    ? [textBlock(spec.placeholder, { isSubtle: true, size: 'small', spacing: 'none' })]
    : [];
  return [input, ...fieldError(spec.error), ...hint];
}

/** The server's message about one input, in the attention colour; nothing when there is none. */
export function fieldError(message: string | undefined): CardElement[] {
  if (!message) return [];
  return [userText(message, { color: 'attention', size: 'small', spacing: 'small' })];
}

/**
 * A message about the whole form at its top, e.g. "Nothing was saved: storage is unavailable.";
 * nothing when there is none.
 */
export function formMessage(message: string | undefined): CardElement[] {
  if (!message) return [];
  return [userText(message, { color: 'attention', weight: 'bolder' })];
}

/** Options for {@link formHeader}. */
export interface FormHeaderOptions {
  /** The meeting the form adds to, e.g. `CCAG003`. */
  readonly meetingCode?: string;
  /** A message about the whole form; see {@link formMessage}. */
  readonly message?: string;
}

/** A form's title, the meeting it adds to and its message, if any. */
export function formHeader(title: string, options: FormHeaderOptions = {}): CardElement[] {
  return [
    heading(title),
    ...(options.meetingCode
      ? [labelledUserText('Meeting', options.meetingCode, { isSubtle: true, spacing: 'none' })]
      : []),
    ...formMessage(options.message),
  ];
}
