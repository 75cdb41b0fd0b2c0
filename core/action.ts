import {
  formatActionRef,
  meetingCodeOfRef,
  parseActionRef,
  parseGroupCode,
  compareActionRefs,
  type ActionRef,
} from './action-ref';
import { checkDueDate, formatDueDate, isOverdue, sameDueDate, type DueDate } from './due-date';
import { ValidationError } from './errors';
import { checkOwners, formatOwners, sameOwners, type Owner } from './owner';
import { checkPerson, type Person } from './person';
import type { ActionReminderSettings } from './reminders/reminder-policy';
import { TEXT_RULES, checkText } from './text-rules';
import { DEFAULT_TIME_ZONE, toTimestamp } from './time-zone';

export type ActionState = 'open' | 'done' | 'cancelled';

/** One update on an action. Updates are only ever appended, never edited or removed. */
export interface ActionUpdate {
  /** ISO 8601 UTC timestamp. */
  readonly at: string;
  readonly by: Person;
  readonly text: string;
}

/** What one history entry changed. `from`/`to` keep both sides so the history reads on its own. */
export type ActionChange =
  | { readonly kind: 'created' }
  | { readonly kind: 'updateAdded'; readonly text: string }
  | {
      readonly kind: 'dueDateChanged';
      readonly from?: DueDate;
      readonly to?: DueDate;
      readonly reason?: string;
    }
  | {
      readonly kind: 'stateChanged';
      readonly from: ActionState;
      readonly to: ActionState;
      readonly reason?: string;
    }
  | { readonly kind: 'textEdited'; readonly from: string; readonly to: string }
  | { readonly kind: 'areaChanged'; readonly from: string; readonly to: string }
  | {
      readonly kind: 'ownersChanged';
      readonly from: readonly Owner[];
      readonly to: readonly Owner[];
    }
  | { readonly kind: 'remindersChanged'; readonly muted?: boolean; readonly snoozedUntil?: string };

/** Who changed what, when. */
export interface HistoryEntry {
  readonly at: string;
  readonly by: Person;
  readonly change: ActionChange;
}

/**
 * An action raised in a meeting. Every function below returns a new Action and appends one
 * history entry per change; none mutates its argument. Concurrency (ETags) is storage's concern.
 */
export interface Action {
  /** The printed ref, e.g. `CCAG03-01`. */
  readonly ref: string;
  readonly groupCode: string;
  /** The meeting the action was raised in, e.g. `CCAG003`; it stays there when carried forward. */
  readonly meetingCode: string;
  readonly area: string;
  readonly text: string;
  readonly owners: readonly Owner[];
  readonly due?: DueDate;
  readonly state: ActionState;
  readonly updates: readonly ActionUpdate[];
  readonly createdBy: Person;
  readonly createdAt: string;
  readonly history: readonly HistoryEntry[];
  /** An owner muted or snoozed this action's reminders (see reminder-policy.ts). */
  readonly reminders?: ActionReminderSettings;
}

/** What a person supplies to add an action: the seed's columns. */
export interface ActionDraft {
  readonly area: string;
  readonly text: string;
  readonly owners: readonly Owner[];
  readonly due?: DueDate;
  /** An update recorded with the action, as an imported log may carry. */
  readonly update?: string;
}

/**
 * Makes a new open action from a draft under an allocated ref. The meeting is the one the ref
 * names (`CCAG03-01` → `CCAG003`). A non-empty `draft.update` becomes the first update.
 *
 * @throws ValidationError naming the field for any invalid part.
 */
export function createAction(draft: ActionDraft, ref: ActionRef, by: Person, now: Date): Action {
  const at = toTimestamp(now);
  const author = checkPerson(by);
  const printedRef = formatActionRef(ref);
  const groupCode = parseGroupCode(ref.groupCode, 'ref');
  const due = checkDueDate(draft.due);
  const update = checkText(draft.update, TEXT_RULES.update);
  const action: Action = {
    ref: printedRef,
    groupCode,
    meetingCode: meetingCodeOfRef(ref),
    area: checkText(draft.area, TEXT_RULES.area),
    text: checkText(draft.text, TEXT_RULES.actionText),
    owners: checkOwners(draft.owners),
    ...(due ? { due } : {}),
    state: 'open',
    updates: [],
    createdBy: author,
    createdAt: at,
    history: [{ at, by: author, change: { kind: 'created' } }],
  };
  return update === '' ? action : appendUpdate(action, update, author, at);
}

/**
 * Appends an update (`Update: …` in the report). Done actions take updates too: the seed records
 * how finished actions were closed.
 *
 * @throws ValidationError when the text is empty or too long, or the action is cancelled.
 */
export function addUpdate(action: Action, text: string, by: Person, now: Date): Action {
  refuseIfCancelled(action, 'add an update');
  const update = checkText(text, { ...TEXT_RULES.update, required: true });
  return appendUpdate(action, update, checkPerson(by), toTimestamp(now));
}

/**
 * Moves the due date (or removes it with `undefined`), recording why when a reason is given.
 *
 * @throws ValidationError when the action is not open or the date would not change.
 */
export function changeDueDate(
  action: Action,
  due: DueDate | undefined,
  by: Person,
  now: Date,
  reason?: string,
): Action {
  refuseUnlessOpen(action, 'change its due date');
  const to = checkDueDate(due);
  const why = checkText(reason, TEXT_RULES.reason);
  if (sameDueDate(action.due, to)) {
    const current = action.due ? `already due ${formatDueDate(action.due)}` : 'has no due date';
    throw new ValidationError(`${action.ref} ${current}.`, 'due');
  }
  const { due: from, ...rest } = action;
  return withHistory({ ...rest, ...(to ? { due: to } : {}) }, by, now, {
    kind: 'dueDateChanged',
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(why ? { reason: why } : {}),
  });
}

/**
 * Marks an open action done.
 *
 * @throws ValidationError when it is already done, or cancelled (a chair must reopen it first).
 */
export function markDone(action: Action, by: Person, now: Date): Action {
  if (action.state === 'done') throw new ValidationError(`${action.ref} is already done.`, 'state');
  if (action.state === 'cancelled') {
    throw new ValidationError(
      `${action.ref} was cancelled, so it cannot be marked done; a chair can reopen it first.`,
      'state',
    );
  }
  return changeState(action, 'done', by, now);
}

/**
 * Reopens a done or cancelled action.
 *
 * @throws ValidationError when it is open already.
 */
export function reopen(action: Action, by: Person, now: Date, reason?: string): Action {
  if (action.state === 'open') throw new ValidationError(`${action.ref} is already open.`, 'state');
  return changeState(action, 'open', by, now, reason);
}

/**
 * Cancels an open action: it stays in the log, no longer chased.
 *
 * @throws ValidationError when it is cancelled already, or done (reopen it first).
 */
export function cancel(action: Action, by: Person, now: Date, reason?: string): Action {
  if (action.state === 'cancelled') {
    throw new ValidationError(`${action.ref} is already cancelled.`, 'state');
  }
  if (action.state === 'done') {
    throw new ValidationError(`${action.ref} is done; reopen it before cancelling it.`, 'state');
  }
  return changeState(action, 'cancelled', by, now, reason);
}

/**
 * Replaces the action's text, keeping the old text in the history.
 *
 * @throws ValidationError when the text is invalid or unchanged, or the action is cancelled.
 */
export function editText(action: Action, text: string, by: Person, now: Date): Action {
  refuseIfCancelled(action, 'edit it');
  const to = checkText(text, TEXT_RULES.actionText);
  if (to === action.text) throw new ValidationError('The action text is unchanged.', 'text');
  return withHistory({ ...action, text: to }, by, now, {
    kind: 'textEdited',
    from: action.text,
    to,
  });
}

/**
 * Moves the action to another area of the report.
 *
 * @throws ValidationError when the area is invalid or unchanged, or the action is cancelled.
 */
export function changeArea(action: Action, area: string, by: Person, now: Date): Action {
  refuseIfCancelled(action, 'edit it');
  const to = checkText(area, TEXT_RULES.area);
  if (to === action.area) throw new ValidationError('The area is unchanged.', 'area');
  return withHistory({ ...action, area: to }, by, now, {
    kind: 'areaChanged',
    from: action.area,
    to,
  });
}

/**
 * Replaces the owners (and the Teams users behind them).
 *
 * @throws ValidationError when the owners are invalid or unchanged, or the action is cancelled.
 */
export function changeOwners(
  action: Action,
  owners: readonly Owner[],
  by: Person,
  now: Date,
): Action {
  refuseIfCancelled(action, 'change its owners');
  const to = checkOwners(owners);
  if (sameOwners(action.owners, to)) {
    throw new ValidationError(`The owners are unchanged: ${formatOwners(to)}.`, 'owner');
  }
  return withHistory({ ...action, owners: to }, by, now, {
    kind: 'ownersChanged',
    from: action.owners,
    to,
  });
}

/** The most recent update, which the report and the action card show; undefined when none. */
export function latestUpdate(action: Action): ActionUpdate | undefined {
  return action.updates[action.updates.length - 1];
}

/** True when the action is open and its due date has passed in the group's time zone. */
export function isActionOverdue(
  action: Action,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean {
  return action.state === 'open' && isOverdue(action.due, now, timeZone);
}

/** Orders actions by ref, as the report lists them. */
export function compareActionsByRef(a: Action, b: Action): number {
  return compareActionRefs(a.ref, b.ref);
}

/**
 * The structured ref of an action.
 *
 * @throws ValidationError when the stored ref is not a ref (a corrupt record).
 */
export function actionRefOf(action: Action): ActionRef {
  const ref = parseActionRef(action.ref);
  if (!ref) throw new ValidationError(`"${action.ref}" is not an action reference.`, 'ref');
  return ref;
}

function changeState(
  action: Action,
  to: ActionState,
  by: Person,
  now: Date,
  reason?: string,
): Action {
  const why = checkText(reason, TEXT_RULES.reason);
  return withHistory({ ...action, state: to }, by, now, {
    kind: 'stateChanged',
    from: action.state,
    to,
    ...(why ? { reason: why } : {}),
  });
}

function appendUpdate(action: Action, text: string, by: Person, at: string): Action {
  return {
    ...action,
    updates: [...action.updates, { at, by, text }],
    history: [...action.history, { at, by, change: { kind: 'updateAdded', text } }],
  };
}

function withHistory(action: Action, by: Person, now: Date, change: ActionChange): Action {
  const at = toTimestamp(now);
  return { ...action, history: [...action.history, { at, by: checkPerson(by), change }] };
}

function refuseUnlessOpen(action: Action, doing: string): void {
  if (action.state !== 'open') {
    throw new ValidationError(`${action.ref} is ${action.state}; reopen it to ${doing}.`, 'state');
  }
}

function refuseIfCancelled(action: Action, doing: string): void {
  if (action.state === 'cancelled') {
    throw new ValidationError(
      `${action.ref} was cancelled; a chair must reopen it before you ${doing}.`,
      'state',
    );
  }
}
