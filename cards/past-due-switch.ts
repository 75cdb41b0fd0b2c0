import { PAST_DUE_CONFIRMATION, formatDueDate, isOverdue, parseDueDate } from '../core/due-date';
import type { DueDate } from '../core/due-date';
import type { CardElement } from './adaptive-card';

/** The button that saves a new due date, on the action card and in a reminder. */
export const SAVE_DUE_DATE_BUTTON = 'Save due date';

/** Options for {@link pastDueSwitch}. */
export interface PastDueSwitchOptions {
  /** The switch's input id. */
  readonly id: string;
  /** The action's due date now. */
  readonly current: DueDate | undefined;
  /** What was typed under New due date, kept after a refusal. */
  readonly typed: string | undefined;
  /** The switch as it came back (`'true'` when on). */
  readonly value: string | undefined;
  /** A change was refused (core/due-date `confirmDueDate` asks with a refusal). */
  readonly refused: boolean;
  readonly now: Date;
  readonly timeZone?: string;
}

/**
 * The switch that keeps a new due date in the past, under **New due date**: shown when a change
 * was refused while the date kept in the input is a new one that lies in the past (core/due-date
 * `confirmDueDate` refuses it until the switch is on), and while it is on.
 */
export function pastDueSwitch(options: PastDueSwitchOptions): CardElement[] {
  const on = options.value === 'true';
  // Teams sends every input of the card, so `due` comes back unchanged with any refusal: only a
  // new date that lies in the past brings the switch.
  const typed = options.typed;
  const asked =
    options.refused &&
    typed !== undefined &&
    typed.trim() !== formatDueDate(options.current) &&
    isPastText(typed, options);
  if (!on && !asked) return [];
  return [
    {
      type: 'Input.Toggle',
      id: options.id,
      title: PAST_DUE_CONFIRMATION,
      value: on ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
    },
  ];
}

function isPastText(text: string, options: PastDueSwitchOptions): boolean {
  let due: DueDate | undefined;
  try {
    due = parseDueDate(text, { timeZone: options.timeZone, now: options.now });
  } catch {
    return false;
  }
  if (due?.date === options.current?.date) return false;
  return isOverdue(due, options.now, options.timeZone);
}
