import type { Action } from '../../core/action';
import { parseActionRef, type ActionRef } from '../../core/action-ref';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { ActionStore, WriteOptions } from '../../core/stores';
import { actionRow, counterRow, meetingActionsPrefix, receiptRow } from '../group-partition';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';
import { insertNumbered, insertWithNextNumber, updateRow } from './memory-writes';

/** Actions in memory, under the keys TableActionStore uses, so they list in the same order. */
export class MemoryActionStore implements ActionStore {
  constructor(
    private readonly table: MemoryTable,
    /** The clock an add's receipt records its `storedAt` by. */
    private readonly options: { readonly now?: () => Date } = {},
  ) {}

  async addAction(
    groupCode: string,
    meetingNumber: number,
    build: (ref: ActionRef) => Action,
    options: WriteOptions = {},
  ): Promise<Action> {
    const partitionKey = encodeKey(groupCode);
    return insertWithNextNumber(
      this.table,
      { partitionKey, rowKey: counterRow('action', meetingNumber) },
      (sequence) => build({ groupCode, meetingNumber, sequence }),
      (sequence) => addressOf({ groupCode, meetingNumber, sequence }),
      options.operationId
        ? { partitionKey, rowKey: receiptRow('action', meetingNumber, options.operationId) }
        : undefined,
      this.options.now,
    );
  }

  async importAction(action: Action): Promise<boolean> {
    const ref = refOf(action.ref);
    const partitionKey = encodeKey(ref.groupCode);
    return insertNumbered(
      this.table,
      { partitionKey, rowKey: counterRow('action', ref.meetingNumber) },
      ref.sequence,
      { at: addressOf(ref), value: action },
    );
  }

  async getAction(refText: string): Promise<Action | undefined> {
    const ref = parseActionRef(refText);
    if (!ref) return undefined;
    const stored = this.table.get<Action>(addressOf(ref))?.value;
    return stored ? { ...stored, groupCode: ref.groupCode } : undefined;
  }

  async updateAction(refText: string, change: (action: Action) => Action): Promise<Action> {
    const ref = refOf(refText);
    return updateRow(
      this.table,
      addressOf(ref),
      (stored: Action) => change({ ...stored, groupCode: ref.groupCode }),
      () => new NotFoundError(`There is no action ${refText}.`),
    );
  }

  async listMeetingActions(groupCode: string, meetingNumber: number): Promise<Action[]> {
    return this.table
      .range<Action>(encodeKey(groupCode), meetingActionsPrefix(meetingNumber))
      .map((row) => ({ ...row.value, groupCode }));
  }

  async listOpenActions(groupCode: string): Promise<Action[]> {
    return this.table
      .range<Action>(encodeKey(groupCode), 'action|')
      .filter((row) => row.value.state === 'open')
      .map((row) => ({ ...row.value, groupCode }));
  }
}

function refOf(text: string): ActionRef {
  const ref = parseActionRef(text);
  if (!ref)
    throw new ValidationError(`"${text}" is not an action reference like CCAG03-01.`, 'ref');
  return ref;
}

function addressOf(ref: ActionRef) {
  return {
    partitionKey: encodeKey(ref.groupCode),
    rowKey: actionRow(ref.meetingNumber, ref.sequence),
  };
}
