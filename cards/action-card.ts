import { isActionOverdue, latestUpdate, type Action } from '../core/action';
import { formatDueDate } from '../core/due-date';
import { formatOwners } from '../core/owner';
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
import { labelledUserText, userText } from './user-text';

/** The ids of the inputs in the action card's small forms, as the card-action handler reads them. */
export const ACTION_CARD_INPUTS = {
  /** Add update: the update's text. */
  updateText: 'updateText',
  /** Change due date: the new date, as the action form takes it (`23/03/22 (note)`, or empty). */
  due: 'due',
  /** Change due date: why it moves. */
  dueReason: 'reason',
  /** Cancel: why the action is cancelled. Its own id: two inputs with one id are refused. */
  cancelReason: 'cancelReason',
  /** Edit: the area, the action's text and its owners, prefilled with what they are now. */
  editArea: 'editArea',
  editText: 'editText',
  editOwner: 'editOwner',
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
  /** The card answering **Add action**: an **Add another** button for the next action. */
  readonly addAnother?: boolean;
}

export const ACTION_CARD_BUTTONS = {
  addUpdate: 'Add update',
  changeDueDate: 'Change due date',
  markDone: 'Mark done',
  reopen: 'Reopen',
  cancel: 'Cancel',
  edit: 'Edit',
  addAnother: 'Add another',
} as const;

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
    ...formMessage(options.error),
    stateLine(action, options),
    labelledUserText('Area', action.area),
    labelledUserText('Action', action.text),
    labelledUserText('Owner', formatOwners(action.owners)),
    ...(due ? [labelledUserText('Due date', due)] : []),
    ...(update ? [labelledUserText('Update', update.text)] : []),
  ];
  const refreshUserIds = (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USER_IDS);
  // Teams shows at most five card-level buttons; the next action's form gets its own row.
  if (options.addAnother) {
    body.push({
      type: 'ActionSet',
      actions: [
        executeAction(
          ACTION_CARD_BUTTONS.addAnother,
          CARD_VERBS.addAnother,
          { area: action.area },
          { associatedInputs: 'none', style: 'positive' },
        ),
      ],
    });
  }
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
              placeholder: 'DD/MM/YY',
            }),
            ...formInput({
              id: ACTION_CARD_INPUTS.dueReason,
              label: 'Reason',
              value: values[ACTION_CARD_INPUTS.dueReason],
            }),
          ],
          [
            executeAction('Save due date', CARD_VERBS.changeDueDate, data, {
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
            ...formInput({
              id: ACTION_CARD_INPUTS.editOwner,
              label: 'Owner',
              value: values[ACTION_CARD_INPUTS.editOwner] ?? formatOwners(action.owners),
              requiredMessage: 'Name at least one owner.',
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
          formInput({
            id: ACTION_CARD_INPUTS.cancelReason,
            label: 'Reason',
            value: values[ACTION_CARD_INPUTS.cancelReason],
          }),
          [
            executeAction('Cancel action', CARD_VERBS.cancel, data, {
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
