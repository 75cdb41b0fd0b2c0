import { createAction, type Action, type ActionDraft } from '../../../core/action';
import { parseActionRef } from '../../../core/action-ref';
import { parseDueDate } from '../../../core/due-date';
import { parseOwners } from '../../../core/owner';
import type { Person } from '../../../core/person';

/** People and a clock the contract suites share (frozen: scribbleOn must never reach them). */
export const ADA: Person = Object.freeze({
  id: '29:ada',
  name: 'Ada Lovelace',
  aadObjectId: 'aad-ada',
});
export const GRACE: Person = Object.freeze({
  id: '29:grace',
  name: 'Grace Hopper',
  aadObjectId: 'aad-grace',
});
export const NOW = new Date('2022-02-23T11:00:00Z');

/** Opens a fresh, empty store (its own tables) of the implementation under test. */
export type OpenStore<T> = () => Promise<T>;

export function draft(text: string, overrides: Partial<ActionDraft> = {}): ActionDraft {
  return {
    area: 'Horizon Scanning',
    text,
    owners: parseOwners('Programme (PMO)'),
    due: parseDueDate('23/03/22'),
    ...overrides,
  };
}

/** An action under `ref` (e.g. for importAction), due on `due` (yyyy-mm-dd) when given. */
export function actionAt(ref: string, text = `Action ${ref}`, due?: string): Action {
  const parsed = parseActionRef(ref);
  if (!parsed) throw new Error(`bad ref ${ref}`);
  return createAction(draft(text, due ? { due: { date: due } } : {}), parsed, ADA, NOW);
}

/** What a caller might do to a value it got back: mutate it in place, readonly types or not. */
export function scribbleOn(value: unknown): void {
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (Array.isArray(field)) field.push('scribbled');
    else if (typeof field === 'string') record[key] = `${field} scribbled`;
    else if (field && typeof field === 'object') scribbleOn(field);
  }
}
