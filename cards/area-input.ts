import type { CardElement } from './adaptive-card';
import { formInput } from './form-input';
import { labelledUserText } from './user-text';

/** Options for {@link areaInput}. */
export interface AreaInputOptions {
  /** What the user typed; when absent the input offers the last area used in the meeting. */
  readonly value?: string;
  readonly error?: string;
  /** The meeting's areas so far, in the order they were first used. */
  readonly areasInMeeting?: readonly string[];
}

/**
 * The **Area** input (id `area`) of the action and discussion forms. Input.Text takes a new area
 * as readily as an old one (a ChoiceSet would refuse a new one), so the meeting's areas are
 * listed under it and the last one is prefilled: most actions follow the one before.
 */
export function areaInput(options: AreaInputOptions): CardElement[] {
  const areas = options.areasInMeeting ?? [];
  const lastArea = areas[areas.length - 1];
  return [
    ...formInput({
      id: 'area',
      label: 'Area',
      value: options.value ?? lastArea,
      error: options.error,
      placeholder: 'e.g. Smart Meters Act Powers',
      requiredMessage: 'Give the area of the report this belongs to.',
    }),
    ...(areas.length > 0
      ? [
          labelledUserText('Areas in this meeting', areas.join(' · '), {
            isSubtle: true,
            size: 'small',
            spacing: 'small',
          }),
        ]
      : []),
  ];
}
