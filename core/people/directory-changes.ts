import type { DirectoryEntry } from './directory';
import { checkDirectoryEntry, nameKey, personKey, sameEntry } from './directory-entry';

/** One write that saving entries makes. */
export interface DirectoryChange {
  /** The entry to write, under its {@link personKey}. */
  readonly entry: DirectoryEntry;
  readonly outcome: 'added' | 'changed';
  /**
   * A stored entry under another key that this one replaces, to be deleted with the write: a
   * person known by name and organisation who is now saved with an e-mail.
   */
  readonly replaces?: DirectoryEntry;
}

/**
 * Works out what {@link DirectoryStore.savePeople} writes, for every implementation alike.
 *
 * Entries are keyed by {@link personKey}; of two with one key, the later wins. An entry equal to
 * the stored one is left alone (neither added nor changed), so saving the same list twice writes
 * nothing. A person first saved without an e-mail and saved again with one is the same person:
 * the entry keyed by name and organisation is replaced, not kept beside the new one.
 *
 * @throws ValidationError when an entry is not a valid directory entry.
 */
export function planDirectorySave(
  stored: readonly DirectoryEntry[],
  entries: readonly DirectoryEntry[],
): DirectoryChange[] {
  const byKey = new Map(stored.map((entry) => [personKey(entry), entry]));
  const incoming = new Map(
    entries.map((entry) => {
      const checked = checkDirectoryEntry(entry);
      return [personKey(checked), checked] as const;
    }),
  );
  const changes: DirectoryChange[] = [];
  for (const [key, entry] of incoming) {
    const current = byKey.get(key);
    if (current) {
      if (!sameEntry(current, entry)) changes.push({ entry, outcome: 'changed' });
      continue;
    }
    const byName = nameKey(entry);
    const knownByName = entry.email ? byKey.get(byName) : undefined;
    if (knownByName && !incoming.has(byName)) {
      byKey.delete(byName);
      changes.push({ entry, outcome: 'changed', replaces: knownByName });
      continue;
    }
    changes.push({ entry, outcome: 'added' });
  }
  return changes;
}

/** How many of the changes add a person and how many change one. */
export function countChanges(changes: readonly DirectoryChange[]): {
  added: number;
  changed: number;
} {
  const added = changes.filter((change) => change.outcome === 'added').length;
  return { added, changed: changes.length - added };
}

/**
 * The entry an import writes for one of its people: what the file says, over what the directory
 * already knows of that person. A file can add and change, never erase: an empty cell keeps the
 * stored value, and what a file cannot say (the Teams id the bot learnt) is always kept. Removing
 * someone's details is done in Teams with the `people` card.
 */
export function mergeImportedEntry(
  stored: readonly DirectoryEntry[],
  imported: DirectoryEntry,
): DirectoryEntry {
  const current =
    stored.find((entry) => personKey(entry) === personKey(imported)) ??
    (imported.email
      ? stored.find((entry) => !entry.email && nameKey(entry) === nameKey(imported))
      : undefined);
  if (!current) return imported;
  const merged: DirectoryEntry = {
    ...current,
    ...Object.fromEntries(Object.entries(imported).filter(([, value]) => value !== undefined)),
  };
  return merged;
}
