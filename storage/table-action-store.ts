import { odata, type TableClient } from '@azure/data-tables';
import type { Action } from '../core/action';
import { parseActionRef, type ActionRef } from '../core/action-ref';
import { NotFoundError, ValidationError } from '../core/errors';
import type { ActionStore, WriteOptions } from '../core/stores';
import { fromActionEntity, toActionEntity, type ActionEntity } from './action-entity';
import { actionRow, counterRow, meetingActionsPrefix, receiptRow } from './group-partition';
import { NumberedInserts, insertNumbered } from './numbered-inserts';
import { checkOperationId, readOptional, updateRow } from './optimistic-write';
import { listRows } from './partition-query';
import { encodeKey } from './table-keys';

/** What storage/ itself passes along with a write: a step to run before it (the due index). */
export interface ActionWriteOptions extends WriteOptions {
  /**
   * Runs before the write that stores `next` (`previous` is undefined for an add), once per
   * attempt; when it throws, nothing is written and its error reaches the caller.
   */
  readonly beforeWrite?: (next: Action, previous: Action | undefined) => Promise<void>;
}

export interface TableActionStoreOptions {
  /** The clock an add's receipt records its `storedAt` by; the system clock by default. */
  readonly now?: () => Date;
}

/** Actions in the Groups table; see group-partition.ts for the keys. */
export class TableActionStore implements ActionStore {
  private readonly inserts: NumberedInserts;

  constructor(
    private readonly table: TableClient,
    options: TableActionStoreOptions = {},
  ) {
    this.inserts = new NumberedInserts(table, options.now ? { now: options.now } : {});
  }

  async addAction(
    groupCode: string,
    meetingNumber: number,
    build: (ref: ActionRef) => Action,
    options: ActionWriteOptions = {},
  ): Promise<Action> {
    const partitionKey = encodeKey(groupCode);
    const { beforeWrite } = options;
    const operationId = checkOperationId(options.operationId);
    return this.inserts.insert<Action>(
      { partitionKey, rowKey: counterRow('action', meetingNumber) },
      'add action',
      {
        operationId,
        // A caller's id names one add (a click): made once, a repeat answered with its action.
        ...(options.operationId
          ? {
              receipt: {
                rowKey: receiptRow('action', meetingNumber, operationId),
                stored: (row) => fromActionEntity(row as ActionEntity, groupCode),
              },
            }
          : {}),
        build: (sequence) => {
          const value = build({ groupCode, meetingNumber, sequence });
          const rowKey = actionRow(meetingNumber, sequence);
          return { row: toActionEntity(value, { partitionKey, rowKey }), value };
        },
        ...(beforeWrite ? { beforeWrite: (value: Action) => beforeWrite(value, undefined) } : {}),
      },
    );
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
      checkOperationId(undefined),
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

  async updateAction(
    refText: string,
    change: (action: Action) => Action,
    options: ActionWriteOptions = {},
  ): Promise<Action> {
    const ref = refOf(refText);
    const key = keyOf(ref);
    const { beforeWrite } = options;
    let written: { entity: ActionEntity; action: Action } | undefined;
    try {
      const stored = await updateRow<ActionEntity>(
        this.table,
        key,
        `update action ${refText}`,
        (entity) => {
          const action = change(fromActionEntity(entity, ref.groupCode));
          written = { entity: toActionEntity(action, key), action };
          return written.entity;
        },
        {
          operationId: checkOperationId(options.operationId),
          ...(beforeWrite
            ? {
                beforeWrite: (next, current) =>
                  beforeWrite(
                    fromActionEntity(next, ref.groupCode),
                    fromActionEntity(current, ref.groupCode),
                  ),
              }
            : {}),
        },
      );
      // What this call wrote, or the action as stored when the operation had been applied.
      return stored === written?.entity ? written.action : fromActionEntity(stored, ref.groupCode);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`There is no action ${refText}.`);
      throw error;
    }
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
      { odata: odata`state eq ${'open'}`, holds: (row) => row.state === 'open' },
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
