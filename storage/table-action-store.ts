import type { TableClient } from '@azure/data-tables';
import type { Action } from '../core/action';
import { parseActionRef, type ActionRef } from '../core/action-ref';
import { NotFoundError, ValidationError } from '../core/errors';
import type { ActionStore } from '../core/stores';
import { fromActionEntity, toActionEntity, type ActionEntity } from './action-entity';
import { actionRow, counterRow, meetingActionsPrefix } from './group-partition';
import { insertNumbered, insertWithNextNumber, readOptional, updateRow } from './optimistic-write';
import { listRows } from './partition-query';
import { encodeKey } from './table-keys';

/** Actions in the Groups table; see group-partition.ts for the keys. */
export class TableActionStore implements ActionStore {
  constructor(private readonly table: TableClient) {}

  async addAction(
    groupCode: string,
    meetingNumber: number,
    build: (ref: ActionRef) => Action,
  ): Promise<Action> {
    const partitionKey = encodeKey(groupCode);
    let added: Action | undefined;
    await insertWithNextNumber(
      this.table,
      { partitionKey, rowKey: counterRow('action', meetingNumber) },
      'add action',
      (sequence) => {
        added = build({ groupCode, meetingNumber, sequence });
        return toActionEntity(added, { partitionKey, rowKey: actionRow(meetingNumber, sequence) });
      },
    );
    if (!added) throw new Error('addAction: the action was not built');
    return added;
  }

  async importAction(action: Action): Promise<boolean> {
    const ref = refOf(action.ref);
    const partitionKey = encodeKey(ref.groupCode);
    return insertNumbered(
      this.table,
      { partitionKey, rowKey: counterRow('action', ref.meetingNumber) },
      ref.sequence,
      `import action ${action.ref}`,
      toActionEntity(action, { partitionKey, rowKey: actionRow(ref.meetingNumber, ref.sequence) }),
    );
  }

  async getAction(refText: string): Promise<Action | undefined> {
    const ref = parseActionRef(refText);
    if (!ref) return undefined;
    const entity = await readOptional<ActionEntity>(
      this.table,
      keyOf(ref),
      `read action ${refText}`,
    );
    return entity ? fromActionEntity(entity, ref.groupCode) : undefined;
  }

  async updateAction(refText: string, change: (action: Action) => Action): Promise<Action> {
    const ref = refOf(refText);
    const key = keyOf(ref);
    let updated: Action | undefined;
    try {
      await updateRow<ActionEntity>(this.table, key, `update action ${refText}`, (entity) => {
        updated = change(fromActionEntity(entity, ref.groupCode));
        return toActionEntity(updated, key);
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`There is no action ${refText}.`);
      throw error;
    }
    if (!updated) throw new Error('updateAction: no change was applied');
    return updated;
  }

  async listMeetingActions(groupCode: string, meetingNumber: number): Promise<Action[]> {
    const rows = await listRows<ActionEntity>(
      this.table,
      encodeKey(groupCode),
      meetingActionsPrefix(meetingNumber),
      'list meeting actions',
    );
    return rows.map((row) => fromActionEntity(row, groupCode));
  }

  async listOpenActions(groupCode: string): Promise<Action[]> {
    // The state filter runs in the service: closed actions are skipped there, and only this
    // group's partition is read.
    const rows = await listRows<ActionEntity>(
      this.table,
      encodeKey(groupCode),
      'action|',
      'list open actions',
      { odata: "state eq 'open'", holds: (row) => row.state === 'open' },
    );
    return rows.map((row) => fromActionEntity(row, groupCode));
  }
}

function refOf(text: string): ActionRef {
  const ref = parseActionRef(text);
  if (!ref)
    throw new ValidationError(`"${text}" is not an action reference like CCAG03-01.`, 'ref');
  return ref;
}

function keyOf(ref: ActionRef): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: encodeKey(ref.groupCode),
    rowKey: actionRow(ref.meetingNumber, ref.sequence),
  };
}
