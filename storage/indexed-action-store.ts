import type { Action } from '../core/action';
import type { ActionRef } from '../core/action-ref';
import { StorageUnavailableError } from '../core/errors';
import type { DueIndex } from '../core/reminders/reminder-stores';
import type { ActionStore, WriteOptions } from '../core/stores';
import type { ActionWriteOptions } from './table-action-store';

/** Told when the due index could not drop an entry it no longer needs; the sweep repairs it. */
export type IndexFailureHandler = (ref: string, error: unknown) => void;

/**
 * An ActionStore that keeps the due index in step with every change. The index is another table
 * (no transaction spans both), so its entry is written FIRST: before the action is stored under
 * a due date, the index lists it there. A failed index write fails the change with nothing saved;
 * a change that fails after its entry was written leaves an entry too many, which the sweep
 * (re-reading every action it finds) repairs. So the index may list too much, never too little:
 * no stored open action is left out of the sweeps.
 *
 * Entries the action no longer has (an old due date, a closed action) are removed after the
 * write; when that fails the change still stands and `onIndexFailure` is told.
 */
export class IndexedActionStore implements ActionStore {
  constructor(
    private readonly actions: ActionStore,
    private readonly index: DueIndex,
    private readonly onIndexFailure: IndexFailureHandler,
  ) {}

  async addAction(
    groupCode: string,
    meetingNumber: number,
    build: (ref: ActionRef) => Action,
    options: WriteOptions = {},
  ): Promise<Action> {
    let ahead = false;
    const withIndex: ActionWriteOptions = {
      ...options,
      beforeWrite: async (next) => {
        ahead = true;
        await this.writeAhead(next, 'add action');
      },
    };
    const action = await this.actions.addAction(groupCode, meetingNumber, build, withIndex);
    // A store that does not run beforeWrite (an in-memory one) is followed the old way.
    if (!ahead) await this.follow(action);
    return action;
  }

  async importAction(action: Action): Promise<boolean> {
    await this.writeAhead(action, `import action ${action.ref}`);
    return this.actions.importAction(action);
  }

  getAction(ref: string): Promise<Action | undefined> {
    return this.actions.getAction(ref);
  }

  async updateAction(
    ref: string,
    change: (action: Action) => Action,
    options: WriteOptions = {},
  ): Promise<Action> {
    let before: Action | undefined;
    let ahead = false;
    const withIndex: ActionWriteOptions = {
      ...options,
      beforeWrite: async (next) => {
        ahead = true;
        await this.writeAhead(next, `update action ${ref}`);
      },
    };
    const updated = await this.actions.updateAction(
      ref,
      (current) => {
        // The last attempt's input is what the write replaced.
        before = current;
        return change(current);
      },
      withIndex,
    );
    if (!ahead) await this.follow(updated, before);
    else if (before) await this.retire(updated, before);
    return updated;
  }

  listMeetingActions(groupCode: string, meetingNumber: number): Promise<Action[]> {
    return this.actions.listMeetingActions(groupCode, meetingNumber);
  }

  listOpenActions(groupCode: string): Promise<Action[]> {
    return this.actions.listOpenActions(groupCode);
  }

  /**
   * Lists the action under its due date before it is stored so.
   * @throws StorageUnavailableError when the index cannot be written: the change is not made.
   */
  private async writeAhead(next: Action, operation: string): Promise<void> {
    if (next.state !== 'open' || !next.due) return;
    try {
      await this.index.record(next);
    } catch (error) {
      throw new StorageUnavailableError(
        `${operation}: the reminder index could not be written, so nothing was saved`,
        { cause: error },
      );
    }
  }

  /** Removes the entry `before` had and `after` has not (best effort: a stale entry is harmless). */
  private async retire(after: Action, before: Action): Promise<void> {
    const dueBefore = before.state === 'open' ? before.due?.date : undefined;
    const dueAfter = after.state === 'open' ? after.due?.date : undefined;
    if (!dueBefore || dueBefore === dueAfter) return;
    try {
      await this.index.remove({ dueDate: dueBefore, ref: after.ref, groupCode: after.groupCode });
    } catch (error) {
      this.onIndexFailure(after.ref, error);
    }
  }

  private async follow(action: Action, before?: Action): Promise<void> {
    try {
      await this.index.record(action, before);
    } catch (error) {
      this.onIndexFailure(action.ref, error);
    }
  }
}
