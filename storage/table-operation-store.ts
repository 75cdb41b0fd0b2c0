import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableClient } from '@azure/data-tables';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../core/errors';
import type { OperationClaim, OperationRecord, OperationStore } from '../core/operations';
import { storageCall } from './storage-errors';
import { encodeKey } from './table-keys';

/**
 * Operation keys of exactly-once requests, in the Operations table: PartitionKey = the scope
 * (a conversation), RowKey = the key. `begin` is an insert, so of two requests with one key
 * exactly one is first; the answer (card JSON) is stored gzipped and base64-encoded.
 */
interface OperationEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  state: 'started' | 'done';
  startedAt: string;
  answer?: string;
}

// A string property holds 32K UTF-16 characters; a card answer gzips far below that.
const MAX_ANSWER_CHARS = 30_000;

export class TableOperationStore implements OperationStore {
  constructor(private readonly table: TableClient) {}

  async begin(scope: string, key: string, at: Date, staleAfterMs: number): Promise<OperationClaim> {
    checkOperationKey(key);
    const entity: OperationEntity = {
      partitionKey: encodeKey(scope),
      rowKey: encodeKey(key),
      state: 'started',
      startedAt: at.toISOString(),
    };
    try {
      await storageCall('claim an operation', () => this.table.createEntity(entity));
      return { first: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const current = await this.read(scope, key);
    if (!current) return this.begin(scope, key, at, staleAfterMs);
    const record = recordOf(current);
    const stale =
      record.state === 'started' && at.getTime() - Date.parse(record.startedAt) > staleAfterMs;
    if (!stale) return { first: false, record };
    try {
      await storageCall('take over a stale operation', () =>
        this.table.updateEntity(entity, 'Replace', { etag: current.etag }),
      );
      return { first: true };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      const now = await this.read(scope, key);
      return now
        ? { first: false, record: recordOf(now) }
        : this.begin(scope, key, at, staleAfterMs);
    }
  }

  async finish(scope: string, key: string, answer: unknown, at: Date): Promise<void> {
    void at;
    const packed = gzipSync(JSON.stringify(answer)).toString('base64');
    // Merge keeps the claim's startedAt: the record says when the first run began.
    const entity = {
      partitionKey: encodeKey(scope),
      rowKey: encodeKey(key),
      state: 'done' as const,
      ...(packed.length <= MAX_ANSWER_CHARS ? { answer: packed } : {}),
    };
    await storageCall('record an operation', () => this.table.upsertEntity(entity, 'Merge'));
  }

  async abandon(scope: string, key: string): Promise<void> {
    try {
      await storageCall('release an operation', () =>
        this.table.deleteEntity(encodeKey(scope), encodeKey(key)),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  async get(scope: string, key: string): Promise<OperationRecord | undefined> {
    const entity = await this.read(scope, key);
    return entity ? recordOf(entity) : undefined;
  }

  private async read(scope: string, key: string) {
    try {
      return await storageCall('read an operation', () =>
        this.table.getEntity<OperationEntity>(encodeKey(scope), encodeKey(key)),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}

function recordOf(entity: OperationEntity): OperationRecord {
  return {
    key: decodeURIComponent(entity.rowKey),
    state: entity.state,
    startedAt: entity.startedAt,
    ...(entity.answer
      ? {
          answer: JSON.parse(
            gunzipSync(Buffer.from(entity.answer, 'base64')).toString('utf8'),
          ) as unknown,
        }
      : {}),
  };
}

const OPERATION_KEY = /^[A-Za-z0-9:_.-]{1,200}$/;

function checkOperationKey(key: string): void {
  if (!OPERATION_KEY.test(key)) {
    throw new ValidationError(
      'An operation key is 1 to 200 letters, digits and ":_-." characters.',
      'operation',
    );
  }
}
