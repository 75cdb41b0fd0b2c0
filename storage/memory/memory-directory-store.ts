import type { DirectoryEntry, DirectoryStore } from '../../core/people/directory';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';

const ENTRY_FIELDS = [
  'name',
  'organisation',
  'email',
  'aadObjectId',
  'teamsUserId',
  'guest',
] as const satisfies ReadonlyArray<keyof DirectoryEntry>;

/**
 * A group's directory of people in memory: one row per person in the group's partition, keyed by
 * e-mail address (any case) when there is one, else by name and organisation.
 */
export class MemoryDirectoryStore implements DirectoryStore {
  constructor(private readonly table: MemoryTable) {}

  async listPeople(groupCode: string): Promise<DirectoryEntry[]> {
    return this.table
      .range<DirectoryEntry>(encodeKey(groupCode))
      .map((row) => row.value)
      .sort(
        (a, b) =>
          a.name.localeCompare(b.name) ||
          (a.organisation ?? '').localeCompare(b.organisation ?? ''),
      );
  }

  async savePeople(
    groupCode: string,
    entries: readonly DirectoryEntry[],
  ): Promise<{ added: number; changed: number }> {
    let added = 0;
    let changed = 0;
    for (const entry of entries) {
      const at = entryAt(groupCode, entry);
      const current = this.table.get<DirectoryEntry>(at)?.value;
      if (current && sameEntry(current, entry)) continue;
      this.table.upsert(at, entry);
      if (current) changed += 1;
      else added += 1;
    }
    return { added, changed };
  }

  async removePerson(groupCode: string, entry: DirectoryEntry): Promise<boolean> {
    return this.table.delete(entryAt(groupCode, entry));
  }
}

/** The key savePeople files an entry under. */
function entryAt(groupCode: string, entry: DirectoryEntry) {
  const email = entry.email?.trim().toLowerCase();
  const person = email ? `email|${email}` : `name|${entry.name}|${entry.organisation ?? ''}`;
  return { partitionKey: encodeKey(groupCode), rowKey: encodeKey(person) };
}

function sameEntry(a: DirectoryEntry, b: DirectoryEntry): boolean {
  return ENTRY_FIELDS.every((field) => a[field] === b[field]);
}
