import { ValidationError } from '../../core/errors';
import type { OperationClaim, OperationRecord, OperationStore } from '../../core/operations';
import { encodeKey } from '../table-keys';
import { recordedBefore } from '../../core/retention/retention-window';
import { roundTrip, type MemoryTable } from './memory-table';

const OPERATION_KEY = /^[A-Za-z0-9:_.-]{1,200}$/;
const MAX_ATTEMPTS = 60;

/** A record as kept: with the time it was finished, which ages it for the retention sweep. */
interface StoredOperation extends OperationRecord {
  readonly finishedAt?: string;
}

/**
 * Operation keys in memory: one row per key in the scope's partition, claimed by a conditional
 * insert (or, for a stale claim, a conditional replace), so of callers arriving at once exactly
 * one runs.
 */
export class MemoryOperationStore implements OperationStore {
  constructor(private readonly table: MemoryTable) {}

  async begin(scope: string, key: string, at: Date, staleAfterMs: number): Promise<OperationClaim> {
    const address = operationAt(scope, key);
    const started: OperationRecord = { key, state: 'started', startedAt: at.toISOString() };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = this.table.get<StoredOperation>(address);
      await roundTrip();
      if (!current) {
        if (this.table.insert(address, started) !== undefined) return { first: true };
        continue;
      }
      const stale =
        current.value.state === 'started' &&
        at.getTime() - Date.parse(current.value.startedAt) > staleAfterMs;
      if (!stale) return { first: false, record: recordOf(current.value) };
      if (this.table.replace(address, started, current.etag) !== undefined) return { first: true };
    }
    throw new Error(`operation ${key}: its claim kept changing`);
  }

  async finish(scope: string, key: string, answer: unknown, at: Date): Promise<void> {
    const address = operationAt(scope, key);
    const startedAt = this.table.get<StoredOperation>(address)?.value.startedAt;
    const done: StoredOperation = {
      key,
      state: 'done',
      startedAt: startedAt ?? at.toISOString(),
      answer,
      finishedAt: at.toISOString(),
    };
    this.table.upsert(address, done);
  }

  async abandon(scope: string, key: string): Promise<void> {
    this.table.delete(operationAt(scope, key));
  }

  async get(scope: string, key: string): Promise<OperationRecord | undefined> {
    const stored = this.table.get<StoredOperation>(operationAt(scope, key))?.value;
    return stored ? recordOf(stored) : undefined;
  }

  async forgetBefore(cutoff: Date): Promise<number> {
    const old = this.table
      .scan<StoredOperation>(() => true)
      .filter((row) => recordedBefore(row.value.finishedAt ?? row.value.startedAt, cutoff));
    await roundTrip();
    return old.filter((row) => this.table.delete(row)).length;
  }
}

function recordOf(stored: StoredOperation): OperationRecord {
  const { finishedAt: _finishedAt, ...record } = stored;
  return record;
}

function operationAt(scope: string, key: string) {
  if (!OPERATION_KEY.test(key)) {
    throw new ValidationError(
      'An operation key is 1 to 200 letters, digits and ":_-." characters.',
      'operationKey',
    );
  }
  return { partitionKey: encodeKey(scope), rowKey: key };
}
