import {
  DEFAULT_STOP_AFTER_OVERDUE,
  type ReminderPolicy,
} from '../../core/reminders/reminder-policy';
import { adaptiveCard, executeAction, textBlock, type AdaptiveCard } from '../adaptive-card';
import { CARD_VERBS } from '../card-verbs';
import { formHeader, formInput } from '../form-input';
import { userText } from '../user-text';

/** The ids of the policy form's inputs, as `parseReminderPolicy` reads them. */
export const REMINDER_POLICY_INPUTS = {
  daysBefore: 'daysBefore',
  onDueDate: 'onDueDate',
  overdueEveryDays: 'overdueEveryDays',
  sendAt: 'sendAt',
  weekends: 'weekends',
  stopAfterOverdue: 'stopAfterOverdue',
} as const;

/** Options for {@link buildReminderPolicyCard}. */
export interface ReminderPolicyCardOptions {
  readonly groupCode: string;
  readonly timeZone: string;
  /** Whether the viewer chairs the group: others see the policy without the Save button. */
  readonly canEdit: boolean;
  readonly notice?: string;
  readonly message?: string;
  readonly errors?: Readonly<Record<string, string>>;
  /** What was typed, kept after a refusal. */
  readonly values?: Readonly<Record<string, string>>;
}

export const SAVE_REMINDER_POLICY_BUTTON = 'Save';

/** A group's reminder policy as a form chairs change and save with **Save**. */
export function buildReminderPolicyCard(
  policy: ReminderPolicy,
  options: ReminderPolicyCardOptions,
): AdaptiveCard {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const toggle = (id: string, title: string, on: boolean) => ({
    type: 'Input.Toggle' as const,
    id,
    title,
    value: values[id] ?? String(on),
    valueOn: 'true',
    valueOff: 'false',
  });
  const body = [
    ...formHeader(`Reminders for ${options.groupCode}`, {
      ...(options.message ? { message: options.message } : {}),
    }),
    ...(options.notice ? [userText(options.notice, { color: 'good' })] : []),
    textBlock(`Reminders go to each owner at the time below, in ${options.timeZone} time.`, {
      isSubtle: true,
    }),
    ...formInput({
      id: REMINDER_POLICY_INPUTS.daysBefore,
      label: 'Days before the due date (comma separated)',
      value: values.daysBefore ?? policy.daysBefore.join(', '),
      error: errors.daysBefore,
    }),
    toggle(REMINDER_POLICY_INPUTS.onDueDate, 'On the due date', policy.onDueDate),
    ...formInput({
      id: REMINDER_POLICY_INPUTS.overdueEveryDays,
      label: 'While overdue, every N days (0: never)',
      value: values.overdueEveryDays ?? String(policy.overdueEveryDays),
      error: errors.overdueEveryDays,
    }),
    ...formInput({
      id: REMINDER_POLICY_INPUTS.sendAt,
      label: 'Send at',
      kind: 'time',
      value: values.sendAt ?? policy.sendAt,
      error: errors.sendAt,
    }),
    toggle(REMINDER_POLICY_INPUTS.weekends, 'Also at weekends', policy.weekends),
    ...formInput({
      id: REMINDER_POLICY_INPUTS.stopAfterOverdue,
      label: 'Stop reminding the owner after this many overdue reminders (0: never stop)',
      value:
        values.stopAfterOverdue ?? String(policy.stopAfterOverdue ?? DEFAULT_STOP_AFTER_OVERDUE),
      error: errors.stopAfterOverdue,
    }),
    textBlock('After that the action is listed for the chairs in the channel instead.', {
      isSubtle: true,
      spacing: 'none',
    }),
    textBlock(
      options.canEdit
        ? `Select Save to use these settings for every open action of ${options.groupCode}, ` +
            'from the next reminder on. Owners who muted or snoozed an action keep their choice.'
        : `Only the chairs of ${options.groupCode} can change these settings.`,
      { isSubtle: true, size: 'small', spacing: 'medium' },
    ),
  ];
  const actions = options.canEdit
    ? [
        executeAction(
          SAVE_REMINDER_POLICY_BUTTON,
          CARD_VERBS.saveReminderPolicy,
          { groupCode: options.groupCode },
          { associatedInputs: 'auto', style: 'positive' },
        ),
      ]
    : [];
  return adaptiveCard(body, actions);
}
