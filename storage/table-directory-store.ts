import { createHash } from 'node:crypto';
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import type { DirectoryEntry, DirectoryStore } from '../core/people/directory';
import {
  countChanges,
  planDirectorySave,
  type DirectoryChange,
} from '../core/people/directory-changes';
import { compareEntries, personKey } from '../core/people/directory-entry';
import { listRows } from './partition-query';
import { storageCall } from './storage-errors';
import { encodeKey } from './table-keys';

/**
 * The group's directory of people, in the group's partition of the Groups table: one row per
 * person, RowKey `person|<key>` (see storage/README.md). Columns, not JSON, so an administrator
 * can read and fix them in Storage Explorer.
 */
interface PersonEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'person';
  schema: 1;
  /** The entry's {@link personKey}, as the RowKey encodes it. */
  key: string;
  name: string;
  organisation?: string;
  email?: string;
  aadObjectId?: string;
  teamsUserId?: string;
  guest?: boolean;
}

const PERSON_PREFIX = 'person|';
// An entity-group transaction holds at most 100 operations.
const MAX_BATCH = 100;
const MAX_ATTEMPTS = 8;

export class TableDirectoryStore implements DirectoryStore {
  constructor(private readonly table: TableClient) {}

  async listPeople(groupCode: string): Promise<DirectoryEntry[]> {
    const rows = await this.rows(groupCode);
    return rows.map(entryOf).sort(compareEntries);
  }

  /**
   * Writes what {@link planDirectorySave} says, in transactions of the group's partition, each
   * row under the ETag it was read with. A writer that raced another re-reads and plans again,
   * so concurrent saves never overwrite each other blindly and an identical entry is never
   * rewritten (a repeated import leaves every row, ETag included, as it was).
   */
  async savePeople(
    groupCode: string,
    entries: readonly DirectoryEntry[],
  ): Promise<{ added: number; changed: number }> {
    const partitionKey = encodeKey(groupCode);
    const total = { added: 0, changed: 0 };
    for (let attempt = 1; ; attempt++) {
      const rows = await this.rows(groupCode);
      const byRowKey = new Map(rows.map((row) => [row.rowKey, row]));
      const changes = planDirectorySave(rows.map(entryOf), entries);
      if (changes.length === 0) return total;
      try {
        for (const batch of batches(changes)) {
          const actions = batch.flatMap((change) => transactionOf(partitionKey, change, byRowKey));
          await storageCall(`save the people of ${groupCode}`, () =>
            this.table.submitTransaction(actions),
          );
          const counts = countChanges(batch);
          total.added += counts.added;
          total.changed += counts.changed;
        }
        return total;
      } catch (error) {
        const raced = error instanceof PreconditionFailedError || error instanceof ConflictError;
        if (!raced || attempt >= MAX_ATTEMPTS) throw error;
        await pause(attempt);
      }
    }
  }

  async removePerson(groupCode: string, entry: DirectoryEntry): Promise<boolean> {
    try {
      await storageCall(`remove ${entry.name} from the people of ${groupCode}`, () =>
        this.table.deleteEntity(encodeKey(groupCode), personRow(personKey(entry))),
      );
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private rows(groupCode: string): Promise<TableEntityResult<PersonEntity>[]> {
    return listRows<TableEntityResult<PersonEntity>>(
      this.table,
      encodeKey(groupCode),
      PERSON_PREFIX,
      `list the people of ${groupCode}`,
    );
  }
}

/**
 * The RowKey of a person: `person|` and their key, percent-encoded. A key too long for a RowKey
 * (an e-mail near its 254 characters, long accented names) is stored under `_` and its SHA-256
 * instead; an encoded key starts `email%3A` or `name%3A`, never `_`, so the two never collide.
 */
export function personRow(key: string): string {
  // Percent-encoding makes at most three characters of each UTF-8 byte.
  if (Buffer.byteLength(key, 'utf8') * 3 <= 480) return `${PERSON_PREFIX}${encodeKey(key)}`;
  return `${PERSON_PREFIX}_${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function transactionOf(
  partitionKey: string,
  change: DirectoryChange,
  byRowKey: ReadonlyMap<string, TableEntityResult<PersonEntity>>,
): TransactionAction[] {
  const entity = entityOf(partitionKey, change.entry);
  const existing = byRowKey.get(entity.rowKey);
  const write: TransactionAction = existing
    ? ['update', entity, 'Replace', { etag: existing.etag }]
    : ['create', entity];
  if (!change.replaces) return [write];
  const replaced = byRowKey.get(personRow(personKey(change.replaces)));
  if (!replaced) return [write];
  // A transaction's delete takes no ETag; the create beside it fails on a race (409), and with it
  // the whole transaction, which is then planned again.
  return [['delete', { partitionKey, rowKey: replaced.rowKey }], write];
}

// A replacement (delete + write) stays in one transaction, so a person is never lost between two.
function batches(changes: readonly DirectoryChange[]): DirectoryChange[][] {
  const result: DirectoryChange[][] = [];
  let current: DirectoryChange[] = [];
  let size = 0;
  for (const change of changes) {
    const operations = change.replaces ? 2 : 1;
    if (size + operations > MAX_BATCH) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(change);
    size += operations;
  }
  if (current.length > 0) result.push(current);
  return result;
}

function entityOf(partitionKey: string, entry: DirectoryEntry): PersonEntity {
  const key = personKey(entry);
  return {
    partitionKey,
    rowKey: personRow(key),
    kind: 'person',
    schema: 1,
    key,
    name: entry.name,
    ...(entry.organisation ? { organisation: entry.organisation } : {}),
    ...(entry.email ? { email: entry.email } : {}),
    ...(entry.aadObjectId ? { aadObjectId: entry.aadObjectId } : {}),
    ...(entry.teamsUserId ? { teamsUserId: entry.teamsUserId } : {}),
    ...(entry.guest ? { guest: true } : {}),
  };
}

function entryOf(row: PersonEntity): DirectoryEntry {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const organisation = text(row.organisation);
  const email = text(row.email);
  const aadObjectId = text(row.aadObjectId);
  const teamsUserId = text(row.teamsUserId);
  return {
    name: String(row.name ?? ''),
    ...(organisation ? { organisation } : {}),
    ...(email ? { email } : {}),
    ...(aadObjectId ? { aadObjectId } : {}),
    ...(teamsUserId ? { teamsUserId } : {}),
    ...(row.guest === true ? { guest: true } : {}),
  };
}

// Random pauses growing with the attempt keep racing writers from colliding in lockstep.
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
}
