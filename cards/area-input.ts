import type { CardElement, InputChoiceSet } from './adaptive-card';
import { fieldError, formInput } from './form-input';
import { neutraliseMentions } from './user-text';

/** Options for {@link areaInput}. */
export interface AreaInputOptions {
  /** The area chosen or typed; when absent the form offers the last area used in the meeting. */
  readonly value?: string;
  /** What was typed under **New area** (kept after a refused submit). */
  readonly newArea?: string;
  readonly error?: string;
  readonly newAreaError?: string;
  /** The meeting's areas so far, in the order they were first used. */
  readonly areasInMeeting?: readonly string[];
}

export const NEW_AREA_LABEL = 'New area';

const AREA_EXAMPLE = 'e.g. Smart Meters Act Powers';

/**
 * The **Area** of the action and discussion forms. The meeting's first item types its area
 * (Input.Text, id `area`). Once the meeting has areas, **Area** is a choice of them (a filtered
 * ChoiceSet, Teams' typeahead: a typo cannot make a new area), the last one chosen, since most
 * items follow the one before; a ChoiceSet refuses values it does not list, so a new area is
 * typed under **New area** (id `newArea`), which wins when filled (core/action-form `readArea`).
 */
export function areaInput(options: AreaInputOptions): CardElement[] {
  const areas = [...new Set(options.areasInMeeting ?? [])];
  if (areas.length === 0) {
    return formInput({
      id: 'area',
      label: 'Area',
      value: options.value,
      error: options.error,
      placeholder: AREA_EXAMPLE,
      requiredMessage: 'Give the area of the report this belongs to.',
    });
  }
  const chosen =
    options.value !== undefined && areas.includes(options.value) ? options.value : undefined;
  // A value the meeting does not list yet (typed before, or carried by Add another) is a new area.
  const typed =
    options.newArea ?? (options.value && chosen === undefined ? options.value : undefined);
  const choice: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: 'area',
    label: 'Area',
    style: 'filtered',
    choices: areas.map((area) => ({ title: neutraliseMentions(area), value: area })),
    value: chosen ?? areas[areas.length - 1] ?? '',
  };
  return [
    choice,
    ...fieldError(options.error),
    ...formInput({
      id: 'newArea',
      label: NEW_AREA_LABEL,
      value: typed,
      error: options.newAreaError,
      placeholder: 'Only for an area this meeting has not had yet; it is used instead of Area.',
    }),
  ];
}
