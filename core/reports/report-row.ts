import { latestUpdate, type Action, type ActionState, type HistoryEntry } from '../action';
import { formatDueDate, formatShortDate } from '../due-date';
import { formatOwners } from '../owner';
import { localDate } from '../time-zone';

/** One row of an actions table, every cell as the report prints it. */
export interface HeadlineReportRow {
  readonly ref: string;
  readonly action: string;
  readonly owner: string;
  /** `23/03/22`, `16/03/22 (to include in meeting papers)`, or `''` when there is no due date. */
  readonly due: string;
  /**
   * What the Update column says, one line each: the state of a closed action (`Done 05/03/22`,
   * `Cancelled: duplicate of CCAG03-04`), the reason for the latest change when that change was
   * a due date moved or a reopening, and the latest update (`Update: …`); `''` when none applies.
   */
  readonly update: string;
  /** Absent in reports issued before the state was recorded: those held open and done actions. */
  readonly state?: ActionState;
}

/**
 * An action as a row of the report. Dates of changes are printed in `timeZone` (the group's), so
 * an action closed at 00:30 BST is "Done" on that day.
 */
export function reportRow(action: Action, timeZone: string): HeadlineReportRow {
  return {
    ref: action.ref,
    action: action.text,
    owner: formatOwners(action.owners),
    due: formatDueDate(action.due),
    update: updateLines(action, timeZone).join('\n'),
    state: action.state,
  };
}

function updateLines(action: Action, timeZone: string): string[] {
  const lines: string[] = [];
  const state = stateLine(action, timeZone);
  if (state) lines.push(state);
  const reason = latestChangeReason(action, timeZone);
  if (reason) lines.push(reason);
  const update = latestUpdate(action);
  if (update) lines.push(`Update: ${update.text}`);
  return lines;
}

/** `Done 05/03/22`, `Cancelled: <reason>` (or `Cancelled 06/03/22`); undefined while open. */
function stateLine(action: Action, timeZone: string): string | undefined {
  if (action.state === 'open') return undefined;
  const entry = findLast(
    action.history,
    (each) => each.change.kind === 'stateChanged' && each.change.to === action.state,
  );
  const on = entry ? ` ${dateOf(entry, timeZone)}` : '';
  if (action.state === 'done') return `Done${on}`;
  const reason = entry?.change.kind === 'stateChanged' ? entry.change.reason : undefined;
  return reason ? `Cancelled: ${reason}` : `Cancelled${on}`;
}

/**
 * Why the action last changed, when its latest change (among updates, state changes and due-date
 * moves) is a due date moved with a reason, or a reopening: the Due Date column shows the new
 * date, this line says why it moved.
 */
function latestChangeReason(action: Action, timeZone: string): string | undefined {
  if (action.state !== 'open') return undefined;
  const latest = findLast(action.history, (entry) =>
    ['updateAdded', 'stateChanged', 'dueDateChanged'].includes(entry.change.kind),
  );
  const change = latest?.change;
  if (change?.kind === 'dueDateChanged' && change.reason) {
    const from = change.from ? `moved from ${formatDueDate(change.from)}` : 'set';
    return change.to ? `Due date ${from}: ${change.reason}` : `Due date removed: ${change.reason}`;
  }
  if (latest && change?.kind === 'stateChanged' && change.to === 'open') {
    return change.reason ? `Reopened: ${change.reason}` : `Reopened ${dateOf(latest, timeZone)}`;
  }
  return undefined;
}

function dateOf(entry: HistoryEntry, timeZone: string): string {
  return formatShortDate(localDate(new Date(entry.at), timeZone));
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as T;
    if (test(item)) return item;
  }
  return undefined;
}
