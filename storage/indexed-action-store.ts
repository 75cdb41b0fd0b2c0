import type { Action } from '../core/action';
import type { ActionRef } from '../core/action-ref';
import type { DueIndex } from '../core/reminders/reminder-stores';
import type { ActionStore } from '../core/stores';

/** Told when the due index could not follow a change; the sweep repairs stale entries. */
export type IndexFailureHandler = (ref: string, error: unknown) => void;

/**
 * An ActionStore that keeps the due index in step with every change. The action is written
 * first and is what counts: the index is another table (no transaction spans both), so a failed
 * index write is reported, never thrown, and the action is not lost. An entry left stale is
 * repaired by the sweep, which re-reads each action it finds in the index.
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
  ): Promise<Action> {
    const action = await this.actions.addAction(groupCode, meetingNumber, build);
    await this.follow(action);
    return action;
  }

  async importAction(action: Action): Promise<boolean> {
    const stored = await this.actions.importAction(action);
    if (stored) await this.follow(action);
    return stored;
  }

  getAction(ref: string): Promise<Action | undefined> {
    return this.actions.getAction(ref);
  }

  async updateAction(ref: string, change: (action: Action) => Action): Promise<Action> {
    let before: Action | undefined;
    const updated = await this.actions.updateAction(ref, (current) => {
      // The last attempt's input is what the write replaced.
      before = current;
      return change(current);
    });
    await this.follow(updated, before);
    return updated;
  }

  listMeetingActions(groupCode: string, meetingNumber: number): Promise<Action[]> {
    return this.actions.listMeetingActions(groupCode, meetingNumber);
  }

  listOpenActions(groupCode: string): Promise<Action[]> {
    return this.actions.listOpenActions(groupCode);
  }

  private async follow(action: Action, before?: Action): Promise<void> {
    try {
      await this.index.record(action, before);
    } catch (error) {
      this.onIndexFailure(action.ref, error);
    }
  }
}
