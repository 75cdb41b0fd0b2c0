import {
  MAX_REMINDER_ITEMS,
  type ReminderDigest,
  type ReminderItem,
  type ReminderRenderer,
} from '../../core/reminders/reminder-ports';
import { formatDueDate, formatShortDate } from '../../core/due-date';
import { daysUntilDue } from '../../core/reminders/reminder-policy';
import {
  adaptiveCard,
  executeAction,
  heading,
  shownCard,
  showCardAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
  type MentionEntity,
} from '../adaptive-card';
import { CARD_VERBS } from '../card-verbs';
import { formInput, formMessage } from '../form-input';
import { pastDueSwitch, SAVE_DUE_DATE_BUTTON } from '../past-due-switch';
import { labelledUserText, richTextBlock, userText, userTextRun } from '../user-text';

/** A Teams user to @mention on a reminder posted in a channel. */
export interface ReminderMention {
  readonly id: string;
  readonly name: string;
}

/**
 * One action in a reminder digest, with its group's zone (for "due in 3 days") and, where known,
 * the group's name and the meeting's label (else their codes are shown).
 */
export type ReminderCardItem = ReminderItem;

/** Options for {@link buildReminderCard}. */
export interface ReminderCardOptions {
  /** Who the reminder is for, as shown: a person's name or a body (`Code bodies`). */
  readonly owner: string;
  readonly now: Date;
  /** Teams users to @mention (a channel post); none in a personal chat. */
  readonly mentions?: readonly ReminderMention[];
  /** Teams users whose card Teams refreshes (at most 60). */
  readonly refreshUserIds?: readonly string[];
  /** What just happened, e.g. "CCAG03-01 marked done". */
  readonly notice?: string;
  /** Why the last button was refused; `values` keeps what was typed. */
  readonly error?: string;
  readonly values?: Readonly<Record<string, string>>;
}

// A digest shows at most MAX_REMINDER_ITEMS actions, to stay well under Teams' ~28 KB per message.
export { MAX_REMINDER_ITEMS };

export const REMINDER_CARD_BUTTONS = {
  markDone: 'Mark done',
  addUpdate: 'Add update',
  newDueDate: 'New due date',
  snooze: 'Snooze or mute',
  snoozeDay: 'Snooze 1 day',
  snoozeWeek: 'Snooze 1 week',
  mute: 'Mute reminders',
} as const;

/** The ids of one action's inputs: unique per action, since a digest holds several. */
export function reminderInputIds(ref: string) {
  return {
    updateText: `updateText-${ref}`,
    due: `due-${ref}`,
    reason: `reason-${ref}`,
    /** The switch that keeps a new due date in the past (`true` when on). */
    confirmPast: `confirmPast-${ref}`,
  } as const;
}

/**
 * One owner's digest: every action of theirs that is due or overdue, each with Mark done, Add
 * update, New due date (with a reason), Snooze 1 day / 1 week and Mute. Every button sends
 * `{ ref, refs, owner }`, so the answer can redraw the whole digest as it now stands.
 */
export function buildReminderCard(
  items: readonly ReminderCardItem[],
  options: ReminderCardOptions,
): AdaptiveCard {
  const shown = items.slice(0, MAX_REMINDER_ITEMS);
  const refs = shown.map((item) => item.action.ref);
  const context = { refs, owner: options.owner };
  const mentions = (options.mentions ?? []).map(mentionOf);
  const body: CardElement[] = [
    heading('Reminder: actions due'),
    labelledUserText('For', options.owner, { spacing: 'none' }),
    ...(mentions.length > 0
      ? [textBlock(mentions.map((mention) => mention.text).join(' '), { spacing: 'small' })]
      : []),
    ...(options.notice ? [userText(options.notice, { color: 'good' })] : []),
    ...formMessage(options.error),
    ...shown.map((item) => itemContainer(item, options, context)),
    ...(items.length > shown.length
      ? [
          textBlock(
            `And ${items.length - shown.length} more: type "mine" to see all of your open actions.`,
            { isSubtle: true },
          ),
        ]
      : []),
  ];
  const card = adaptiveCard(body, [], {
    refresh: {
      action: executeAction('Refresh', CARD_VERBS.reminderRefresh, context),
      userIds: (options.refreshUserIds ?? []).slice(0, 60),
    },
  });
  return mentions.length > 0 ? { ...card, msteams: { ...card.msteams, entities: mentions } } : card;
}

function itemContainer(
  item: ReminderCardItem,
  options: ReminderCardOptions,
  context: { refs: string[]; owner: string },
): Container {
  const { action } = item;
  const data = { ...context, ref: action.ref };
  const ids = reminderInputIds(action.ref);
  const values = options.values ?? {};
  const open = action.state === 'open';
  const actions: CardAction[] = open
    ? [
        executeAction(REMINDER_CARD_BUTTONS.markDone, CARD_VERBS.reminderDone, data, {
          associatedInputs: 'none',
          style: 'positive',
        }),
        showCardAction(
          REMINDER_CARD_BUTTONS.addUpdate,
          shownCard(
            formInput({
              id: ids.updateText,
              label: 'Update',
              value: values[ids.updateText],
              multiline: true,
              requiredMessage: 'Write the update.',
            }),
            [
              executeAction('Save update', CARD_VERBS.reminderUpdate, data, {
                associatedInputs: 'auto',
              }),
            ],
          ),
        ),
        showCardAction(
          REMINDER_CARD_BUTTONS.newDueDate,
          shownCard(
            [
              ...formInput({
                id: ids.due,
                label: 'New due date',
                value: values[ids.due] ?? formatDueDate(action.due),
                placeholder: 'DD/MM/YY, or e.g. next Tuesday, in 2 weeks',
                requiredMessage: 'Write the new due date.',
              }),
              ...pastDueSwitch({
                id: ids.confirmPast,
                current: action.due,
                typed: values[ids.due],
                value: values[ids.confirmPast],
                refused: options.error !== undefined,
                now: options.now,
                timeZone: item.timeZone,
              }),
              ...formInput({
                id: ids.reason,
                label: 'Reason',
                value: values[ids.reason],
                requiredMessage: 'Say why the date moves.',
              }),
            ],
            [
              executeAction(SAVE_DUE_DATE_BUTTON, CARD_VERBS.reminderDueDate, data, {
                associatedInputs: 'auto',
              }),
            ],
          ),
        ),
        // A card's action set holds at most 5 buttons: snooze and mute share one.
        showCardAction(
          REMINDER_CARD_BUTTONS.snooze,
          shownCard(
            [textBlock('Hold the reminders for this action, or stop them.', { isSubtle: true })],
            [
              executeAction(
                REMINDER_CARD_BUTTONS.snoozeDay,
                CARD_VERBS.reminderSnooze,
                { ...data, days: 1 },
                { associatedInputs: 'none' },
              ),
              executeAction(
                REMINDER_CARD_BUTTONS.snoozeWeek,
                CARD_VERBS.reminderSnooze,
                { ...data, days: 7 },
                { associatedInputs: 'none' },
              ),
              executeAction(REMINDER_CARD_BUTTONS.mute, CARD_VERBS.reminderMute, data, {
                associatedInputs: 'none',
              }),
            ],
          ),
        ),
      ]
    : [];
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [
      richTextBlock([
        { type: 'TextRun', text: action.ref, weight: 'bolder' },
        {
          type: 'TextRun',
          text: ` · ${reminderStatus(item, options.now)}`,
          ...statusStyle(item, options.now),
        },
      ]),
      userText(whereFrom(item), { isSubtle: true, spacing: 'none' }),
      labelledUserText('Action', action.text),
      ...(action.due ? [labelledUserText('Due date', formatDueDate(action.due))] : []),
      ...(action.reminders?.snoozedUntil && open
        ? [
            richTextBlock([
              userTextRun(`Snoozed until ${formatShortDate(action.reminders.snoozedUntil)}`, {
                isSubtle: true,
              }),
            ]),
          ]
        : []),
      ...(actions.length > 0 ? [{ type: 'ActionSet' as const, actions }] : []),
    ],
  };
}

/** The group and meeting an action belongs to: `MHHS Cross Code Advisory Group · meeting CCAG003 (23/02/22)`. */
export function whereFrom(item: ReminderItem): string {
  return `${item.groupName ?? item.action.groupCode} · meeting ${item.meeting ?? item.action.meetingCode}`;
}

/** An action's standing as a reminder shows it: `Due tomorrow`, `Overdue by 3 days`, `Done`. */
export function reminderStatus(item: ReminderItem, now: Date): string {
  const { action } = item;
  if (action.state === 'done') return 'Done';
  if (action.state === 'cancelled') return 'Cancelled';
  if (action.reminders?.mutedAt) return 'Reminders muted';
  if (!action.due) return 'No due date';
  const days = daysUntilDue(action.due.date, now, item.timeZone);
  if (days > 1) return `Due in ${days} days`;
  if (days === 1) return 'Due tomorrow';
  if (days === 0) return 'Due today';
  return days === -1 ? 'Overdue by 1 day' : `Overdue by ${-days} days`;
}

/** Overdue in red, done in green. */
export function statusStyle(item: ReminderItem, now: Date): { color?: 'attention' | 'good' } {
  const { action } = item;
  if (action.state === 'done') return { color: 'good' };
  if (
    action.state === 'open' &&
    action.due &&
    daysUntilDue(action.due.date, now, item.timeZone) < 0
  ) {
    return { color: 'attention' };
  }
  return {};
}

// A mention must sit in a TextBlock, which renders markdown; the name comes from Teams (not typed
// into this app), and anything that could act as markup is taken out of it.
/** The mention entity of a Teams user, its text safe to put in a TextBlock. */
export function mentionOf(user: ReminderMention): MentionEntity {
  const name = user.name.replace(/[<>*_`[\]()#~|\\]/g, '').trim() || 'owner';
  return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id: user.id, name } };
}

/** The sweep's digests as reminder cards. */
export const renderReminderDigest: ReminderRenderer = (digest: ReminderDigest) => ({
  card: buildReminderCard(digest.items, {
    owner: digest.owner,
    now: digest.now,
    ...(digest.mentions ? { mentions: digest.mentions } : {}),
    refreshUserIds: digest.refreshUserIds,
  }),
});
