import { DateTime } from 'luxon';
import {
  isActionOverdue,
  latestUpdate,
  type Action,
  type ActionState,
  type HistoryEntry,
} from '../core/action';
import { nextActionPrefill } from '../core/action-form';
import { formatDueDate, type DueDate } from '../core/due-date';
import { formatOwners } from '../core/owner';
import { DEFAULT_TIME_ZONE } from '../core/time-zone';
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
  type TextBlock,
} from './adaptive-card';
import { CARD_VERBS } from './card-verbs';
import { formInput, formMessage } from './form-input';
import { pastDueSwitch, SAVE_DUE_DATE_BUTTON } from './past-due-switch';
import { peoplePicker, pickablePeople, type PickablePerson } from './people-picker';
import { labelledUserText, richTextBlock, userText, userTextRun } from './user-text';

export { SAVE_DUE_DATE_BUTTON };

/** The ids of the inputs in the action card's small forms, as the card-action handler reads them. */
export const ACTION_CARD_INPUTS = {
  /** Add update: the update's text. */
  updateText: 'updateText',
  /** Change due date: the new date, as the action form takes it (`23/03/22 (note)`, or empty). */
  due: 'due',
  /** Change due date: why it moves. */
  dueReason: 'reason',
  /** Change due date: the switch that keeps a date in the past (`true` when on). */
  dueConfirmPast: 'dueConfirmPast',
  /** Cancel: why the action is cancelled. Its own id: two inputs with one id are refused. */
  cancelReason: 'cancelReason',
  /** Edit: the area, the action's text and its owners, prefilled with what they are now. */
  editArea: 'editArea',
  editText: 'editText',
  editOwner: 'editOwner',
  /** Edit: the people picker beside Owner, prefilled with the owners' Teams users. */
  editPeople: 'editPeople',
} as const;

/** Teams refreshes a card automatically for at most 60 users; ids beyond that are ignored. */
export const MAX_REFRESH_USER_IDS = 60;

/** What the person looking at the card may do to the action (from core/permissions `may`). */
export interface ActionCardViewer {
  /** Add an update, change the due date, mark done. */
  readonly canUpdate: boolean;
  readonly canCancel: boolean;
  readonly canReopen: boolean;
  /** Change the area, text and owners: the creator and the chairs. */
  readonly canEdit?: boolean;
}

/** Options for {@link buildActionCard}. */
export interface ActionCardOptions {
  readonly viewer: ActionCardViewer;
  /** For the overdue flag. */
  readonly now: Date;
  /** The group's zone, in which the due date is meant; defaults to Europe/London. */
  readonly timeZone?: string;
  readonly meetingTitle?: string;
  /** The users for whom Teams refreshes the card (owners, creator, chairs); the first 60 count. */
  readonly refreshUserIds?: readonly string[];
  /** What just happened, e.g. "Added by Ada Lovelace" or "Marked done". */
  readonly notice?: string;
  /** Why the last card action was refused; the user's input is kept in `values`. */
  readonly error?: string;
  /** Inputs to keep after a refused change, keyed by {@link ACTION_CARD_INPUTS} ids. */
  readonly values?: Readonly<Record<string, string>>;
  /**
   * Shows **Add another** (verb `addAnother`, data `{ ref, meetingCode, area, due? }`), which
   * posts a fresh form for the same meeting under this card, area and due date kept: on the card
   * that answers **Add action** (for everyone) and on its refresh in the meeting's conversation.
   */
  readonly addAnother?: boolean;
  /**
   * Whom Edit's people picker offers besides the owners and the creator (e.g. the viewer).
   */
  readonly people?: readonly PickablePerson[];
}

export const ACTION_CARD_BUTTONS = {
  addAnother: 'Add another',
  addUpdate: 'Add update',
  changeDueDate: 'Change due date',
  markDone: 'Mark done',
  reopen: 'Reopen',
  // Not "Cancel": beside a form that reads as "close this form", not "cancel the action".
  cancel: 'Cancel action…',
  edit: 'Edit',
} as const;

/** How many of the latest changes the card lists under History. */
export const HISTORY_SHOWN = 5;

const STATE_NAMES: Record<Action['state'], string> = {
  open: 'Open',
  done: 'Done',
  cancelled: 'Cancelled',
};

/**
 * One action as its viewer may act on it: ref, state (overdue flagged), area, action, owners,
 * due date and latest update, with only the buttons the state and the viewer allow. Every button
 * sends `{ ref }`, and `refresh` keeps the card current for everyone it names.
 */
export function buildActionCard(action: Action, options: ActionCardOptions): AdaptiveCard {
  const update = latestUpdate(action);
  const due = formatDueDate(action.due);
  const body: CardElement[] = [
    heading(action.ref),
    ...(options.meetingTitle
      ? [userText(options.meetingTitle, { isSubtle: true, spacing: 'none' })]
      : []),
    ...(options.notice ? [userText(options.notice, { color: 'good' })] : []),
    ...addAnotherButton(action, options),
    ...formMessage(options.error),
    stateLine(action, options),
    labelledUserText('Area', action.area),
    labelledUserText('Action', action.text),
    labelledUserText('Owner', formatOwners(action.owners)),
    ...(due ? [labelledUserText('Due date', due)] : []),
    ...(update ? [labelledUserText('Update', update.text)] : []),
    ...historyElements(action, options.timeZone ?? DEFAULT_TIME_ZONE),
  ];
  const refreshUserIds = (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USER_IDS);
  return adaptiveCard(body, buttons(action, options), {
    refresh: {
      action: executeAction('Refresh', CARD_VERBS.refreshAction, { ref: action.ref }),
      userIds: refreshUserIds,
    },
  });
}

function stateLine(action: Action, options: ActionCardOptions): TextBlock {
  if (isActionOverdue(action, options.now, options.timeZone)) {
    return textBlock(`${STATE_NAMES.open} · Overdue`, { weight: 'bolder', color: 'attention' });
  }
  return textBlock(STATE_NAMES[action.state], {
    weight: 'bolder',
    color: action.state === 'done' ? 'good' : 'default',
  });
}

function buttons(action: Action, options: ActionCardOptions): CardAction[] {
  const { viewer } = options;
  const values = options.values ?? {};
  const data = { ref: action.ref };
  const result: CardAction[] = [];
  // Done actions still take updates: the report records how finished actions were closed.
  if (viewer.canUpdate && action.state !== 'cancelled') {
    result.push(
      showCardAction(
        ACTION_CARD_BUTTONS.addUpdate,
        shownCard(
          formInput({
            id: ACTION_CARD_INPUTS.updateText,
            label: 'Update',
            value: values[ACTION_CARD_INPUTS.updateText],
            multiline: true,
            requiredMessage: 'Write the update.',
          }),
          [executeAction('Save update', CARD_VERBS.addUpdate, data, { associatedInputs: 'auto' })],
        ),
      ),
    );
  }
  if (viewer.canUpdate && action.state === 'open') {
    result.push(
      showCardAction(
        ACTION_CARD_BUTTONS.changeDueDate,
        shownCard(
          [
            ...formInput({
              id: ACTION_CARD_INPUTS.due,
              label: 'New due date',
              value: values[ACTION_CARD_INPUTS.due] ?? formatDueDate(action.due),
              placeholder: 'DD/MM/YY, or e.g. next Tuesday, 15 Jan 2027, in 2 weeks, end of March',
            }),
            ...pastDueSwitch({
              id: ACTION_CARD_INPUTS.dueConfirmPast,
              current: action.due,
              typed: values[ACTION_CARD_INPUTS.due],
              value: values[ACTION_CARD_INPUTS.dueConfirmPast],
              refused: options.error !== undefined,
              now: options.now,
              ...(options.timeZone ? { timeZone: options.timeZone } : {}),
            }),
            ...formInput({
              id: ACTION_CARD_INPUTS.dueReason,
              label: 'Reason',
              value: values[ACTION_CARD_INPUTS.dueReason],
            }),
          ],
          [
            executeAction(SAVE_DUE_DATE_BUTTON, CARD_VERBS.changeDueDate, data, {
              associatedInputs: 'auto',
            }),
          ],
        ),
      ),
      executeAction(ACTION_CARD_BUTTONS.markDone, CARD_VERBS.markDone, data, {
        associatedInputs: 'none',
        style: 'positive',
      }),
    );
  }
  if (viewer.canReopen && action.state !== 'open') {
    result.push(
      executeAction(ACTION_CARD_BUTTONS.reopen, CARD_VERBS.reopen, data, {
        associatedInputs: 'none',
      }),
    );
  }
  if (viewer.canEdit && action.state !== 'cancelled') {
    result.push(
      showCardAction(
        ACTION_CARD_BUTTONS.edit,
        shownCard(
          [
            ...formInput({
              id: ACTION_CARD_INPUTS.editArea,
              label: 'Area',
              value: values[ACTION_CARD_INPUTS.editArea] ?? action.area,
              requiredMessage: 'Give the area.',
            }),
            ...formInput({
              id: ACTION_CARD_INPUTS.editText,
              label: 'Action',
              value: values[ACTION_CARD_INPUTS.editText] ?? action.text,
              multiline: true,
              requiredMessage: 'Say what is to be done.',
            }),
            // Not required on the client: people picked beside it are owners too.
            ...formInput({
              id: ACTION_CARD_INPUTS.editOwner,
              label: 'Owner',
              value: values[ACTION_CARD_INPUTS.editOwner] ?? formatOwners(action.owners),
            }),
            ...peoplePicker({
              id: ACTION_CARD_INPUTS.editPeople,
              people: pickablePeople([
                ...action.owners.flatMap((owner) => owner.teamsUsers ?? []),
                action.createdBy,
                ...(options.people ?? []),
              ]),
              value: values[ACTION_CARD_INPUTS.editPeople] ?? ownerObjectIds(action),
            }),
          ],
          [
            executeAction('Save changes', CARD_VERBS.editAction, data, {
              associatedInputs: 'auto',
            }),
          ],
        ),
      ),
    );
  }
  if (viewer.canCancel && action.state === 'open') {
    result.push(
      showCardAction(
        ACTION_CARD_BUTTONS.cancel,
        shownCard(
          [
            textBlock(
              'Cancelling closes the action without it being done; it stays in the log and ' +
                'a chair can reopen it.',
              { isSubtle: true, size: 'small' },
            ),
            ...formInput({
              id: ACTION_CARD_INPUTS.cancelReason,
              label: 'Reason',
              value: values[ACTION_CARD_INPUTS.cancelReason],
            }),
          ],
          [
            executeAction(`Yes, cancel ${action.ref}`, CARD_VERBS.cancel, data, {
              associatedInputs: 'auto',
              style: 'destructive',
            }),
          ],
        ),
      ),
    );
  }
  return result;
}

/**
 * Add another, at the top where the note-taker's eye is after adding (and apart from the
 * buttons below, which Teams limits to five): a fresh form for the same meeting, area and due
 * date kept.
 */
function addAnotherButton(action: Action, options: ActionCardOptions): CardElement[] {
  if (!options.addAnother || action.state === 'cancelled') return [];
  return [
    {
      type: 'ActionSet',
      actions: [
        executeAction(
          ACTION_CARD_BUTTONS.addAnother,
          CARD_VERBS.addAnother,
          { ref: action.ref, ...nextActionPrefill(action) },
          { associatedInputs: 'none', style: 'positive' },
        ),
      ],
    },
  ];
}

function ownerObjectIds(action: Action): string | undefined {
  const ids = pickablePeople(action.owners.flatMap((owner) => owner.teamsUsers ?? [])).map(
    (person) => person.aadObjectId,
  );
  return ids.length > 0 ? ids.join(',') : undefined;
}

/**
 * The latest changes (not updates, which show as Update, nor reminder settings): who, when and
 * what, with the reason a due date moved or the action was closed, as the owner and chairs need
 * it when they chase.
 */
function historyElements(action: Action, timeZone: string): CardElement[] {
  const entries = action.history.filter((entry) => describeChange(entry) !== undefined);
  if (entries.length === 0) return [];
  const shown = entries.slice(-HISTORY_SHOWN);
  const earlier = entries.length - shown.length;
  return [
    textBlock('History', { weight: 'bolder', size: 'small', spacing: 'medium' }),
    ...shown.map((entry) => {
      const when = DateTime.fromISO(entry.at).setZone(timeZone).toFormat('dd/MM/yy');
      return richTextBlock(
        [
          { type: 'TextRun', text: `${when} · `, size: 'small', isSubtle: true },
          userTextRun(`${entry.by.name}: `, { size: 'small', isSubtle: true }),
          userTextRun(describeChange(entry) ?? '', { size: 'small' }),
        ],
        { spacing: 'none' },
      );
    }),
    ...(earlier > 0
      ? [textBlock(`and ${earlier} earlier`, { isSubtle: true, size: 'small', spacing: 'none' })]
      : []),
  ];
}

const STATE_WORDS: Record<ActionState, string> = {
  open: 'reopened',
  done: 'marked done',
  cancelled: 'cancelled',
};

function describeChange(entry: HistoryEntry): string | undefined {
  const { change } = entry;
  const because = (reason: string | undefined) => (reason ? ` · reason: ${reason}` : '');
  switch (change.kind) {
    case 'dueDateChanged': {
      const date = (due: DueDate | undefined) => (due ? formatDueDate(due) : 'none');
      return `due date ${date(change.from)} → ${date(change.to)}${because(change.reason)}`;
    }
    case 'stateChanged':
      return `${STATE_WORDS[change.to]}${because(change.reason)}`;
    case 'textEdited':
      return 'action reworded';
    case 'areaChanged':
      return `area changed to ${change.to}`;
    case 'ownersChanged':
      return `owners changed to ${formatOwners(change.to)}`;
    case 'created':
    case 'updateAdded':
    case 'remindersChanged':
      return undefined;
  }
}
