import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { NotFoundError, ValidationError } from '../core/errors';
import type { OperationClaim, OperationRecord, OperationStore } from '../core/operations';
import { forgetRowsBefore, type AgedRows } from './aged-rows';
import { readJsonColumns, writeJsonColumns } from './json-columns';
import {
  newOperationId,
  readOptional,
  stampOperation,
  writeRowOnce,
  wroteRow,
  type RowKey,
} from './optimistic-write';
import { storageIdempotentWrite } from './storage-errors';
import { decodeKey, encodeKey } from './table-keys';

/**
 * The Operations table: one row per operation key (exactly-once requests, core/operations.ts).
 * PartitionKey = the scope (a conversation or a group), RowKey = the key, both encoded.
 *
 * `begin` is an insert: of any number of callers exactly one creates the row and runs; the others
 * read it. A row left `started` past `staleAfterMs` (its instance died) is taken over by a
 * replace under the ETag read, so again exactly one caller wins. `finish` stores the answer (an
 * Adaptive Card's JSON, up to ~28 KB): as JSON when it fits one column, otherwise gzipped and
 * base64-encoded, split over `answer0…` (json-columns.ts). `abandon` deletes the row.
 * `forgetBefore` deletes the rows last recorded before a cutoff (aged-rows.ts).
 */
interface OperationEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  state: OperationRecord['state'];
  /** Absent only when an answer was recorded for a claim abandoned meanwhile. */
  startedAt?: string;
  finishedAt?: string;
  /** How the `answer…` columns hold the answer; absent when there is none. */
  answerEncoding?: 'json' | 'gzip-base64';
}

/**
 * Every row of the table is an operation. Its last write is `finishedAt` once done, else
 * `startedAt` (a takeover renews it).
 */
const OPERATIONS: AgedRows = {
  operation: 'forget old operations',
  recordedAt: ['finishedAt', 'startedAt'],
};

const KEY_PATTERN = /^[A-Za-z0-9:_.-]{1,200}$/;
/** An answer whose JSON is longer than this is gzipped (one string column holds 32K characters). */
const PLAIN_ANSWER_LIMIT = 30_000;
/** A claim abandoned or taken over between our reads is tried again this many times. */
const MAX_CLAIM_ATTEMPTS = 5;

export class TableOperationStore implements OperationStore {
  constructor(private readonly table: TableClient) {}

  async begin(scope: string, key: string, at: Date, staleAfterMs: number): Promise<OperationClaim> {
    const row = rowOf(scope, key);
    const operationId = newOperationId();
    const mine = (stored: Record<string, unknown>) => wroteRow(stored, operationId);
    const started = (previous?: Record<string, unknown>): OperationEntity =>
      stampOperation(
        { ...row, state: 'started', startedAt: at.toISOString() },
        operationId,
        previous,
      );
    for (let attempt = 1; ; attempt++) {
      if (
        (await writeRowOnce(this.table, started(), undefined, 'claim operation', mine)) !==
        undefined
      ) {
        return { first: true };
      }
      const existing = await readOptional<OperationEntity>(this.table, row, 'read operation');
      if (!existing) {
        if (attempt < MAX_CLAIM_ATTEMPTS) continue; // abandoned meanwhile: claim it afresh
        throw new NotFoundError(`The operation ${key} was abandoned while being claimed.`);
      }
      const record = recordOf(existing, key);
      const startedAt = Date.parse(record.startedAt);
      const stale =
        record.state === 'started' &&
        (Number.isNaN(startedAt) || at.getTime() - startedAt > staleAfterMs);
      if (!stale) return { first: false, record };
      const taken = await writeRowOnce(
        this.table,
        started(existing),
        existing.etag,
        'take over operation',
        mine,
      );
      if (taken !== undefined) return { first: true };
      // Another caller took it over first: theirs stands.
      if (attempt >= MAX_CLAIM_ATTEMPTS) return { first: false, record };
    }
  }

  async finish(scope: string, key: string, answer: unknown, at: Date): Promise<void> {
    // A merge: the claim's startedAt and operation ids stay.
    const entity: OperationEntity = {
      ...rowOf(scope, key),
      state: 'done',
      finishedAt: at.toISOString(),
      ...answerColumns(answer, key),
    };
    // Setting the same answer twice is harmless: a lost answer may be sent again.
    await storageIdempotentWrite('record operation answer', () =>
      this.table.upsertEntity(entity, 'Merge'),
    );
  }

  async abandon(scope: string, key: string): Promise<void> {
    const row = rowOf(scope, key);
    try {
      await storageIdempotentWrite('abandon operation', () =>
        this.table.deleteEntity(row.partitionKey, row.rowKey),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  async forgetBefore(cutoff: Date, stop?: AbortSignal): Promise<number> {
    return forgetRowsBefore(this.table, OPERATIONS, cutoff, stop);
  }

  async get(scope: string, key: string): Promise<OperationRecord | undefined> {
    const entity = await readOptional<OperationEntity>(
      this.table,
      rowOf(scope, key),
      'read operation',
    );
    return entity ? recordOf(entity, key) : undefined;
  }
}

function rowOf(scope: string, key: string): RowKey {
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError(
      'An operation key is 1 to 200 letters, digits and ":_-." characters.',
      'operationKey',
    );
  }
  if (scope.length === 0) throw new ValidationError('An operation needs a scope.', 'scope');
  return { partitionKey: encodeKey(scope), rowKey: encodeKey(key) };
}

function answerColumns(answer: unknown, key: string): Record<string, unknown> {
  if (answer === undefined) return {};
  const json = JSON.stringify(answer);
  if (json.length <= PLAIN_ANSWER_LIMIT) {
    return { answerEncoding: 'json', ...writeJsonColumns('answer', answer, `Operation ${key}`) };
  }
  const packed = gzipSync(Buffer.from(json, 'utf8')).toString('base64');
  return {
    answerEncoding: 'gzip-base64',
    ...writeJsonColumns('answer', packed, `The answer of operation ${key}`),
  };
}

function recordOf(
  entity: TableEntityResult<OperationEntity> | OperationEntity,
  key: string,
): OperationRecord {
  const startedAt = String(entity.startedAt ?? entity.finishedAt ?? '');
  const base = {
    key: key || decodeKey(entity.rowKey),
    state: entity.state === 'done' ? ('done' as const) : ('started' as const),
    startedAt,
  };
  if (base.state !== 'done' || !entity.answerEncoding) return base;
  const stored = readJsonColumns<unknown>(entity, 'answer');
  const answer =
    entity.answerEncoding === 'gzip-base64'
      ? (JSON.parse(gunzipSync(Buffer.from(String(stored), 'base64')).toString('utf8')) as unknown)
      : stored;
  return { ...base, answer };
}
