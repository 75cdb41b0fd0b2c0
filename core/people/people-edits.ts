import { ConflictError, NotFoundError } from '../errors';
import type { DirectoryEntry, DirectoryStore } from './directory';
import { personKey } from './directory-entry';

/** What a chair's save did to the directory. */
export type PersonSaveOutcome = 'added' | 'changed' | 'unchanged';

/** The entry of the group's directory with this {@link personKey}, if any. */
export async function findPerson(
  store: DirectoryStore,
  groupCode: string,
  key: string,
): Promise<DirectoryEntry | undefined> {
  return (await store.listPeople(groupCode)).find((entry) => personKey(entry) === key);
}

/**
 * Saves one person from the `people` card. `previousKey` is the key of the entry the chair
 * opened for editing (absent for a new person); when the edit changes the key (a new e-mail
 * address), the old entry is replaced. The Teams id the bot learnt is kept: the form cannot show it.
 *
 * @throws ConflictError when the entry would take the key of another person of the directory.
 * @throws NotFoundError when the entry being edited was removed meanwhile.
 */
export async function savePerson(
  store: DirectoryStore,
  groupCode: string,
  entry: DirectoryEntry,
  previousKey?: string,
): Promise<PersonSaveOutcome> {
  const people = await store.listPeople(groupCode);
  const key = personKey(entry);
  const previous =
    previousKey === undefined ? undefined : people.find((each) => personKey(each) === previousKey);
  if (previousKey !== undefined && !previous) {
    throw new NotFoundError(`${entry.name} is no longer in the directory: someone removed them.`);
  }
  const holder = people.find((each) => personKey(each) === key);
  if (holder && holder !== previous) {
    throw new ConflictError(
      previousKey === undefined
        ? `${holder.name} is in the directory already${holder.email ? ` with ${holder.email}` : ''}: edit them instead.`
        : `Another person of the directory, ${holder.name}, has ${entry.email ? `the e-mail ${entry.email}` : 'this name and organisation'}.`,
    );
  }
  const kept =
    previous?.teamsUserId && !entry.teamsUserId ? { teamsUserId: previous.teamsUserId } : {};
  const { added, changed } = await store.savePeople(groupCode, [{ ...entry, ...kept }]);
  // Saved first, removed second: a failure between leaves the person twice, never not at all.
  if (previous && personKey(previous) !== key) await store.removePerson(groupCode, previous);
  if (added > 0) return previous ? 'changed' : 'added';
  return changed > 0 ? 'changed' : 'unchanged';
}
