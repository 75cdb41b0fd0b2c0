import type { Action, ActionState, ActionUpdate, HistoryEntry } from '../core/action';
import type { DueDate } from '../core/due-date';
import type { Owner } from '../core/owner';
import type { Person } from '../core/person';
import type { ActionReminderSettings } from '../core/reminders/reminder-policy';
import { readJsonColumns, writeJsonColumns } from './json-columns';

/**
 * An action as a row of the Groups table. Scalar fields the service filters on (state, due date)
 * are columns of their own; owners, updates and history are JSON (see json-columns.ts).
 */
export interface ActionEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'action';
  schema: 1;
  ref: string;
  meetingCode: string;
  area: string;
  text: string;
  ownersJson: string;
  /** yyyy-mm-dd: ISO dates compare correctly as strings, in OData filters too. */
  dueDate?: string;
  dueNote?: string;
  state: ActionState;
  createdByJson: string;
  createdAt: string;
  /** An owner's mute or snooze (ActionReminderSettings), as JSON; absent when neither. */
  remindersJson?: string;
}

export function toActionEntity(
  action: Action,
  key: { partitionKey: string; rowKey: string },
): ActionEntity {
  return {
    ...key,
    kind: 'action',
    schema: 1,
    ref: action.ref,
    meetingCode: action.meetingCode,
    area: action.area,
    text: action.text,
    ownersJson: JSON.stringify(action.owners),
    ...(action.due ? { dueDate: action.due.date } : {}),
    ...(action.due?.note ? { dueNote: action.due.note } : {}),
    state: action.state,
    createdByJson: JSON.stringify(action.createdBy),
    createdAt: action.createdAt,
    ...(action.reminders ? { remindersJson: JSON.stringify(action.reminders) } : {}),
    ...writeJsonColumns('updates', action.updates, action.ref),
    ...writeJsonColumns('history', action.history, action.ref),
  };
}

export function fromActionEntity(entity: ActionEntity, groupCode: string): Action {
  const due: DueDate | undefined = entity.dueDate
    ? { date: entity.dueDate, ...(entity.dueNote ? { note: entity.dueNote } : {}) }
    : undefined;
  return {
    ref: entity.ref,
    groupCode,
    meetingCode: entity.meetingCode,
    area: entity.area,
    text: entity.text,
    owners: JSON.parse(entity.ownersJson) as Owner[],
    ...(due ? { due } : {}),
    state: entity.state,
    updates: readJsonColumns<ActionUpdate[]>(entity, 'updates') ?? [],
    createdBy: JSON.parse(entity.createdByJson) as Person,
    createdAt: entity.createdAt,
    history: readJsonColumns<HistoryEntry[]>(entity, 'history') ?? [],
    ...(entity.remindersJson
      ? { reminders: JSON.parse(entity.remindersJson) as ActionReminderSettings }
      : {}),
  };
}
